#pragma once
// A tiny matcher for the fixed message shapes of app.log: literal text with "{}"
// holes. Each hole captures up to the first occurrence of the literal after it; a
// hole at the end captures the rest; text after the final literal is ignored.
// Cheaper and clearer than a regex for these shapes.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace sipfo::applog {

// True when `text` has the shape of `pattern`; the holes go to `captures` in order
// (`captures` must have one slot per hole).
bool match_pattern(std::string_view text, std::string_view pattern, std::span<std::string_view> captures) noexcept;

// A non-negative decimal number (leading/trailing blanks allowed); nullopt otherwise.
std::optional<std::int64_t> parse_number(std::string_view text) noexcept;

// ASCII case-insensitive search; npos when absent.
std::size_t ifind(std::string_view text, std::string_view word) noexcept;

} // namespace sipfo::applog
