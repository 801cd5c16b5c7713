#pragma once
// "did you mean": the closest known word to a mistyped one, as ninja does for tools.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sipfo::util {

// The choice closest to `word` (case-insensitive edit distance), if it is close
// enough to be a likely typo (distance <= max(1, length/3)).
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> choices);

// ASCII lower case of one character; other bytes unchanged (no locale).
constexpr char ascii_lower(char c) noexcept
{
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case-insensitive ASCII equality. Inline: parse-log calls it on hot paths, where an
// out-of-line std::tolower per character cost 7-9 % of a run (issue 12).
constexpr bool iequals(std::string_view a, std::string_view b) noexcept
{
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// ASCII lower-case copy.
std::string to_lower(std::string_view text);

} // namespace sipfo::util
