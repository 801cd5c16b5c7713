#include "sipfo/render/probe_report.hpp"

#include <fmt/format.h>

namespace sipfo::render {

namespace {

// Nagios plugin guidelines: the service state in capitals after the check name.
const char* state_name(util::ExitStatus status)
{
  switch (status) {
  case util::ExitStatus::ok: return "OK";
  case util::ExitStatus::warning: return "WARNING";
  case util::ExitStatus::critical: return "CRITICAL";
  case util::ExitStatus::unknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

std::size_t count(const probe::ProbeReport& report, probe::Status status)
{
  std::size_t n = 0;
  for (const auto& c : report.candidates) n += c.status == status ? 1 : 0;
  return n;
}

// The active server's OPTIONS round-trip time; "U" (undetermined, in the
// guidelines' words) without an active server or an answered OPTIONS.
std::string active_rtt(const probe::ProbeReport& report)
{
  if (!report.active) return "U";
  const auto& options = report.candidates[*report.active].result.options;
  if (!options || options->origin == probe::Origin::local) return "U";
  return std::to_string(options->rtt.count());
}

} // namespace

std::string probe_nagios(const ProbeRun& run)
{
  const auto& report = run.probe;
  return fmt::format("SIPFO PROBE {} - {} | up={};;; down={};;; failed={};;; unknown={};;; rtt_ms={};;;\n",
                     state_name(run.exit_status), probe_summary(report), count(report, probe::Status::up),
                     count(report, probe::Status::down), count(report, probe::Status::failed),
                     count(report, probe::Status::unknown), active_rtt(report));
}

} // namespace sipfo::render
