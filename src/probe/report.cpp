#include "sipfo/probe/report.hpp"

namespace sipfo::probe {

ProbeReport make_report(std::vector<TargetResult> results, RegisterCheck check)
{
  ProbeReport report;
  std::vector<Standing> standings;
  for (TargetResult& result : results) {
    CandidateReport candidate;
    candidate.status = candidate_status(result.options, result.registration);
    candidate.registered = is_registered(result.registration);
    standings.push_back({result.target.rank, result.target.priority, candidate.status, candidate.registered});
    candidate.result = std::move(result);
    report.candidates.push_back(std::move(candidate));
  }
  report.active = choose_active(standings, check);
  if (report.active) report.candidates[*report.active].active = true;
  report.exit_status = probe_exit_status(standings, report.active);
  return report;
}

} // namespace sipfo::probe
