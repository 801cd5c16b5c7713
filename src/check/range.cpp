#include "sipfo/check/range.hpp"

#include <charconv>
#include <cmath>

namespace sipfo::check {

namespace {

// A plain decimal number ("10", "-2.5"); from_chars keeps it locale-free, as
// the guidelines ask of values (C/POSIX numbers).
std::optional<double> number(std::string_view text)
{
  if (text.empty() || text.front() == '+') return std::nullopt;
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
  if (error != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

} // namespace

bool Range::alerts(double value) const noexcept
{
  const bool inside = (!start || value >= *start) && (!end || value <= *end);
  return alert_inside ? inside : !inside;
}

std::optional<Range> parse_range(std::string_view text)
{
  Range range;
  range.text = std::string(text);
  if (!text.empty() && text.front() == '@') {
    range.alert_inside = true;
    text.remove_prefix(1);
  }
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    // "10": from 0 to 10.
    range.start = 0.0;
    range.end = number(text);
    if (!range.end) return std::nullopt;
  } else {
    const auto low = text.substr(0, colon);
    const auto high = text.substr(colon + 1);
    if (low != "~") {
      range.start = number(low);
      if (!range.start) return std::nullopt;
    }
    if (!high.empty()) {
      range.end = number(high);
      if (!range.end) return std::nullopt;
    }
    if (low == "~" && high.empty()) return std::nullopt; // "~:" bounds nothing
  }
  if (range.start && range.end && *range.start > *range.end) return std::nullopt;
  return range;
}

} // namespace sipfo::check
