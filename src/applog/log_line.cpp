#include "sipfo/applog/log_line.hpp"

#include <array>

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
  unsigned char stamp = stamp_char;
  for (std::size_t i = 0; i < stamp_width; ++i) stamp &= column_class(p[i]); // no early exit: no branch per byte
  if (stamp == 0) return false;
  std::size_t module_length = 0;
  while (module_length < module_width && (column_class(p[module_column + module_length]) & module_char) != 0) {
    ++module_length;
  }
  if (module_length == 0) return false;
  for (std::size_t i = module_length; i < module_width; ++i) {
    if (p[module_column + i] != ' ') return false;
  }
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

std::optional<LogLine> parse_log_line(std::string_view line) noexcept
{
  std::optional<LogLine> fixed(std::in_place);
  if (parse_fixed_columns(line, *fixed)) return fixed;
  // Positions of the first four '|'. A plain loop: the fields before the text are a
  // few bytes each, too short for memchr's setup to pay (this runs for every line).
  std::array<std::size_t, 4> bar{};
  std::size_t found = 0;
  for (std::size_t at = 0; at < line.size() && found < bar.size(); ++at) {
    if (line[at] == '|') bar[found++] = at;
  }
  if (found < 3) {
    fixed.reset();
    return fixed;
  }
  auto field = [&](std::size_t i) {
    const std::size_t begin = i == 0 ? 0 : bar[i - 1] + 1;
    return line.substr(begin, bar[i] - begin);
  };
  if (found == 4 && is_module(field(1))) {
    const auto level = level_of(field(2));
    const auto missed = missed_of(field(3));
    if (level && missed) {
      *fixed = LogLine{trim(field(0)), trim(field(1)), *level, *missed, text_of(line.substr(bar[3] + 1))};
      return fixed;
    }
  }
  // Four-field form: module|level|missed|text.
  if (is_module(field(0))) {
    const auto level = level_of(field(1));
    const auto missed = missed_of(field(2));
    if (level && missed) {
      *fixed = LogLine{{}, trim(field(0)), *level, *missed, text_of(line.substr(bar[2] + 1))};
      return fixed;
    }
  }
  fixed.reset();
  return fixed; // one named result on every path: built in the caller's slot
}

} // namespace sipfo::applog
