#include "parse_log_nagios.hpp"

#include "sipfo/applog/root_cause.hpp"
#include "sipfo/render/nagios.hpp"

#include <fmt/format.h>

namespace sipfo::cli {

void NagiosFileCounts::add(const applog::FileReport& report)
{
  malformed_lines += report.stats.malformed;
  if (report.error) {
    ++unreadable;
    return;
  }
  switch (report.outcome) {
  case applog::Outcome::registered: ++registered; return;
  case applog::Outcome::failed: ++failed; return;
  case applog::Outcome::unknown: ++unknown; return;
  }
}

std::string parse_log_nagios_line(const applog::FileReport& report)
{
  if (report.error) return fmt::format("{}: unreadable: {}", report.path, *report.error);
  std::string line = fmt::format("{}: {}", report.path, applog::to_string(report.outcome));
  if (report.diagnosis) {
    line += fmt::format(", {}: {}", applog::rule_of(report.diagnosis->cause).code(), report.diagnosis->message);
  }
  return line;
}

std::string parse_log_nagios(const NagiosFileCounts& counts, util::ExitStatus status,
                             const std::vector<std::string>& file_lines)
{
  const auto files = counts.registered + counts.failed + counts.unknown + counts.unreadable;
  std::vector<std::string> parts;
  const std::pair<std::size_t, const char*> outcomes[] = {
    {counts.registered, "registered"}, {counts.failed, "failed"}, {counts.unknown, "unknown"}, {counts.unreadable, "unreadable"}};
  for (const auto& [n, name] : outcomes) {
    if (n > 0) parts.push_back(fmt::format("{} {}", n, name));
  }
  const auto summary = fmt::format("{} file{}: {}", files, files == 1 ? "" : "s", fmt::join(parts, ", "));
  std::vector<render::nagios::Perfdata> perfdata;
  for (const auto& [n, name] : outcomes) perfdata.push_back({name, double(n), "", "", "", 0.0, double(files)});
  perfdata.push_back({"malformed_lines", double(counts.malformed_lines), "", "", "", 0.0, std::nullopt});
  return render::nagios::plugin_output("SIP LOG", status, summary, perfdata, file_lines);
}

} // namespace sipfo::cli
