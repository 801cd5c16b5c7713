#include "sipfo/sip/transaction_timers.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace sipfo::sip;
using std::chrono::milliseconds;

namespace {

struct Run {
  std::vector<long> retransmits_ms; // offsets of each retransmission
  long timeout_ms = -1;
};

// Drives the timers from deadline to deadline, as the engine's loop does.
Run run_to_timeout(const TimerSettings& settings, Reliability reliability)
{
  const TimePoint start{};
  NonInviteTimers timers(settings, reliability, start);
  Run run;
  for (int guard = 0; guard < 1000; ++guard) {
    TimePoint due = timers.next_deadline();
    TimerEvent event = timers.on_time(due);
    long at = static_cast<long>(std::chrono::duration_cast<milliseconds>(due - start).count());
    if (event == TimerEvent::retransmit) run.retransmits_ms.push_back(at);
    if (event == TimerEvent::timeout) {
      run.timeout_ms = at;
      break;
    }
  }
  return run;
}

} // namespace

TEST_CASE("sip::NonInviteTimers: UDP sends at 0, 0.5, 1.5, 3.5, 7.5, 11.5 ... 31.5 s, 408 at 32 s (RFC 3261 17.1.2.2)")
{
  Run run = run_to_timeout(TimerSettings{}, Reliability::unreliable);
  const std::vector<long> expected{500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500};
  CHECK(run.retransmits_ms == expected);
  CHECK(run.timeout_ms == 32000);
}

TEST_CASE("sip::NonInviteTimers: TCP/TLS never retransmit, Timer F still 64*T1")
{
  Run run = run_to_timeout(TimerSettings{}, Reliability::reliable);
  CHECK(run.retransmits_ms.empty());
  CHECK(run.timeout_ms == 32000);
}

TEST_CASE("sip::NonInviteTimers: --t1 scales Timer E and Timer F")
{
  TimerSettings fast;
  fast.t1 = milliseconds(100);
  Run run = run_to_timeout(fast, Reliability::unreliable);
  // Intervals 100, 200, 400, 800, 1600, 3200, then capped at T2 = 4000;
  // Timer F = 64 * 100 ms = 6400 ms comes before the send at 10300.
  const std::vector<long> expected{100, 300, 700, 1500, 3100, 6300};
  CHECK(run.retransmits_ms == expected);
  CHECK(run.timeout_ms == 6400);
}

TEST_CASE("sip::NonInviteTimers: --timeout overrides Timer F")
{
  TimerSettings settings;
  settings.timer_f = milliseconds(2000);
  Run run = run_to_timeout(settings, Reliability::unreliable);
  const std::vector<long> expected{500, 1500};
  CHECK(run.retransmits_ms == expected);
  CHECK(run.timeout_ms == 2000);
}

TEST_CASE("sip::NonInviteTimers: after a provisional response Timer E runs at T2 (Proceeding)")
{
  const TimePoint start{};
  NonInviteTimers timers(TimerSettings{}, Reliability::unreliable, start);
  CHECK(timers.on_time(start + milliseconds(500)) == TimerEvent::retransmit);
  timers.on_provisional();
  CHECK(timers.on_time(start + milliseconds(1000)) == TimerEvent::none);
  CHECK(timers.next_deadline() == start + milliseconds(1500));
  CHECK(timers.on_time(start + milliseconds(1500)) == TimerEvent::retransmit);
  CHECK(timers.next_deadline() == start + milliseconds(5500));
  CHECK(timers.sends() == 3);
}
