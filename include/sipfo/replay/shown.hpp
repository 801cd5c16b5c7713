#pragma once
// User-supplied text (scenario keys and values, server names, file names) made
// safe for a terminal. THE one call site replay's reader and replay's text
// renderer use, so it can be swapped for the project-wide escaping function
// (issue 16, "one escaping function for everything printed") in one place.
// JSON output does not use it: the encoder escapes, and replaces invalid UTF-8.

#include <cstddef>
#include <string>
#include <string_view>

namespace sipfo::replay {

// The escapes of util::printable: tab, LF, CR as \t \n \r; other C0 controls,
// DEL and bytes that are not UTF-8 as \xHH; C1 controls (U+009B is a CSI) and
// bidirectional overrides as \u{HHHH}. More than `limit` bytes are cut with "...".
std::string shown(std::string_view text, std::size_t limit = 80);

} // namespace sipfo::replay
