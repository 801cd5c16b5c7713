#pragma once
// What a response means for the question asked: NOERROR with data, NODATA,
// NXDOMAIN, SERVFAIL or REFUSED (RFC 1035 4.1.1, RFC 1034 4.3.2, RFC 2308 2.2).

#include "dns_message.hpp"

#include "sipfo/dns/answer.hpp"

namespace sipfo::dns {

// NOERROR is `noerror` only when the answer holds records of the asked type at
// the question's name or at the end of the CNAME chain starting there (a chain
// that loops or ends at a name without them is NODATA). FORMERR, NOTIMP and the
// rarer RCODEs also mean the server could not answer: `servfail`.
Outcome outcome_of(const DnsMessage& message, const Question& question);

} // namespace sipfo::dns
