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

// Missed-events counter: up to 4 digits, or blank (seed 000's stripped form).
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

} // namespace

std::optional<LogLine> parse_log_line(std::string_view line) noexcept
{
  // Positions of the first four '|'. A plain loop: the fields before the text are a
  // few bytes each, too short for memchr's setup to pay (this runs for every line).
  std::array<std::size_t, 4> bar{};
  std::size_t found = 0;
  for (std::size_t at = 0; at < line.size() && found < bar.size(); ++at) {
    if (line[at] == '|') bar[found++] = at;
  }
  if (found < 3) return std::nullopt;
  auto field = [&](std::size_t i) {
    const std::size_t begin = i == 0 ? 0 : bar[i - 1] + 1;
    return line.substr(begin, bar[i] - begin);
  };
  if (found == 4 && is_module(field(1))) {
    const auto level = level_of(field(2));
    const auto missed = missed_of(field(3));
    if (level && missed) {
      return LogLine{trim(field(0)), trim(field(1)), *level, *missed, text_of(line.substr(bar[3] + 1))};
    }
  }
  // Four-field form: module|level|missed|text.
  if (is_module(field(0))) {
    const auto level = level_of(field(1));
    const auto missed = missed_of(field(2));
    if (level && missed) {
      return LogLine{{}, trim(field(0)), *level, *missed, text_of(line.substr(bar[2] + 1))};
    }
  }
  return std::nullopt;
}

} // namespace sipfo::applog
