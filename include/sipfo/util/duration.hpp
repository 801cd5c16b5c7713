#pragma once
// Durations as admins write them: "500ms", "4s", "5m", "2h", "1h30m"; a bare
// number is seconds (design §2).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sipfo::util {

// Nullopt when `text` is not a duration. Never throws.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// "1.5 s", "250 ms", "2 h 5 min": short and exact enough for a terminal.
std::string format_duration(std::chrono::milliseconds duration);

} // namespace sipfo::util
