#pragma once
// "did you mean": the closest known word to a mistyped one, as ninja does for tools.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sipfo::util {

// The choice closest to `word` (case-insensitive edit distance), if it is close
// enough to be a likely typo (distance <= max(1, length/3)).
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> choices);

// Case-insensitive ASCII equality.
bool iequals(std::string_view a, std::string_view b) noexcept;

// ASCII lower-case copy.
std::string to_lower(std::string_view text);

} // namespace sipfo::util
