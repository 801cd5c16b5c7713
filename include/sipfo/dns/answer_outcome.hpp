#pragma once
// What a response means for the question asked: NOERROR with data, NODATA,
// NXDOMAIN, SERVFAIL or REFUSED (RFC 1035 4.1.1, RFC 1034 4.3.2, RFC 2308 2.2).

#include "sipfo/dns/dns_message.hpp"

#include "sipfo/dns/answer.hpp"

namespace sipfo::dns {

// NOERROR is `noerror` only when the answer holds records of the asked type at
// the question's name or at the end of the CNAME chain starting there (a chain
// that loops or ends at a name without them is NODATA). FORMERR, NOTIMP and the
// rarer RCODEs also mean the server could not answer: `servfail`.
Outcome outcome_of(const DnsMessage& message, const Question& question);

// Fills `answer` from a reply read for `question`: the outcome as above, the
// answer records (an NXDOMAIN keeps only its CNAME chain, RFC 6604 2.1, and
// `problem` names what it dropped), the negative TTL of an NXDOMAIN or NODATA
// (RFC 2308 5). Carrier, source, size and elapsed are the caller's.
void fill_from_reply(Answer& answer, DnsMessage&& message, const Question& question);

} // namespace sipfo::dns
