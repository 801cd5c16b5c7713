#pragma once
// The timers of a non-INVITE client transaction (RFC 3261 17.1.2.2, Table 4):
// over UDP, Timer E retransmits at T1, doubling up to T2 (and at T2 once a
// provisional response came); Timer F = 64*T1 ends the transaction with a 408.
// Over TCP/TLS there is no retransmission, only Timer F. Pure: time comes in
// as arguments, so the schedule is exact and testable.

#include "sipfo/sip/clock.hpp"

#include <chrono>

namespace sipfo::sip {

struct TimerSettings {
  std::chrono::milliseconds t1{500};   // RTT estimate (RFC 3261 17.1.1.1), --t1
  std::chrono::milliseconds t2{4000};  // maximum retransmit interval
  std::chrono::milliseconds timer_f{0}; // transaction timeout; 0 = 64*T1 (--timeout)

  std::chrono::milliseconds timeout() const noexcept;
};

enum class Reliability { unreliable, reliable }; // UDP vs TCP/TLS

enum class TimerEvent {
  none,        // nothing due yet
  retransmit,  // Timer E fired: send the request again
  timeout,     // Timer F fired: the transaction ends as a 408
};

class NonInviteTimers {
public:
  // The request was first sent at `start`.
  NonInviteTimers(const TimerSettings& settings, Reliability reliability, TimePoint start);

  // When on_time() next has something to do.
  TimePoint next_deadline() const noexcept;
  // Advances to `now`: at most one event per call (call again while not none).
  TimerEvent on_time(TimePoint now) noexcept;
  // A provisional (1xx) response arrived: Proceeding state, Timer E interval T2.
  void on_provisional() noexcept;
  // Requests sent so far, the first one included.
  int sends() const noexcept { return sends_; }

private:
  std::chrono::milliseconds t2_;
  TimePoint timer_f_at_;
  TimePoint next_send_at_;        // max() when no retransmission is scheduled
  std::chrono::milliseconds interval_;
  bool proceeding_ = false;
  int sends_ = 1;
};

} // namespace sipfo::sip
