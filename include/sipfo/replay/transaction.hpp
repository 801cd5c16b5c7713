#pragma once
// One client transaction against the world, worked out at once: the world is
// fixed, so the send instants (RFC 3261 17.1.2.2) and the first answer among them
// decide the outcome without stepping through each retransmission.

#include "sipfo/handset/candidate.hpp"
#include "sipfo/replay/parameters.hpp"
#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/sim_time.hpp"
#include "sipfo/replay/world.hpp"

namespace sipfo::replay {

struct TransactionRules {
  handset::Transport transport = handset::Transport::udp;
  Method method = Method::register_;
  SimTime t1 = 500;
  SimTime t2 = 4000;
  SimTime timer_f = 32000;   // Timer F (B for INVITE) = 64 * T1
  SimTime rtt = 0;
  // Retries before the phone gives up on this server (handset-models 2.2 R1); -1 =
  // no vendor count: wait for Timer F. Ignored for the last server of a list.
  int retries = -1;
  SimTime retry_interval = 0; // 84 retryTimeOut: sends every R ms instead of RFC pacing
  bool last_in_list = true;
  // T-A1: the world at the first send decides every send, or each send its own.
  Sampling sampling = Sampling::start;
};

// Offset of the k-th send (k = 0 is the first) from the start. UDP non-INVITE:
// Timer E from T1 doubling, capped at T2: 0, 0.5, 1.5, 3.5, 7.5, 11.5 ... s;
// INVITE: Timer A doubling without cap: 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
SimTime send_offset(int k, const TransactionRules& rules) noexcept;

// When the phone declares the server dead, from the start (R1, R2): the instant the
// next retransmission after `retries` retries would be due (3 -> 7.5 s), capped by
// Timer F; Timer F for the last server, for TCP/TLS and when retries is -1.
SimTime give_up_offset(const TransactionRules& rules) noexcept;

struct TransactionOutcome {
  enum class End : std::uint8_t {
    answered, // a final response `code` arrived at `end`
    refused,  // transport error: RFC 3261 8.1.3.1 treats it as a local 503
    timeout,  // given up at `end`: a local 408
  };
  End how = End::timeout;
  SimTime end = 0;
  int code = 408;
  SimTime retry_after = 0;
  int sends = 0;            // requests sent, retransmissions included
};

TransactionOutcome run_transaction(const World& world, int server, SimTime start, const TransactionRules& rules);

} // namespace sipfo::replay
