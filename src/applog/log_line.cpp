#include "sipfo/applog/log_line.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace sipfo::applog {

namespace {

constexpr std::size_t max_module_width = 8; // real ids are 1-5 characters; a little slack

std::string_view trim(std::string_view text) noexcept
{
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_module(std::string_view field) noexcept
{
  const std::string_view id = trim(field);
  if (id.empty() || id.size() > max_module_width) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Event class: one digit or '*' (always-rendered events).
std::optional<char> level_of(std::string_view field) noexcept
{
  const std::string_view value = trim(field);
  if (value.size() != 1) return std::nullopt;
  const char c = value.front();
  if ((c >= '0' && c <= '9') || c == '*') return c;
  return std::nullopt;
}

// Missed-events counter: up to 4 digits, or blank (CS-14-17's stripped form).
std::optional<int> missed_of(std::string_view field) noexcept
{
  const std::string_view value = trim(field);
  if (value.size() > 4) return std::nullopt;
  int count = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    count = count * 10 + (c - '0');
  }
  return count;
}

std::string_view text_of(std::string_view rest) noexcept
{
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  return rest;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr bool is_module_char(char c) noexcept
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

// The shape a phone writes (applog-format.md §2): a 10-character stamp of digits and
// '.', the module padded to 5, one level character and two missed digits, each field
// at a fixed column. Read in one pass over 22 bytes; whatever does not fit it exactly
// (the seed's stripped form, odd padding) takes the general path below, which gives
// the same answer for the lines this accepts.
constexpr std::size_t stamp_width = 10;
constexpr std::size_t module_column = stamp_width + 1;
constexpr std::size_t module_width = 5;
constexpr std::size_t level_column = module_column + module_width + 1;
constexpr std::size_t missed_column = level_column + 2;
constexpr std::size_t text_column = missed_column + 3;

// What a byte may be in the fixed columns, one lookup per byte: the stamp check ran as a
// branch per byte and was the hottest loop of parse-log on a dense log (issue 12).
enum : unsigned char { stamp_char = 1, module_char = 2 };

constexpr std::array<unsigned char, 256> column_chars = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    if (is_digit(ch) || ch == '.') table[static_cast<std::size_t>(c)] |= stamp_char;
    if (is_module_char(ch)) table[static_cast<std::size_t>(c)] |= module_char;
  }
  return table;
}();

unsigned char column_class(char c) noexcept { return column_chars[static_cast<unsigned char>(c)]; }

// Eight bytes at once (SWAR): the stamp's first eight, tested together instead of a
// lookup per byte, the hottest loop of parse-log on a dense log (issue 12).
constexpr std::uint64_t each_byte(unsigned char b) noexcept { return 0x0101010101010101ULL * b; }
constexpr std::uint64_t high_bits = each_byte(0x80);

std::uint64_t load_word(const char* p) noexcept
{
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// Whether some byte of `word` is zero (exact: a borrow only follows a zero byte).
constexpr bool has_zero_byte(std::uint64_t word) noexcept { return ((word - each_byte(1)) & ~word & high_bits) != 0; }

// Whether every byte is a digit or '.': ASCII, in '.'..'9' (0x2E..0x39), and not '/'.
constexpr bool is_stamp_word(std::uint64_t word) noexcept
{
  if ((word & high_bits) != 0) return false;
  const std::uint64_t at_least_dot = word + each_byte(0x80 - '.');  // high bit: byte >= '.'
  const std::uint64_t above_nine = word + each_byte(0x80 - ':');    // high bit: byte > '9'
  return (at_least_dot & ~above_nine & high_bits) == high_bits && !has_zero_byte(word ^ each_byte('/'));
}
static_assert(is_stamp_word(0x3938373635342E30ULL) && !is_stamp_word(0x393837363534'2F30ULL) &&
              !is_stamp_word(0x393837363534'3A30ULL) && !is_stamp_word(0x393837363534'2D30ULL));

// The module's length: module characters, then blanks to the field's width; 0 when
// the field is not that.
std::size_t module_length_of(const char* field) noexcept
{
  std::size_t length = 0;
  while (length < module_width && (column_class(field[length]) & module_char) != 0) ++length;
  for (std::size_t i = length; i < module_width; ++i) {
    if (field[i] != ' ') return 0;
  }
  return length;
}

// Writes the fields straight into `out` (the caller's return slot): building a
// LogLine on the stack and copying it through an optional stalled on store forwarding.
bool parse_fixed_columns(std::string_view line, LogLine& out) noexcept
{
  if (line.size() < text_column) return false;
  const char* p = line.data();
  if (p[stamp_width] != '|' || p[level_column - 1] != '|' || p[missed_column - 1] != '|' ||
      p[text_column - 1] != '|') {
    return false;
  }
  if (!is_stamp_word(load_word(p)) || ((column_class(p[8]) & column_class(p[9]) & stamp_char) == 0)) return false;
  const std::size_t module_length = module_length_of(p + module_column);
  if (module_length == 0) return false;
  const char level = p[level_column];
  if (!is_digit(level) && level != '*') return false;
  if (!is_digit(p[missed_column]) || !is_digit(p[missed_column + 1])) return false;
  out.stamp = std::string_view(p, stamp_width);
  out.module = std::string_view(p + module_column, module_length);
  out.level = level;
  out.missed = (p[missed_column] - '0') * 10 + (p[missed_column + 1] - '0');
  out.text = text_of(std::string_view(p + text_column, line.size() - text_column));
  return true;
}

} // namespace

namespace {

// The other shapes (CS-14-17's stripped form, odd padding, no timestamp), out of line
// so the fixed-column path stays a leaf without spills.
[[gnu::noinline]] bool read_free_form(std::string_view line, LogLine& out) noexcept
{
  // Positions of the first four '|'. A plain loop: the fields before the text are a
  // few bytes each, too short for memchr's setup to pay.
  std::array<std::size_t, 4> bar{};
  std::size_t found = 0;
  for (std::size_t at = 0; at < line.size() && found < bar.size(); ++at) {
    if (line[at] == '|') bar[found++] = at;
  }
  if (found < 3) return false;
  auto field = [&](std::size_t i) {
    const std::size_t begin = i == 0 ? 0 : bar[i - 1] + 1;
    return line.substr(begin, bar[i] - begin);
  };
  if (found == 4 && is_module(field(1))) {
    const auto level = level_of(field(2));
    const auto missed = missed_of(field(3));
    if (level && missed) {
      out = LogLine{trim(field(0)), trim(field(1)), *level, *missed, text_of(line.substr(bar[3] + 1))};
      return true;
    }
  }
  // Four-field form: module|level|missed|text.
  if (is_module(field(0))) {
    const auto level = level_of(field(1));
    const auto missed = missed_of(field(2));
    if (level && missed) {
      out = LogLine{{}, trim(field(0)), *level, *missed, text_of(line.substr(bar[2] + 1))};
      return true;
    }
  }
  return false;
}

} // namespace

bool read_log_line(std::string_view line, LogLine& out) noexcept
{
  return parse_fixed_columns(line, out) || read_free_form(line, out);
}

std::optional<LogLine> parse_log_line(std::string_view line) noexcept
{
  std::optional<LogLine> result(std::in_place);
  if (!read_log_line(line, *result)) result.reset();
  return result; // one named result on every path: built in the caller's slot
}

} // namespace sipfo::applog
