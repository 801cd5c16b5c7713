#include "sipfo/render/text_wrap.hpp"

#include "sipfo/render/terminal.hpp"

#include <algorithm>

namespace sipfo::render {

std::string wrap_text(std::string_view prefix, std::string_view text, std::size_t indent, std::size_t width)
{
  std::string out(prefix);
  if (width == 0) return out.append(text) + "\n";
  // A continuation line keeps at least 20 columns for words, however deep the indent.
  const std::size_t room = std::max<std::size_t>(width, indent + 20);
  std::size_t used = visible_width(prefix);
  bool fresh = true; // no word of `text` out yet
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    std::string_view word = text.substr(at, end - at);
    at = end == text.size() ? end : end + 1;
    if (word.empty()) continue;
    const std::size_t gap = fresh ? 0 : 1;
    const std::size_t word_width = visible_width(word);
    if (used + gap + word_width > room && used > indent && indent + word_width <= room) {
      out += '\n';
      out.append(indent, ' ');
      used = indent;
    } else if (gap == 1) {
      out += ' ';
      used += 1;
    }
    // A word wider than a whole line: cut it at the edge, go on below.
    while (used + visible_width(word) > room) {
      const std::size_t take = bytes_for_columns(word, room - used);
      out.append(word.substr(0, take));
      word.remove_prefix(take);
      out += '\n';
      out.append(indent, ' ');
      used = indent;
    }
    out.append(word);
    used += visible_width(word);
    fresh = false;
  }
  return out + "\n";
}

std::string wrap_text(std::string_view prefix, std::string_view text, std::size_t indent)
{
  return wrap_text(prefix, text, indent, text_width());
}

} // namespace sipfo::render
