#include "parse_log_nagios.hpp"

#include "sipfo/applog/root_cause.hpp"
#include "sipfo/render/nagios.hpp"

#include <fmt/format.h>

namespace sipfo::cli {

std::string parse_log_nagios_line(const applog::FileReport& report)
{
  if (report.error) return fmt::format("{}: unreadable: {}", report.path, *report.error);
  std::string line = fmt::format("{}: {}", report.path, applog::to_string(report.outcome));
  if (report.diagnosis) {
    line += fmt::format(", {}: {}", applog::rule_of(report.diagnosis->cause).code(), report.diagnosis->message);
  }
  return line;
}

std::string parse_log_nagios(const ParseLogTally& tally, util::ExitStatus status,
                             const std::vector<std::string>& file_lines)
{
  const auto files = tally.files();
  std::vector<std::string> parts;
  const std::pair<std::size_t, const char*> outcomes[] = {
    {tally.count(FileOutcome::registered) + tally.count(FileOutcome::recovered), "registered"},
    {tally.count(FileOutcome::failed), "failed"},
    {tally.count(FileOutcome::unknown), "unknown"},
    {tally.count(FileOutcome::unreadable), "unreadable"}};
  for (const auto& [n, name] : outcomes) {
    if (n > 0) parts.push_back(fmt::format("{} {}", n, name));
  }
  const auto summary = fmt::format("{} file{}: {}", files, files == 1 ? "" : "s", fmt::join(parts, ", "));
  std::vector<render::nagios::Perfdata> perfdata;
  for (const auto& [n, name] : outcomes) perfdata.push_back({name, double(n), "", "", "", 0.0, double(files)});
  perfdata.push_back({"malformed_lines", double(tally.malformed_lines()), "", "", "", 0.0, std::nullopt});
  return render::nagios::plugin_output("SIP LOG", status, summary, perfdata, file_lines);
}

} // namespace sipfo::cli
