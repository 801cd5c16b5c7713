#include "sipfo/render/terminal.hpp"

#include <cstdlib>
#include <unistd.h>

namespace sipfo::render {

std::optional<ColorMode> parse_color_mode(std::string_view text)
{
  if (text == "auto") return ColorMode::automatic;
  if (text == "always") return ColorMode::always;
  if (text == "never") return ColorMode::never;
  return std::nullopt;
}

bool is_terminal(int fd)
{
  return ::isatty(fd) == 1;
}

bool should_color(ColorMode mode, int fd)
{
  switch (mode) {
  case ColorMode::always: return true;
  case ColorMode::never: return false;
  case ColorMode::automatic: break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return is_terminal(fd);
}

std::string paint(std::string_view text, Color color, bool enabled)
{
  if (!enabled || color == Color::none) return std::string(text);
  const char* code = "";
  switch (color) {
  case Color::none: break;
  case Color::red: code = "31"; break;
  case Color::green: code = "32"; break;
  case Color::yellow: code = "33"; break;
  case Color::blue: code = "34"; break;
  case Color::magenta: code = "35"; break;
  case Color::cyan: code = "36"; break;
  case Color::dim: code = "2"; break;
  case Color::bold: code = "1"; break;
  }
  std::string out = "\x1b[";
  out += code;
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

std::size_t visible_width(std::string_view text)
{
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      i += 2;
      while (i < text.size() && text[i] != 'm') ++i;
      continue;
    }
    // Count UTF-8 code points, not bytes: continuation bytes add no width.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::size_t bytes_for_columns(std::string_view text, std::size_t columns)
{
  std::size_t shown = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (shown == columns) break;
      ++shown;
    }
    ++i;
  }
  return i;
}

namespace {
std::size_t text_width_columns = 0;
} // namespace

void set_text_width(std::size_t columns) { text_width_columns = columns; }

std::size_t text_width() { return text_width_columns; }

} // namespace sipfo::render
