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

} // namespace sipfo::handset
