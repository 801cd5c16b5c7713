#pragma once
// Long lines that fit the terminal (issue 14): words carried to a continuation
// line under a hanging indent, as man(1) and git's advice lines do, so a finding
// or a header never runs past the right edge. Pipes and files (text_width() 0)
// get the line whole, for grep and scripts.

#include <cstddef>
#include <string>
#include <string_view>

namespace sipfo::render {

// `prefix` + `text` as lines of at most `width` columns, broken at spaces;
// every line after the first starts with `indent` spaces. A word longer than
// a line is cut where the line ends. Each line ends in '\n'. With `width` 0,
// one line. `prefix` may hold colour escapes (not counted).
std::string wrap_text(std::string_view prefix, std::string_view text, std::size_t indent, std::size_t width);

// The same at the terminal's width (text_width(), terminal.hpp).
std::string wrap_text(std::string_view prefix, std::string_view text, std::size_t indent);

} // namespace sipfo::render
