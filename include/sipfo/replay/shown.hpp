#pragma once
// User-supplied text (scenario keys and values, server names, file names) made
// safe for a terminal: the project-wide util::printable, cut to `limit` bytes.
// Replay's reader and text renderer call only this, so every scenario string is
// escaped the same way as everything else sipfo prints. JSON output does not use
// it: render::json_text escapes, and replaces invalid UTF-8.

#include "sipfo/util/printable.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace sipfo::replay {

inline std::string shown(std::string_view text, std::size_t limit = 80)
{
  return util::printable(text, limit);
}

} // namespace sipfo::replay
