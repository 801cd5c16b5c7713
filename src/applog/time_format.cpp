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

// A stamp unlike the previous one: its shape, kept for the lines that repeat it. The
// first eight characters (all but the seconds, or the tenths of type 0) are read
// again only when they change: most new stamps are the next second (issue 12).
void TimeFormatGuess::read_new(std::string_view stamp) noexcept
{
  if (std::memcmp(stamp.data(), last_stamp_.data(), prefix_.size()) != 0) read_prefix(stamp);
  std::memcpy(last_stamp_.data(), stamp.data(), last_stamp_.size());
  Shape shape;
  const bool tail_digits = all_digits(stamp.substr(8, 2));
  if (prefix_shape_.dot) {
    shape.since_boot = prefix_shape_.digits && tail_digits;
  } else if (prefix_shape_.digits && tail_digits) {
    const bool last_field_ok = two(stamp, 8) <= 59; // the minute of type 1, the second of type 2
    shape.ten_digits = true;
    shape.plausible_minute = prefix_shape_.minute && last_field_ok;
    shape.plausible_second = prefix_shape_.second && last_field_ok;
  }
  last_shape_ = shape;
}

// What the first eight characters say: the digits of "HHMMSS.m" (type 0), or those of
// a ten-digit stamp and whether its first fields are in range.
void TimeFormatGuess::read_prefix(std::string_view stamp) noexcept
{
  std::memcpy(prefix_.data(), stamp.data(), prefix_.size());
  PrefixShape shape;
  if (stamp[6] == '.') {
    shape.dot = true;
    shape.digits = all_digits(stamp.substr(0, 6)) && all_digits(stamp.substr(7, 1));
  } else if (all_digits(stamp.substr(0, 8))) {
    shape.digits = true;
    // YYMMDDHHMM without the minute; MMDDHHMMSS without the second.
    shape.minute = in_range(two(stamp, 2), 1, 12) && in_range(two(stamp, 4), 1, 31) && in_range(two(stamp, 6), 0, 23);
    shape.second = in_range(two(stamp, 0), 1, 12) && in_range(two(stamp, 2), 1, 31) && in_range(two(stamp, 4), 0, 23) &&
                   in_range(two(stamp, 6), 0, 59);
  }
  prefix_shape_ = shape;
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
