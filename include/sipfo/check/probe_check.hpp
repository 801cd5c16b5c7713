#pragma once
// The decisions `sipfo probe` makes from its results (design §4): which findings
// the probe outcomes call for, and the status and exit code of a run. Pure
// functions of the results, so every rule has a unit test; the CLI only calls them.

#include "sipfo/check/probe_thresholds.hpp"
#include "sipfo/handset/finding.hpp"
#include "sipfo/probe/report.hpp"
#include "sipfo/util/exit_status.hpp"

#include <span>
#include <vector>

namespace sipfo::check {

// The findings the probe results call for: TLS certificate problems, servers
// that are down or answered 5xx, refused REGISTERs, ignored messages (stable
// codes of the handset::finding_kinds() registry), in candidate order.
std::vector<handset::Finding> probe_findings(const probe::ProbeReport& report);

// The run's status: design §4's rule (report.exit_status: 0 all up with an
// active server, 1 some down or failed, 2 no active server), raised to warning
// by a warning or error among the probe's findings and by an error among
// resolve's (design §2: an error-level finding never ends in 0; resolve's
// warnings, e.g. a single server, are resolve's to report), and raised further
// by the -w/-c thresholds.
struct RunFindings {
  std::span<const handset::Finding> resolve; // the resolution's (DNS, settings, targets)
  std::span<const handset::Finding> probe;   // probe_findings()
};
util::ExitStatus probe_status(const probe::ProbeReport& report, RunFindings findings,
                              const ProbeThresholds& thresholds = {});

} // namespace sipfo::check
