#include "sipfo/render/probe_report.hpp"

#include "probe_parts.hpp"

#include "sipfo/render/nagios.hpp"

#include <fmt/format.h>

namespace sipfo::render {

namespace {

std::size_t count(const probe::ProbeReport& report, probe::Status status)
{
  std::size_t n = 0;
  for (const auto& c : report.candidates) n += c.status == status ? 1 : 0;
  return n;
}

// The status line: the gist, then the servers that are not up, by name.
std::string summary(const probe::ProbeReport& report)
{
  std::string out = probe_summary(report);
  std::vector<std::string> not_up;
  for (const auto& c : report.candidates) {
    if (c.status != probe::Status::up) not_up.push_back(fmt::format("{} {}", probe_parts::server_text(c), probe::status_name(c.status)));
  }
  if (!not_up.empty()) out += fmt::format("; {}", fmt::join(not_up, ", "));
  return out;
}

std::vector<nagios::Perfdata> perfdata(const ProbeRun& run)
{
  const auto& report = run.probe;
  const auto& thresholds = run.input.thresholds;
  const auto total = static_cast<double>(report.candidates.size());
  const auto text = [](const std::optional<check::Range>& range) { return range ? range->text : std::string(); };
  std::vector<nagios::Perfdata> out;
  out.push_back({"up", double(count(report, probe::Status::up)), "", text(thresholds.up.warning),
                 text(thresholds.up.critical), 0.0, total});
  for (const auto status : {probe::Status::down, probe::Status::failed, probe::Status::unknown}) {
    out.push_back({probe::status_name(status), double(count(report, status)), "", "", "", 0.0, total});
  }
  for (const auto& c : report.candidates) {
    out.push_back({"rtt_" + probe_parts::server_text(c), check::answered_rtt_ms(c), "ms",
                   text(thresholds.rtt_ms.warning), text(thresholds.rtt_ms.critical), 0.0, std::nullopt});
  }
  return out;
}

// Long output: one line per candidate, the thresholds crossed, the findings.
std::vector<std::string> long_lines(const ProbeRun& run)
{
  std::vector<std::string> out;
  for (const auto& c : run.probe.candidates) {
    std::string line = fmt::format("{} {} {}{}: OPTIONS {}", probe_parts::preference_text(run, c),
                                   probe_parts::server_text(c), probe::status_name(c.status),
                                   c.active ? " (active)" : "", exchange_text(c.result.options));
    if (c.result.options && c.result.options->origin == probe::Origin::server) {
      line += fmt::format(" in {} ms", c.result.options->rtt.count());
    }
    if (c.result.registration) line += fmt::format(", REGISTER {}", exchange_text(c.result.registration));
    out.push_back(std::move(line));
  }
  for (const auto& alert : check::threshold_alerts(run.probe, run.input.thresholds)) {
    out.push_back(fmt::format("{}: {}", nagios::state_name(alert.status), alert.text));
  }
  for (const auto& f : run.resolution.findings) {
    out.push_back(fmt::format("{} {}: {}", handset::severity_name(f.severity), f.code, f.message));
  }
  return out;
}

} // namespace

std::string probe_nagios(const ProbeRun& run)
{
  return nagios::plugin_output("SIP", run.exit_status, summary(run.probe), perfdata(run), long_lines(run));
}

} // namespace sipfo::render
