#pragma once
// `sipfo parse-log --format=nagios`: the outcome of each file as Monitoring
// Plugins output (render/nagios.hpp): `SIP LOG CRITICAL - 2 files: 1 registered,
// 1 failed | 'registered'=1;;;0;2 ...`, then a line per file with its root cause.
// In the CLI layer because render does not see applog.

#include "parse_log_tally.hpp"

#include "sipfo/applog/file_report.hpp"
#include "sipfo/util/exit_status.hpp"

#include <string>
#include <vector>

namespace sipfo::cli {

// One line of long output for a finished file.
std::string parse_log_nagios_line(const applog::FileReport& report);

// The whole output once every file is done, from the tally the other formats
// count with; `status` is the worst file's. A file that recovered counts as
// registered: the perfdata labels are the JSON's outcomes.
std::string parse_log_nagios(const ParseLogTally& tally, util::ExitStatus status,
                             const std::vector<std::string>& file_lines);

} // namespace sipfo::cli
