#pragma once
// The probe results with the status rules applied: per candidate status, the
// active server and the exit status (design §4; CS-18-09 "Call server status").

#include "sipfo/probe/active_server.hpp"
#include "sipfo/probe/status.hpp"
#include "sipfo/probe/target_result.hpp"
#include "sipfo/util/exit_status.hpp"

#include <optional>
#include <vector>

namespace sipfo::probe {

struct CandidateReport {
  TargetResult result;
  Status status = Status::unknown;
  bool registered = false;
  bool active = false;  // the `*` of the PIVOT SIP status screen
};

struct ProbeReport {
  std::vector<CandidateReport> candidates; // in target order
  std::optional<std::size_t> active;
  util::ExitStatus exit_status = util::ExitStatus::unknown;
};

ProbeReport make_report(std::vector<TargetResult> results, RegisterCheck check);

} // namespace sipfo::probe
