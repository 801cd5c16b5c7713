#include "sipfo/render/nagios.hpp"

#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::render::nagios {

namespace {

// Numbers in the C locale (the guidelines ask it), no exponent, no trailing zeros.
std::string number_text(double value)
{
  auto text = fmt::format("{:.3f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

// One line of plugin text: printable, no line breaks, no '|'.
std::string line_text(std::string_view text)
{
  auto out = util::printable(text);
  std::replace(out.begin(), out.end(), '|', '/');
  return out;
}

} // namespace

const char* state_name(util::ExitStatus status) noexcept
{
  switch (status) {
  case util::ExitStatus::ok: return "OK";
  case util::ExitStatus::warning: return "WARNING";
  case util::ExitStatus::critical: return "CRITICAL";
  case util::ExitStatus::unknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

std::string perfdata_text(const Perfdata& item)
{
  auto label = util::printable(item.label);
  std::replace(label.begin(), label.end(), '\'', '_');
  std::replace(label.begin(), label.end(), '=', '_');
  std::vector<std::string> fields{
    item.value ? number_text(*item.value) + item.uom : std::string("U"),
    item.warning,
    item.critical,
    item.min ? number_text(*item.min) : std::string(),
    item.max ? number_text(*item.max) : std::string(),
  };
  while (fields.size() > 1 && fields.back().empty()) fields.pop_back();
  return fmt::format("'{}'={}", label, fmt::join(fields, ";"));
}

std::string plugin_output(std::string_view service, util::ExitStatus status, std::string_view summary,
                          const std::vector<Perfdata>& perfdata, const std::vector<std::string>& long_lines)
{
  std::string out = fmt::format("{} {} - {}", service, state_name(status), line_text(summary));
  if (!perfdata.empty()) {
    out += " |";
    for (const auto& item : perfdata) out += " " + perfdata_text(item);
  }
  out += "\n";
  for (const auto& line : long_lines) out += line_text(line) + "\n";
  return out;
}

} // namespace sipfo::render::nagios
