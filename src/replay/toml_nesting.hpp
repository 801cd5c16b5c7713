#pragma once
// A bound on how deep a TOML document nests, checked before toml++ sees it.
// toml++ 3.3.0 (Debian 12) recurses once per dotted-key segment, table-header
// segment, array and inline table, with no limit of its own (upstream added one
// after 3.3.0): a 50,000-segment key overflows the stack. A scenario nests a few
// levels, so anything past `max_toml_nesting` is refused with FILE:LINE.

#include <string>
#include <string_view>

namespace sipfo::replay {

inline constexpr int max_toml_nesting = 64;

// Throws util::InputError("FILE:LINE", ...) at the first place the document nests
// deeper than `max_toml_nesting` (key segments of the current table header plus
// the key's own segments plus open arrays and inline tables). Malformed TOML is
// left to toml++ to report.
void check_toml_nesting(std::string_view text, const std::string& file);

} // namespace sipfo::replay
