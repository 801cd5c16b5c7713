#pragma once
// What a closed REGISTER transaction says about the phone's registration, in
// parse-log's words, and the few facts of a transaction the story names.

#include "sipfo/wire/capture_story.hpp"

#include <string>

namespace sipfo::wire {

// The first final (2xx-6xx) response, nullptr when none came.
const SipResponseSeen* final_response(const SipTransaction& transaction);

enum class RegisterResult {
  registered,   // 2xx with a binding asked for
  unregistered, // 2xx to Expires 0: not a registration
  negotiating,  // a challenge answered without credentials yet (RFC 3261 22.2), 423 (10.2.8), a 3xx redirect (8.1.3.4)
  failed,       // timed out, or a 4xx-6xx that is no step of the exchange
  unfinished,   // the capture ended first
};
RegisterResult register_result(const SipTransaction& transaction);

// The cause of a `failed` REGISTER: server_timeout_failover, auth_rejected,
// user_unknown or server_rejected.
util::FindingCode failure_cause(const SipTransaction& transaction);

// "503 Service Unavailable" ("503" without a reason phrase).
std::string final_text(const SipResponseSeen& response);

// Why the phone left a server whose last REGISTER was `last`, for a ServerChange:
// "no answer after 3 sends (3.5 s)" (until `next`) or "503 Service Unavailable".
std::string why_left(const SipTransaction& last, const PacketMark& next);

// The transaction's latest packet, send or response.
PacketMark last_packet(const SipTransaction& transaction);

} // namespace sipfo::wire
