#include "sipfo/applog/time_format.hpp"

#include <fmt/format.h>

#include <cstring>

namespace sipfo::applog {

namespace {

bool all_digits(std::string_view text) noexcept
{
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

// Two digits at `at` as a number; the caller checked they are digits.
int two(std::string_view digits, std::size_t at) noexcept
{
  return (digits[at] - '0') * 10 + (digits[at + 1] - '0');
}

bool in_range(int value, int low, int high) noexcept { return value >= low && value <= high; }

// YYMMDDHHMM
bool plausible_minute(std::string_view d) noexcept
{
  return in_range(two(d, 2), 1, 12) && in_range(two(d, 4), 1, 31) && in_range(two(d, 6), 0, 23) &&
         in_range(two(d, 8), 0, 59);
}

// MMDDHHMMSS
bool plausible_second(std::string_view d) noexcept
{
  return in_range(two(d, 0), 1, 12) && in_range(two(d, 2), 1, 31) && in_range(two(d, 4), 0, 23) &&
         in_range(two(d, 6), 0, 59) && in_range(two(d, 8), 0, 59);
}

constexpr std::int64_t minute_ms = 60'000;
constexpr std::int64_t hour_ms = 60 * minute_ms;
constexpr std::int64_t day_ms = 24 * hour_ms;
constexpr std::int64_t month_ms = 31 * day_ms; // an ordering, not a calendar

} // namespace

std::optional<TimeFormat> parse_time_format(std::string_view text)
{
  if (text == "auto") return TimeFormat::automatic;
  if (text == "0" || text == "boot") return TimeFormat::since_boot;
  if (text == "1" || text == "minute") return TimeFormat::minute;
  if (text == "2" || text == "second") return TimeFormat::second;
  return std::nullopt;
}

std::string_view describe_time_format(TimeFormat format)
{
  switch (format) {
  case TimeFormat::automatic: return "auto";
  case TimeFormat::since_boot: return "type 0 (HHMMSS.mmm since boot)";
  case TimeFormat::minute: return "type 1 (YYMMDDHHMM)";
  case TimeFormat::second: return "type 2 (MMDDHHMMSS)";
  case TimeFormat::none: return "none";
  }
  return "none";
}

bool is_ten_digits(std::string_view stamp) noexcept { return stamp.size() == 10 && all_digits(stamp); }

// A stamp unlike the previous one: its shape, kept for the lines that repeat it.
void TimeFormatGuess::read_new(std::string_view stamp) noexcept
{
  Shape shape;
  if (stamp[6] == '.') {
    shape.since_boot = since_boot_ms(stamp).has_value();
  } else if (all_digits(stamp)) {
    shape.ten_digits = true;
    shape.plausible_minute = plausible_minute(stamp);
    shape.plausible_second = plausible_second(stamp);
  }
  std::memcpy(last_stamp_.data(), stamp.data(), last_stamp_.size());
  last_shape_ = shape;
}

TimeFormat TimeFormatGuess::result() const noexcept
{
  if (since_boot_ == 0 && ten_digits_ == 0) return TimeFormat::none;
  if (since_boot_ >= ten_digits_) return TimeFormat::since_boot;
  return plausible_minute_ > plausible_second_ ? TimeFormat::minute : TimeFormat::second;
}

std::string format_stamp(std::string_view stamp, TimeFormat format)
{
  switch (format) {
  case TimeFormat::since_boot:
    if (since_boot_ms(stamp)) {
      return fmt::format("+{}:{}:{}", stamp.substr(0, 2), stamp.substr(2, 2), stamp.substr(4));
    }
    break;
  case TimeFormat::minute:
    if (is_ten_digits(stamp)) {
      return fmt::format("20{}-{}-{} {}:{}", stamp.substr(0, 2), stamp.substr(2, 2), stamp.substr(4, 2),
                         stamp.substr(6, 2), stamp.substr(8, 2));
    }
    break;
  case TimeFormat::second:
    if (is_ten_digits(stamp)) {
      return fmt::format("{}-{} {}:{}:{}", stamp.substr(0, 2), stamp.substr(2, 2), stamp.substr(4, 2),
                         stamp.substr(6, 2), stamp.substr(8, 2));
    }
    break;
  case TimeFormat::automatic:
  case TimeFormat::none: break;
  }
  return std::string(stamp);
}

std::optional<std::int64_t> stamp_ms(std::string_view stamp, TimeFormat format) noexcept
{
  switch (format) {
  case TimeFormat::since_boot: return since_boot_ms(stamp);
  case TimeFormat::minute:
    if (!is_ten_digits(stamp)) return std::nullopt;
    return two(stamp, 0) * 12 * month_ms + two(stamp, 2) * month_ms + two(stamp, 4) * day_ms +
           two(stamp, 6) * hour_ms + two(stamp, 8) * minute_ms;
  case TimeFormat::second:
    if (!is_ten_digits(stamp)) return std::nullopt;
    return two(stamp, 0) * month_ms + two(stamp, 2) * day_ms + two(stamp, 4) * hour_ms +
           two(stamp, 6) * minute_ms + two(stamp, 8) * 1000;
  case TimeFormat::automatic:
  case TimeFormat::none: break;
  }
  return std::nullopt;
}

} // namespace sipfo::applog
