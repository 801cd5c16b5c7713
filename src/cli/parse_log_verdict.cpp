#include "parse_log_verdict.hpp"

namespace sipfo::cli {

namespace {

using applog::RootCause;

bool is_failure_cause(const std::optional<applog::Diagnosis>& diagnosis)
{
  return diagnosis && diagnosis->cause != RootCause::registered_ok;
}

// The failure a registered file recovered from: the file's own root cause keeps it
// when the last boot failed first (applog-format.md §7); else the last kept boot
// that failed.
std::optional<RootCause> recovered_from(const applog::FileReport& report)
{
  if (is_failure_cause(report.diagnosis)) return report.diagnosis->cause;
  for (auto boot = report.boots.rbegin(); boot != report.boots.rend(); ++boot) {
    if (boot->failures > 0 && is_failure_cause(boot->diagnosis)) return boot->diagnosis->cause;
  }
  return std::nullopt;
}

std::optional<RootCause> cause_of(const applog::FileReport& report)
{
  if (report.diagnosis) return report.diagnosis->cause;
  return std::nullopt;
}

} // namespace

FileVerdict verdict_of(const applog::FileReport& report)
{
  if (report.error) return {FileOutcome::unreadable, std::nullopt};
  switch (report.outcome) {
  case applog::Outcome::registered:
    if (report.failure_in_file) return {FileOutcome::recovered, recovered_from(report)};
    return {FileOutcome::registered, cause_of(report)};
  case applog::Outcome::failed: return {FileOutcome::failed, cause_of(report)};
  case applog::Outcome::unknown: return {FileOutcome::unknown, cause_of(report)};
  }
  return {FileOutcome::unknown, cause_of(report)};
}

std::string_view headline_word(FileOutcome outcome) noexcept
{
  switch (outcome) {
  case FileOutcome::registered: return "REGISTERED";
  case FileOutcome::recovered: return "RECOVERED";
  case FileOutcome::failed: return "FAILED";
  case FileOutcome::unknown: return "UNKNOWN";
  case FileOutcome::unreadable: return "UNREADABLE";
  }
  return "UNKNOWN";
}

std::string_view to_string(FileOutcome outcome) noexcept
{
  switch (outcome) {
  case FileOutcome::registered: return "registered";
  case FileOutcome::recovered: return "recovered";
  case FileOutcome::failed: return "failed";
  case FileOutcome::unknown: return "unknown";
  case FileOutcome::unreadable: return "unreadable";
  }
  return "unknown";
}

} // namespace sipfo::cli
