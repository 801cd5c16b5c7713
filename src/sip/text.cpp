#include "text.hpp"

#include <string>

namespace sipfo::sip::detail {

std::string_view trim(std::string_view text) noexcept
{
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::size_t find_outside_quotes(std::string_view text, char separator, std::size_t from) noexcept
{
  // Most values hold no quote and no bracket: memchr-fast searches then.
  if (text.find('"', from) == std::string_view::npos && text.find('<', from) == std::string_view::npos)
    return text.find(separator, from);
  bool quoted = false;
  bool angle = false;
  for (std::size_t i = from; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '\\') ++i;
      else if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '<') {
      angle = true;
    } else if (c == '>') {
      angle = false;
    } else if (c == separator && !angle) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::vector<std::string_view> split_outside_quotes(std::string_view text, char separator)
{
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t at = find_outside_quotes(text, separator, 0); at != std::string_view::npos;
       at = find_outside_quotes(text, separator, start)) {
    parts.push_back(trim(text.substr(start, at - start)));
    start = at + 1;
  }
  parts.push_back(trim(text.substr(std::min(start, text.size()))));
  return parts;
}

std::string_view first_outside_quotes(std::string_view text, char separator) noexcept
{
  return trim(text.substr(0, find_outside_quotes(text, separator, 0)));
}

std::pair<std::string_view, std::string_view> split_param(std::string_view text) noexcept
{
  std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) return {trim(text), {}};
  return {trim(text.substr(0, eq)), trim(text.substr(eq + 1))};
}

std::string unquote(std::string_view text)
{
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::string(text);
  std::string out;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '\\' && i + 2 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

} // namespace sipfo::sip::detail
