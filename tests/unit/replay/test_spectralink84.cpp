// spectralink-84 (handset-models §4) through the fixtures: every expected instant
// is computed here from the documented numbers (renewal 3540 s, R1 7.5 s, Timer F
// 32 s, registerRetry 60/60 s), never read from the program's output.

#include "replay_test_support.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;
using namespace replay_test;

TEST_CASE("replay spectralink-84: primary dead at boot")
{
  const auto run = run_fixture("primary-dead-at-boot.toml");
  const auto& phone = run.phone;
  // p1 not last: dead at R1 7.5 s, REGISTER p2 answered at once (C2).
  REQUIRE(phone.failovers.size() == 1);
  CHECK(phone.failovers[0].at == r1_three_retries);
  CHECK(phone.failovers[0].from == server(run, "p1"));
  CHECK(phone.failovers[0].to == server(run, "p2"));
  CHECK(phone.detect_at == r1_three_retries);
  CHECK(phone.unregistered_ms == r1_three_retries);
  // registration mode: the renewal at 7.5 + 3540 s tries p1 again (4 sends) and
  // lands on p2 7.5 s later. Messages in 1 h 30: p1 4 + 4, p2 1 + 1.
  CHECK(registers(run, "p1") == 8);
  CHECK(registers(run, "p2") == 2);
  CHECK(phone.registered_at_end);
  CHECK(phone_status(phone) == sipfo::util::ExitStatus::warning);
}

TEST_CASE("replay spectralink-84: short outage between renewals goes unnoticed")
{
  const auto run = run_fixture("84-short-outage.toml");
  // Registered at 0, renewal at 3540 s; p1 down 30-40 min: no transaction meets it.
  CHECK(run.phone.failovers.empty());
  CHECK_FALSE(run.phone.detect_at);
  CHECK(run.phone.unregistered_ms == 0);
  CHECK(run.phone.service_gap_ms == 10 * minute); // registered on a dead server
  CHECK(registers(run, "p1") == 3);               // 0, 3540 s, 7080 s
}

TEST_CASE("replay spectralink-84: long outage, failover at the renewal, failback at a later renewal")
{
  const auto run = run_fixture("84-long-outage.toml");
  const auto& phone = run.phone;
  const SimTime outage = 30 * minute, back = 2 * hour + 30 * minute;
  const SimTime failover = renew_default + r1_three_retries;   // 0:59:07.5
  const SimTime second_try = failover + renew_default;         // 1:58:07.5, p1 still down
  const SimTime second_home = second_try + r1_three_retries;   // 1:58:15.0 on p2 again
  const SimTime failback = second_home + renew_default;        // 2:57:15.0, p1 back since 2:30
  REQUIRE(phone.failovers.size() == 1);
  CHECK(phone.failovers[0].at == failover);
  REQUIRE(phone.failbacks.size() == 1);
  CHECK(phone.failbacks[0].at == failback);
  CHECK(failback > back);
  CHECK(phone.detect_at == failover);
  CHECK(phone.unregistered_ms == 0);
  CHECK(phone.service_gap_ms == failover - outage);
  // p1: boot 1, two dead renewals of 4 sends, the failback 1, the renewal at 3:56:15 1.
  CHECK(registers(run, "p1") == 1 + 4 + 4 + 1 + 1);
  CHECK(registers(run, "p2") == 2);
}

TEST_CASE("replay spectralink-84: both servers down, backoff until they return")
{
  const auto run = run_fixture("both-down-then-back.toml");
  const auto& phone = run.phone;
  // Each pass from the renewal at 3540 s: p1 7.5 s (R1), p2 32 s (last, Timer F),
  // then registerRetry W = min(60, 60 * 2^n) = 60 s, jitter max: a 99.5 s cycle.
  const SimTime cycle = r1_three_retries + timer_f_default + 60 * s;
  const SimTime back = hour + 10 * minute;
  SimTime pass = renew_default;
  while (pass < back) pass += cycle; // the first pass that starts after the servers return
  CHECK(pass == renew_default + 7 * cycle); // 1:10:36.5
  CHECK(phone.failovers.empty());           // back on p1, where it was
  CHECK(phone.detect_at == renew_default + r1_three_retries);
  // The binding (0 + 3600 s) expires at 1:00:00 (C8); unregistered until the pass.
  CHECK(phone.unregistered_ms == pass - hour);
  CHECK(phone.service_gap_ms == (hour - 30 * minute) + (pass - hour));
  REQUIRE(phone.bindings.size() >= 2);
  CHECK(phone.bindings[1].from == pass);
  // p2 gets 11 sends per pass over 7 passes.
  CHECK(registers(run, "p2") == 7 * 11);
}

TEST_CASE("replay spectralink-84: network down during an outage")
{
  const auto run = run_fixture("network-down-during-outage.toml");
  const auto& phone = run.phone;
  // Network down 0:58-1:05: the renewal passes at 3540 s + k * 99.5 s all fail
  // (every server silent, S84-A5) until one starts after 1:05:00; p1 is still
  // down then, so that pass ends on p2 after R1.
  const SimTime cycle = r1_three_retries + timer_f_default + 60 * s;
  const SimTime net_up = hour + 5 * minute;
  SimTime pass = renew_default;
  while (pass < net_up) pass += cycle;
  REQUIRE(phone.failovers.size() == 1);
  CHECK(phone.failovers[0].at == pass + r1_three_retries); // 1:05:45.5
  CHECK(phone.unregistered_ms == pass + r1_three_retries - hour);
}

TEST_CASE("replay spectralink-84: duration failback proactive at the timer (S84-A4, Q2)")
{
  const auto run = run_text(R"(
profile = "spectralink-84"
duration = "3h"
[phone]
"failOver.failBack.mode" = "duration"
[[server]]
name = "p1"
address = "10.0.0.1"
priority = 1
[[server]]
name = "p2"
address = "10.0.0.2"
priority = 2
[[event]]
at = "30m"
do = "server.down"
server = "p1"
[[event]]
at = "1h30m"
do = "server.up"
server = "p1"
)");
  // E6b: failover at 0:59:07.5; the renewal at 1:58:07.5 goes to p2 (last used);
  // the failback timer (timeout 3600 s) fires at 1:59:07.5 and p1 answers.
  const SimTime failover = renew_default + r1_three_retries;
  REQUIRE(run.phone.failbacks.size() == 1);
  CHECK(run.phone.failbacks[0].at == failover + hour);
  CHECK(registers(run, "p2") == 2);
}

TEST_CASE("replay spectralink-84: a 403 ends the attempt without the next server (S84-A3)")
{
  const auto run = run_text(R"(
profile = "spectralink-84"
duration = "10m"
[[server]]
name = "p1"
address = "10.0.0.1"
priority = 1
[[server]]
name = "p2"
address = "10.0.0.2"
priority = 2
[[event]]
at = 0
do = "server.reply"
server = "p1"
code = 403
)");
  // Backoff 60/60 jitter max: passes at 0, 60, 120, ... 540 s, each one REGISTER to p1.
  CHECK(registers(run, "p2") == 0);
  CHECK(registers(run, "p1") == 10);
  CHECK_FALSE(run.phone.registered_at_end);
  CHECK(phone_status(run.phone) == sipfo::util::ExitStatus::critical);
}

TEST_CASE("replay spectralink-84: refused goes to the next server at once")
{
  const auto run = run_text(R"(
profile = "spectralink-84"
duration = "10m"
[[server]]
name = "p1"
address = "10.0.0.1"
priority = 1
[[server]]
name = "p2"
address = "10.0.0.2"
priority = 2
[[event]]
at = 0
do = "server.down"
server = "p1"
mode = "refused"
)");
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == 0);
  CHECK(run.phone.unregistered_ms == 0);
}

TEST_CASE("replay spectralink-84: retryMaxCount and retryTimeOut change the give-up instant")
{
  const auto run = run_text(R"(
profile = "spectralink-84"
duration = "10m"
[phone]
retryMaxCount = 1
retryTimeOut = 2000
[[server]]
name = "p1"
address = "10.0.0.1"
priority = 1
[[server]]
name = "p2"
address = "10.0.0.2"
priority = 2
[[event]]
at = 0
do = "server.down"
server = "p1"
)");
  // (n + 1) * R = 2 * 2000 ms.
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == 4 * s);
  CHECK(registers(run, "p1") == 2);
}

TEST_CASE("replay spectralink-84: a TCP connection drop re-registers at once (Q11)")
{
  const auto run = run_text(R"(
profile = "spectralink-84"
duration = "30m"
[[server]]
name = "p1"
address = "10.0.0.1"
transport = "tcp"
priority = 1
[[server]]
name = "p2"
address = "10.0.0.2"
transport = "tcp"
priority = 2
[[event]]
at = "10m"
do = "server.down"
server = "p1"
mode = "refused"
[[event]]
at = "10m"
do = "server.drop"
server = "p1"
)");
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == 10 * minute); // refused over TCP fails at once (R2)
  CHECK(run.phone.detect_at == 10 * minute);
}

TEST_CASE("replay spectralink-84: a reboot registers again as at boot")
{
  const auto run = run_text(R"(
profile = "spectralink-84"
duration = "30m"
[[server]]
name = "p1"
address = "10.0.0.1"
[[event]]
at = "10m"
do = "phone.reboot"
)");
  REQUIRE(run.phone.bindings.size() == 2);
  CHECK(run.phone.bindings[0].to == 10 * minute);
  CHECK(run.phone.bindings[1].from == 10 * minute);
  CHECK(registers(run, "p1") == 2);
}
