#pragma once
// The timestamp variants of `log.render.type` (applog-format.md §2, Polycom
// "Event Logging"): 0 = time since boot "HHMMSS.mmm", 1 = "YYMMDDHHMM",
// 2 = "MMDDHHMMSS" (no year). Types 1 and 2 look alike; a file's type is guessed by
// plausibility of the fields (TimeFormatGuess) unless the user forces it.

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace sipfo::applog {

enum class TimeFormat {
  automatic,  // guess per file (only as a request; a guess never yields it)
  since_boot, // type 0: HHMMSS.mmm since boot, restarts at each boot
  minute,     // type 1: YYMMDDHHMM, absolute, minute resolution
  second,     // type 2: MMDDHHMMSS, absolute, second resolution, no year
  none,       // no timestamps in the file (stripped form) or unknown shapes
};

// "auto", "0"/"boot", "1"/"minute", "2"/"second". Nullopt otherwise.
std::optional<TimeFormat> parse_time_format(std::string_view text);

// "type 0 (HHMMSS.mmm since boot)" and the like, for reports.
std::string_view describe_time_format(TimeFormat format);

// Milliseconds since boot of a type-0 stamp "HHMMSS.mmm"; nullopt for other shapes.
// Inline: the boot tracker asks it of every line, and the shape test alone answers
// for the ten-digit stamps of types 1 and 2.
inline std::optional<std::int64_t> since_boot_ms(std::string_view stamp) noexcept
{
  if (stamp.size() != 10 || stamp[6] != '.') return std::nullopt;
  std::int64_t d[9];
  for (std::size_t i = 0, k = 0; i < 10; ++i) {
    if (i == 6) continue;
    if (stamp[i] < '0' || stamp[i] > '9') return std::nullopt;
    d[k++] = stamp[i] - '0';
  }
  constexpr std::int64_t minute = 60'000;
  return (d[0] * 10 + d[1]) * 60 * minute + (d[2] * 10 + d[3]) * minute + (d[4] * 10 + d[5]) * 1000 +
         d[6] * 100 + d[7] * 10 + d[8];
}

// Whether `stamp` is ten digits (the shape of types 1 and 2).
bool is_ten_digits(std::string_view stamp) noexcept;

// Accumulates evidence over a file's stamps and picks the most plausible type.
class TimeFormatGuess {
public:
  // Inline for the common case, a line in the same second as the previous one.
  void observe(std::string_view stamp) noexcept
  {
    if (stamp.size() != last_stamp_.size()) return;
    if (std::memcmp(stamp.data(), last_stamp_.data(), last_stamp_.size()) != 0) read_new(stamp);
    count(last_shape_);
  }
  // since_boot when most stamps have that shape; for ten-digit stamps the type whose
  // fields are in range more often, type 2 on a tie (the value real presets use);
  // none when no stamp had a known shape.
  TimeFormat result() const noexcept;

private:
  // What one stamp counted for; the lines of one second share their stamp, so the
  // last stamp's shape is reused instead of read again (issue 12 profile).
  struct Shape {
    bool since_boot = false;
    bool ten_digits = false;
    bool plausible_minute = false;
    bool plausible_second = false;
  };
  // What the first eight characters of a stamp say (read_prefix), kept while they repeat.
  struct PrefixShape {
    bool dot = false;    // '.' at 6: type 0's shape
    bool digits = false; // digits wherever the shape wants them
    bool minute = false; // ten-digit shape: year to hour in range as YYMMDDHHMM
    bool second = false; // ten-digit shape: month to minute in range as MMDDHHMMSS
  };
  void read_new(std::string_view stamp) noexcept;
  void read_prefix(std::string_view stamp) noexcept;
  void count(const Shape& shape) noexcept
  {
    since_boot_ += shape.since_boot ? 1 : 0;
    ten_digits_ += shape.ten_digits ? 1 : 0;
    plausible_minute_ += shape.plausible_minute ? 1 : 0;
    plausible_second_ += shape.plausible_second ? 1 : 0;
  }

  std::array<char, 10> last_stamp_{};
  Shape last_shape_;
  std::array<char, 8> prefix_{}; // the first eight characters prefix_shape_ was read from
  PrefixShape prefix_shape_;
  std::uint64_t since_boot_ = 0;
  std::uint64_t ten_digits_ = 0;
  std::uint64_t plausible_minute_ = 0; // in range as YYMMDDHHMM
  std::uint64_t plausible_second_ = 0; // in range as MMDDHHMMSS
};

// A stamp for people: "+01:15:11.006" (type 0), "2002-10-28 17:16" (type 1),
// "10-28 17:16:42" (type 2); the raw text when it does not fit `format`.
std::string format_stamp(std::string_view stamp, TimeFormat format);

// A comparable instant in milliseconds (since boot for type 0; since the start of the
// year, or of the century for type 1); nullopt when the stamp does not fit `format`.
std::optional<std::int64_t> stamp_ms(std::string_view stamp, TimeFormat format) noexcept;

} // namespace sipfo::applog
