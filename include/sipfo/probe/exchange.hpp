#pragma once
// The outcome of one probe request (OPTIONS or REGISTER) against one target:
// the final response, or the one sipfo made up when none came (RFC 3261
// 8.1.3.1: a timeout counts as 408, a transport error as 503).

#include "sipfo/sip/connection.hpp"
#include "sipfo/sip/digest.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::probe {

enum class Origin {
  server, // the code came from the server
  local,  // sipfo generated it: Timer F (408) or a transport failure (503)
};

struct Exchange {
  int code = 0;               // final status code, 200..699
  std::string reason;         // server's reason phrase, or sipfo's explanation
  Origin origin = Origin::server;
  std::chrono::milliseconds rtt{0}; // first send of the final transaction to its answer
  std::optional<std::chrono::seconds> retry_after; // from a 5xx/4xx with Retry-After
  bool credentials_sent = false;    // REGISTER: the final transaction carried Authorization
  int sends = 1;                    // requests sent in the final transaction (retransmissions)
  // A local 408 whose connection never got ready: Timer F ran out in the TCP
  // connect or the TLS handshake, so no SIP request reached the server.
  sip::ConnectionPhase stalled_in = sip::ConnectionPhase::established;
  // A 401/407 that could not be answered although a password was given: why.
  sip::ChallengeProblem challenge_problem = sip::ChallengeProblem::none;
  std::string challenge_detail;     // the algorithm's name, the broken part
  // A 3xx: the Contact values it redirects to (RFC 3261 21.3), as received.
  std::vector<std::string> redirect_contacts;
};

// sipfo's own 408 for a transaction that got no final response within Timer F.
Exchange timeout_exchange(std::chrono::milliseconds waited, int sends);
// sipfo's own 408 for Timer F running out before the connection was ready.
Exchange stalled_exchange(sip::ConnectionPhase phase, std::chrono::milliseconds waited);
// sipfo's own 503 for a transport failure (`what`: "connection refused", ...).
Exchange transport_failure_exchange(std::string what, std::chrono::milliseconds after);

} // namespace sipfo::probe
