#include "sipfo/handset/resolution.hpp"

namespace sipfo::handset {

const Candidate* preferred_candidate(const Resolution& resolution) noexcept
{
  const Candidate* best = nullptr;
  for (const auto& c : resolution.candidates) {
    if (best == nullptr || c.rank < best->rank || (c.rank == best->rank && c.priority < best->priority)) best = &c;
  }
  return best;
}

util::ExitStatus resolution_status(const Resolution& resolution) noexcept
{
  if (resolution.candidates.empty()) return util::ExitStatus::critical;
  for (const auto& finding : resolution.findings) {
    if (finding.severity != Severity::info) return util::ExitStatus::warning;
  }
  return util::ExitStatus::ok;
}

} // namespace sipfo::handset
