#pragma once
// The result of resolving a server setting the way a handset does: every DNS query
// in the order the phone makes it, the candidates in try order, and findings.

#include "sipfo/dns/answer.hpp"
#include "sipfo/handset/candidate.hpp"
#include "sipfo/handset/finding.hpp"

#include <string>
#include <vector>

namespace sipfo::handset {

// Who asked a question: the handset's own procedure, or sipfo checking something
// the handset does not look at (e.g. AAAA records for a handset that asks A only).
enum class Asker { handset, sipfo };

struct Query {
  dns::Answer answer;
  std::string purpose; // why it is asked: "NAPTR first: transport DNSnaptr and port 0"
  Asker asked_by = Asker::handset;
};

// How a profile ranks its candidates.
enum class RankStyle {
  try_order,  // rank = position in the order the phone tries them
  serverspec, // PIVOT: rank = serverspec number (P1..P4), list in DNS answer order,
              // preference = (rank, priority), as the phone's SIP status screen shows
};

struct Resolution {
  RankStyle rank_style = RankStyle::try_order;
  std::vector<Query> queries;
  std::vector<Candidate> candidates;
  std::vector<Finding> findings;
  // Rules of the profile that decided this result where the vendor documents are
  // silent (design §3 table), each with its source, for the human output.
  std::vector<std::string> decisions;
};

// The candidate the phone registers to first: the lowest (rank, priority), ties in
// list order. Nullptr when there is none.
const Candidate* preferred_candidate(const Resolution& resolution) noexcept;

} // namespace sipfo::handset
