#pragma once
// `sipfo probe -w/--warning UP[,RTT] -c/--critical UP[,RTT]`: Nagios thresholds
// in the Monitoring Plugins range syntax (check/range.hpp), two metrics a list
// apart as check_ping's `-w RTA,PL%` has them:
//
//   UP   the number of candidates that are up; alert when it falls outside the
//        range, so "2:" asks for at least two ("minimum servers up").
//   RTT  each up candidate's OPTIONS round-trip time in milliseconds; "200"
//        alerts above 200 ms (or below 0) ("maximum rtt").
//
// Either part may be left out: "-w 2:", "-w 2:,200", "-w ,200". Thresholds add
// to the verdict of design §4, never soften it: the status is the worse of the
// two, so an error-level finding or a lost active server still counts.

#include "sipfo/check/range.hpp"
#include "sipfo/probe/report.hpp"
#include "sipfo/util/exit_status.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::check {

struct MetricThresholds {
  std::optional<Range> warning;
  std::optional<Range> critical;
};

struct ProbeThresholds {
  MetricThresholds up;     // candidates up (a count)
  MetricThresholds rtt_ms; // OPTIONS round-trip time of each up candidate, ms
};

// Reads -w and -c (either may be empty: not given). Throws util::InputError for
// anything outside the syntax above, naming the flag and the bad part.
ProbeThresholds parse_probe_thresholds(std::string_view warning, std::string_view critical);

// What the thresholds say about one metric value: ok, warning or critical
// (critical is checked first, as the guidelines ask).
util::ExitStatus threshold_status(const MetricThresholds& thresholds, double value);

// A candidate's OPTIONS round-trip time when it is up and the server answered
// (not sipfo's own 408/503); nullopt otherwise.
std::optional<double> answered_rtt_ms(const probe::CandidateReport& candidate);

// Each threshold crossed, worst first within a metric, one line each ("1 up,
// warning range 2:"), for the Nagios long output; empty when none was.
struct ThresholdAlert {
  util::ExitStatus status = util::ExitStatus::ok;
  std::string text;
};
std::vector<ThresholdAlert> threshold_alerts(const probe::ProbeReport& report, const ProbeThresholds& thresholds);

} // namespace sipfo::check
