#pragma once
// One parse-log file's report as the tally, verdict and Nagios tests need it:
// an outcome, its root cause (none for an unreadable file), whether a failure
// happened in the file, and how many lines were malformed.

#include "sipfo/applog/file_report.hpp"

#include <cstdint>
#include <optional>

namespace sipfo::test {

inline applog::FileReport file_report(applog::Outcome outcome, std::optional<applog::RootCause> cause,
                                      bool failure_in_file = false, std::uint64_t malformed = 0)
{
  applog::FileReport r;
  r.path = "x-app.log";
  r.outcome = outcome;
  r.failure_in_file = failure_in_file;
  if (cause) r.diagnosis = applog::Diagnosis{*cause, "", {}, ""};
  r.stats.malformed = malformed;
  return r;
}

} // namespace sipfo::test
