#pragma once
// What one file's first line says about it: the outcome of its last boot in words
// that read true on their own. A phone that failed and then registered "RECOVERED
// after dns_name_missing", never "REGISTERED dns_name_missing" (issue 12). The
// headline of the full output, each line of --brief and the tally use it alike.

#include "sipfo/applog/file_report.hpp"
#include "sipfo/applog/root_cause.hpp"

#include <optional>
#include <string_view>

namespace sipfo::cli {

enum class FileOutcome {
  registered, // the last boot registered and no failure was logged before
  recovered,  // it registered after a failure (the same or an earlier boot)
  failed,     // not registered at the end of the log
  unknown,    // the log cannot tell
  unreadable, // not a usable log at all
};

struct FileVerdict {
  FileOutcome outcome = FileOutcome::unknown;
  // The root cause the headline names: for `recovered`, that of the failure the
  // phone recovered from (nullopt when only a summarised boot held it).
  std::optional<applog::RootCause> cause;
};

FileVerdict verdict_of(const applog::FileReport& report);

// "REGISTERED", "RECOVERED", "FAILED", "UNKNOWN", "UNREADABLE".
std::string_view headline_word(FileOutcome outcome) noexcept;
// "registered", "recovered", ... (the tally's words).
std::string_view to_string(FileOutcome outcome) noexcept;

} // namespace sipfo::cli
