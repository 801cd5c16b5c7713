#include "text_pattern.hpp"

#include <charconv>

namespace sipfo::applog {

namespace {
constexpr std::string_view hole = "{}";

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
} // namespace

bool match_pattern(std::string_view text, std::string_view pattern, std::span<std::string_view> captures) noexcept
{
  std::size_t next_capture = 0;
  std::size_t at = 0; // position in text
  std::size_t hole_at = pattern.find(hole);
  const std::string_view first = pattern.substr(0, hole_at);
  if (text.substr(0, first.size()) != first) return false;
  at = first.size();
  while (hole_at != std::string_view::npos) {
    const std::size_t literal_begin = hole_at + hole.size();
    const std::size_t literal_end = pattern.find(hole, literal_begin);
    const std::string_view literal = pattern.substr(literal_begin, literal_end - literal_begin);
    if (next_capture >= captures.size()) return false;
    if (literal.empty()) {
      if (literal_end != std::string_view::npos) return false; // two holes in a row
      captures[next_capture++] = text.substr(at);
      return true;
    }
    const std::size_t found = text.find(literal, at);
    if (found == std::string_view::npos) return false;
    captures[next_capture++] = text.substr(at, found - at);
    at = found + literal.size();
    hole_at = literal_end;
  }
  return true;
}

std::optional<std::int64_t> parse_number(std::string_view text) noexcept
{
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::size_t ifind(std::string_view text, std::string_view word) noexcept
{
  if (word.empty()) return 0;
  if (word.size() > text.size()) return std::string_view::npos;
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    std::size_t j = 0;
    while (j < word.size() && lower(text[i + j]) == lower(word[j])) ++j;
    if (j == word.size()) return i;
  }
  return std::string_view::npos;
}

} // namespace sipfo::applog
