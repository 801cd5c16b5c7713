#include "sipfo/probe/report.hpp"

#include <utility>

namespace sipfo::probe {

ProbeReport make_report(std::vector<TargetResult> results, RegisterCheck check)
{
  ProbeReport report;
  std::vector<Standing> standings;
  for (TargetResult& result : results) {
    CandidateReport candidate;
    // A target not probed to the end says nothing of its server (design §4).
    candidate.status = result.not_probed == NotProbed::no ? candidate_status(result.options, result.registration)
                                                          : Status::unknown;
    candidate.registered = result.not_probed == NotProbed::no && is_registered(result.registration);
    standings.push_back({result.target.rank, result.target.priority, candidate.status, candidate.registered});
    candidate.result = std::move(result);
    report.candidates.push_back(std::move(candidate));
  }
  report.active = choose_active(standings, check);
  // A more preferred candidate cut short by Ctrl-C might have been the active
  // one: then sipfo cannot say which is.
  if (report.active) {
    const Standing& chosen = standings[*report.active];
    for (std::size_t i = 0; i < report.candidates.size(); ++i) {
      const Standing& other = standings[i];
      const bool preferred = std::pair(other.rank, other.priority) < std::pair(chosen.rank, chosen.priority) ||
                             (std::pair(other.rank, other.priority) == std::pair(chosen.rank, chosen.priority) &&
                              i < *report.active);
      if (preferred && report.candidates[i].result.not_probed == NotProbed::interrupted) report.active.reset();
      if (!report.active) break;
    }
  }
  if (report.active) report.candidates[*report.active].active = true;
  report.exit_status = probe_exit_status(standings, report.active);
  return report;
}

} // namespace sipfo::probe
