#pragma once
// How a profile orders SRV records of one priority (design §3, "equal-priority
// SRV records"). Priority always sorts ascending first (RFC 2782).

#include "sipfo/dns/record.hpp"
#include "sipfo/handset/candidate.hpp"

#include <cstdint>
#include <random>
#include <vector>

namespace sipfo::handset {

enum class SrvOrder {
  weight_descending, // higher weight first, ties in answer order (84-Series, Yealink)
  answer_order,      // as the server sent them (PIVOT shows them this way)
  weighted_random,   // RFC 2782 "Usage rules" selection (rfc3263)
  as_received,       // not sorted at all: PIVOT lists SRV answers as received and
                     // prefers by priority when it picks (CS-18-09, Method 3)
};

// SRV records ordered for trying. `random` is used only for weighted_random.
std::vector<dns::Record> ordered_srv(std::vector<dns::Record> records, SrvOrder order, std::mt19937_64& random);

// True when two candidates from different SRV records share priority and weight:
// the order between them is then the answer order, which the 84-Series bulletin
// and the Yealink guides do not state (they name priority, then weight).
bool has_srv_weight_tie(const std::vector<Candidate>& candidates);

} // namespace sipfo::handset
