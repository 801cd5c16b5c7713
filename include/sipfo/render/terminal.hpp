#pragma once
// Terminal awareness: colour only on a real terminal (or when asked), NO_COLOR
// honoured (no-color.org), as ninja's LinePrinter does.

#include <optional>
#include <string>
#include <string_view>

namespace sipfo::render {

enum class ColorMode { automatic, always, never };

// Parses "auto", "always", "never".
std::optional<ColorMode> parse_color_mode(std::string_view text);

// Whether to colour output written to `fd` under `mode` (auto: a TTY and no NO_COLOR).
bool should_color(ColorMode mode, int fd);

// Whether `fd` is a terminal (for progress indicators on stderr).
bool is_terminal(int fd);

enum class Color { none, red, green, yellow, blue, magenta, cyan, dim, bold };

// Text wrapped in an ANSI colour when `enabled`; the text itself otherwise.
std::string paint(std::string_view text, Color color, bool enabled);

// Display width of `text`, not counting ANSI escape sequences.
std::size_t visible_width(std::string_view text);

// Bytes of plain `text` that fill at most `columns` columns, never ending inside
// a UTF-8 sequence: where to cut a cell, a row or a word that is too wide.
std::size_t bytes_for_columns(std::string_view text, std::size_t columns);

// The columns text output may use (the terminal's width, set once by the CLI
// before rendering); 0, the default, means no limit (pipes and files).
void set_text_width(std::size_t columns);
std::size_t text_width();

} // namespace sipfo::render
