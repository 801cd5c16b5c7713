#pragma once
// The Monitoring Plugins development guidelines' output, shared by every
// `--format=nagios`: a status line `SERVICE STATUS - text`, performance data
// `'label'=value[UOM];[warn];[crit];[min];[max]` after a `|`, then long
// output, one line each. Pure functions; the commands choose what goes in.

#include "sipfo/util/exit_status.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::render::nagios {

// "OK", "WARNING", "CRITICAL", "UNKNOWN": the state word matching the exit status.
const char* state_name(util::ExitStatus status) noexcept;

struct Perfdata {
  std::string label;            // quoted on output; ' and = are replaced (the guidelines forbid them)
  std::optional<double> value;  // nullopt: "U", the guidelines' undetermined value
  std::string uom;              // "", "s", "ms", "us", "%", "B", "KB", "MB", "TB" or "c"
  std::string warning;          // a range (check/range.hpp) as written; empty: none
  std::string critical;
  std::optional<double> min;
  std::optional<double> max;
};

// `'label'=value[UOM];warn;crit;min;max`, trailing empty fields dropped.
std::string perfdata_text(const Perfdata& item);

// The whole plugin output: "SERVICE STATUS - summary | perfdata...\n" then the
// long output lines. Line breaks and '|' in `summary` and `long_lines` are
// replaced (a '|' would start perfdata), and text is made printable.
std::string plugin_output(std::string_view service, util::ExitStatus status, std::string_view summary,
                          const std::vector<Perfdata>& perfdata, const std::vector<std::string>& long_lines);

} // namespace sipfo::render::nagios
