#pragma once
// Reads an attempt's DNS chain once it is complete: which name the phone was
// configured with, which lookups belong to the registration (unrelated NTP or
// provisioning lookups interleave), the candidate list in try order, and whether the
// phone then used one of the candidates (a success when SIP detail is missing).

#include "sipfo/applog/attempt.hpp"

namespace sipfo::applog {

// Sets configured_name, DnsLookup::related, candidates and transport of `attempt`.
// Order of candidates: SRV priority ascending, then weight descending, ties in answer
// order (design §3, spectralink-84); each target's addresses in answer order. Without
// SRV, the A answers of the configured name with the configured port (5060, or 5061
// for TLS, when none; CS-14-17 "DNS Configuration, Step 1").
void resolve_chain(Attempt& attempt);

// Sets outcome, success_line/active (inferring a success from the B pattern of
// applog-format.md §7 when no SIP line says so).
void decide_attempt_outcome(Attempt& attempt);

// The last line of the attempt that is a registration event (failure or success); 0
// when none.
std::uint64_t last_outcome_line(const Attempt& attempt) noexcept;

} // namespace sipfo::applog
