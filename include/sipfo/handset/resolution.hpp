#pragma once
// The result of resolving a server setting the way a handset does: every DNS query
// in the order the phone makes it, the candidates in try order, and findings.

#include "sipfo/dns/answer.hpp"
#include "sipfo/handset/candidate.hpp"
#include "sipfo/handset/finding.hpp"

#include <string>
#include <vector>

namespace sipfo::handset {

struct Query {
  dns::Answer answer;
  std::string purpose; // why the phone asks: "NAPTR for the configured name (transport naptr, port 0)"
};

struct Resolution {
  std::vector<Query> queries;
  std::vector<Candidate> candidates;
  std::vector<Finding> findings;
  // Rules of the profile that decided this result where the vendor documents are
  // silent (design §3 table), each with its source, for the human output.
  std::vector<std::string> decisions;
};

} // namespace sipfo::handset

#include "sipfo/util/exit_status.hpp"

namespace sipfo::handset {

// Design §2: 2 when there is no candidate (the phone cannot register), 1 when a
// warning or error finding stands, 0 otherwise.
util::ExitStatus resolution_status(const Resolution& resolution) noexcept;

} // namespace sipfo::handset
