#pragma once
// RFC 3261's retransmission schedule of a client transaction over UDP, and a
// transaction's measured sends compared with it.

#include "sipfo/wire/capture_story.hpp"

#include <chrono>
#include <optional>
#include <vector>

namespace sipfo::wire {

// RFC 3261 17.1.1.1 / Table 4 defaults.
inline constexpr std::chrono::milliseconds rfc3261_t1{500};
inline constexpr std::chrono::milliseconds rfc3261_t2{4000};
inline constexpr std::chrono::milliseconds rfc3261_t4{5000}; // Timer K: Completed absorbs retransmissions
// Timer F (non-INVITE) and Timer B (INVITE): 64*T1.
inline constexpr std::chrono::milliseconds rfc3261_timer_f{64 * 500};

// When each retransmission is due, counted from the first send, for `count`
// retransmissions: INVITE doubles T1 without a cap (17.1.1.2, Timer A), every
// other method doubles up to T2 (17.1.2.2, Timer E).
std::vector<std::chrono::nanoseconds> expected_retransmissions(bool invite, std::size_t count);

// How far a measured interval may stray from the RFC's before it is a finding:
// capture timestamps and a phone's timer tick jitter by tens of milliseconds
// (sipfo's assumption: 100 ms or 10 % of the interval, whichever is larger).
std::chrono::nanoseconds schedule_tolerance(std::chrono::nanoseconds interval);

struct ScheduleComparison {
  std::vector<std::chrono::nanoseconds> observed; // retransmissions, from the first send
  std::vector<std::chrono::nanoseconds> expected; // as many, as the RFC schedules them
  bool follows = true;
  const char* section = "RFC 3261 17.1.2.2";
};

// Nullopt when there is nothing to compare: not UDP (reliable transports do not
// retransmit, 17.1.1.2, 17.1.2.2) or no retransmission before the first
// response (a provisional response changes the schedule, and stops INVITE's).
std::optional<ScheduleComparison> compare_retransmissions(const SipTransaction& transaction);

} // namespace sipfo::wire
