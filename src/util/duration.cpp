#include "sipfo/util/duration.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <limits>

namespace sipfo::util {

namespace {

// Milliseconds per unit, or 0 for an unknown unit.
std::int64_t unit_ms(std::string_view unit)
{
  if (unit.empty() || unit == "s" || unit == "sec") return 1000;
  if (unit == "ms") return 1;
  if (unit == "m" || unit == "min") return 60'000;
  if (unit == "h") return 3'600'000;
  if (unit == "d") return 86'400'000;
  return 0;
}

} // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text)
{
  if (text.empty()) return std::nullopt;
  constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / 1000;
  std::int64_t total = 0;
  std::size_t i = 0;
  bool bare_allowed = true;
  while (i < text.size()) {
    std::int64_t whole = 0;
    std::int64_t frac_num = 0, frac_den = 1;
    std::size_t digits = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      whole = whole * 10 + (text[i++] - '0');
      if (whole > limit) return std::nullopt;
      ++digits;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        if (frac_den < 1'000'000) {
          frac_num = frac_num * 10 + (text[i] - '0');
          frac_den *= 10;
        }
        ++i;
        ++digits;
      }
    }
    if (digits == 0) return std::nullopt;
    std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit.empty() && (!bare_allowed || i != text.size())) return std::nullopt;
    std::int64_t per = unit_ms(unit);
    if (per == 0) return std::nullopt;
    if (whole > limit / per) return std::nullopt;
    total += whole * per + frac_num * per / frac_den;
    if (total > limit) return std::nullopt;
    bare_allowed = false;
  }
  return std::chrono::milliseconds(total);
}

std::string format_duration(std::chrono::milliseconds duration)
{
  const auto ms = duration.count();
  if (ms < 1000) return fmt::format("{} ms", ms);
  if (ms < 60'000) {
    return ms % 1000 == 0 ? fmt::format("{} s", ms / 1000) : fmt::format("{:.1f} s", ms / 1000.0);
  }
  if (ms < 3'600'000) {
    const auto s = ms / 1000;
    return s % 60 == 0 ? fmt::format("{} min", s / 60) : fmt::format("{} min {} s", s / 60, s % 60);
  }
  const auto min = ms / 60'000;
  return min % 60 == 0 ? fmt::format("{} h", min / 60) : fmt::format("{} h {} min", min / 60, min % 60);
}

} // namespace sipfo::util
