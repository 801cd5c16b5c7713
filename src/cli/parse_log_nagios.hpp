#pragma once
// `sipfo parse-log --format=nagios`: the outcome of each file as Monitoring
// Plugins output (render/nagios.hpp): `SIP LOG CRITICAL - 2 files: 1 registered,
// 1 failed | 'registered'=1;;;0;2 ...`, then a line per file with its root cause.
// In the CLI layer because render does not see applog.

#include "sipfo/applog/file_report.hpp"

#include <string>
#include <vector>

namespace sipfo::cli {

// One line of long output for a finished file.
std::string parse_log_nagios_line(const applog::FileReport& report);

// The whole output once every file is done; `status` is the worst file's.
struct NagiosFileCounts {
  std::size_t registered = 0, failed = 0, unknown = 0, unreadable = 0;
  std::uint64_t malformed_lines = 0;
  void add(const applog::FileReport& report);
};
std::string parse_log_nagios(const NagiosFileCounts& counts, util::ExitStatus status,
                             const std::vector<std::string>& file_lines);

} // namespace sipfo::cli
