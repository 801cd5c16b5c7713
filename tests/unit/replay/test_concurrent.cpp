// Concurrent registration: Yealink fallback.redundancy_type 0 (handset-models §6
// "Fallback, concurrent (default)") and the 84-Series static list (§4.1, S84-A2).
// Every entry is a list of one, so a REGISTER to a dead server ends at Timer F
// (32 s = 64 x T1, RFC 3261 17.1.2.2); UDP sends in those 32 s: 0, 0.5, 1.5, 3.5,
// then every 4 s (T2) up to 31.5 = 11 sends. Renewal at 3600 - 60 s (2.6).
// Retry wait after a failure: Yealink reg_fail_retry_interval 30 s (YAG; Y-A2);
// 84 registerRetry base 60 / max 60: W = min(60, 60 x 2^n) = 60 s, jitter max -> 60 s.

#include "replay_test_support.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;
using namespace replay_test;

namespace {

constexpr std::uint64_t sends_to_timer_f = 11;
constexpr SimTime outage_end = hour + 10 * minute; // 1:10, server 1 back

// First attempt that starts at or after the outage's end: attempts start at the
// failed renewal (3540 s) and then every Timer F + wait.
SimTime first_attempt_after_outage(SimTime wait)
{
  SimTime start = renew_default;
  while (start < outage_end) start += timer_f_default + wait;
  return start;
}

} // namespace

TEST_CASE("replay yealink concurrent: failover when server 1's registration expires")
{
  const auto run = run_fixture("yealink-concurrent.toml");
  // Both register at boot; server 1 is the working server.
  REQUIRE(!run.phone.bindings.empty());
  CHECK(run.phone.bindings.front().server == server(run, "server1"));
  CHECK(run.phone.bindings.front().from == 0);
  // The renewal at 0:59:00 times out at 0:59:32: detected then.
  REQUIRE(run.phone.detect_at);
  CHECK(*run.phone.detect_at == renew_default + timer_f_default);
  // Server 1's registration of 0:00 expires at 1:00: server 2 (registered all along) works.
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == hour);
  CHECK(run.phone.failovers[0].from == server(run, "server1"));
  CHECK(run.phone.failovers[0].to == server(run, "server2"));
  CHECK(run.phone.unregistered_ms == 0);
}

TEST_CASE("replay yealink concurrent: failback as soon as server 1 registers again")
{
  const auto run = run_fixture("yealink-concurrent.toml");
  // Attempts at 3540 + 62k s; k = 11 gives 4222 s (1:10:22), the first after 1:10.
  const SimTime back = first_attempt_after_outage(30 * s);
  CHECK(back == 4222 * s);
  REQUIRE(run.phone.failbacks.size() == 1);
  CHECK(run.phone.failbacks[0].at == back);
  CHECK(run.phone.failbacks[0].to == server(run, "server1"));
  CHECK(run.phone.registered_at_end);
}

TEST_CASE("replay yealink concurrent: messages count both flows")
{
  const auto run = run_fixture("yealink-concurrent.toml");
  // Server 1: boot 1 + 11 failed attempts (3540 + 62k, k = 0..10) x 11 sends + the
  // success at 4222 s (its renewal at 7762 s is after the end).
  CHECK(registers(run, "server1") == 1 + 11 * sends_to_timer_f + 1);
  // Server 2: boot, renewals at 3540 and 7080 s.
  CHECK(registers(run, "server2") == 3);
  // Server 1 was the working server while down from 0:30 to 1:00.
  CHECK(run.phone.service_gap_ms == 30 * minute);
}

TEST_CASE("replay yealink concurrent: redundancy_type 1 keeps the successive machine")
{
  const auto run = run_fixture("yealink-successive-fallback.toml");
  // Successive: nothing is sent to the fallback server before the working one fails.
  REQUIRE(!run.phone.failovers.empty());
  CHECK(run.phone.failovers[0].to == server(run, "fallback"));
  CHECK(run.phone.failovers[0].at > renew_default);
  CHECK(registers(run, "fallback") < 3);
}

TEST_CASE("replay yealink concurrent: server 1 dead at boot: server 2 works from 0, no failover")
{
  const auto run = run_text(R"(
profile = "yealink"
duration = "1h"
[phone]
topology = "static"
[[server]]
name = "a"
address = "10.0.0.1:5060"
[[server]]
name = "b"
address = "10.0.0.2:5060"
[[event]]
at = "0s"
do = "server.down"
server = "a"
)");
  REQUIRE(!run.phone.bindings.empty());
  CHECK(run.phone.bindings.front().server == server(run, "b"));
  CHECK(run.phone.bindings.front().from == 0);
  CHECK(run.phone.failovers.empty());
  CHECK(run.phone.unregistered_ms == 0);
  // C7 detection is a failed transaction on the working server: b never failed.
  CHECK(!run.phone.detect_at);
  // a: attempts at 0 + 62k s while k x 62 < 3600 -> k = 0..58 (58 x 62 = 3596 s), 11 sends each.
  CHECK(registers(run, "a") == 59 * sends_to_timer_f);
  // b: boot and the renewal at 3540 s.
  CHECK(registers(run, "b") == 2);
}

TEST_CASE("replay spectralink-84 static list: entry 2 works once entry 1's registration expired")
{
  const auto run = run_fixture("84-static-list.toml");
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == hour);
  CHECK(run.phone.failovers[0].to == server(run, "entry2"));
  // Attempts at 3540 + 92k s (Timer F 32 + backoff 60); k = 8 gives 4276 s (1:11:16).
  const SimTime back = first_attempt_after_outage(60 * s);
  CHECK(back == 4276 * s);
  REQUIRE(run.phone.failbacks.size() == 1);
  CHECK(run.phone.failbacks[0].at == back);
  CHECK(run.phone.failbacks[0].to == server(run, "entry1"));
  CHECK(registers(run, "entry1") == 1 + 8 * sends_to_timer_f + 1);
  CHECK(registers(run, "entry2") == 3);
}

TEST_CASE("replay spectralink-84 static list: the backoff doubles up to registerRetry.maxTimeOut")
{
  // base 10 s, max 180 s (the Lync base profile, S002 App. A): W = min(180, 10 x 2^n)
  // = 20, 40, 80, 160, 180 ... with jitter max; entry a is down all the time.
  const auto run = run_text(R"(
profile = "spectralink-84"
duration = "10m"
[phone]
topology = "static"
"registerRetry.baseTimeOut" = 10
"registerRetry.maxTimeOut" = 180
[[server]]
name = "a"
address = "10.0.0.1:5060"
[[server]]
name = "b"
address = "10.0.0.2:5060"
[[event]]
at = "0s"
do = "server.down"
server = "a"
)");
  // Attempts start at 0, 32+20 = 52, 52+32+40 = 124, 124+32+80 = 236, 236+32+160 = 428;
  // the next at 428+32+180 = 640 s is after the 600 s end: 5 attempts.
  CHECK(registers(run, "a") == 5 * sends_to_timer_f);
  CHECK(registers(run, "b") == 1);
  CHECK(run.phone.bindings.front().server == server(run, "b"));
}

TEST_CASE("replay spectralink-84: topology dns (the default) keeps one failover list")
{
  const auto run = run_fixture("84-short-outage.toml");
  // One list: nothing goes to p2 while p1 answers (handset-models 4.3).
  CHECK(registers(run, "p2") == 0);
}

TEST_CASE("replay scenario: topology static with a [phone] address is an error")
{
  CHECK_THROWS(parse_scenario(R"(
profile = "spectralink-84"
zone = "replay.test.zone"
[phone]
topology = "static"
address = "replay.test"
[[server]]
name = "p1"
address = "10.0.0.1:5060"
)",
                              "test.toml"));
}

TEST_CASE("replay yealink concurrent: a phone reboot starts both flows again")
{
  const auto run = run_text(R"(
profile = "yealink"
duration = "1h"
[phone]
topology = "static"
[[server]]
name = "a"
address = "10.0.0.1:5060"
[[server]]
name = "b"
address = "10.0.0.2:5060"
[[event]]
at = "10m"
do = "phone.reboot"
)");
  // Boot at 0 and again at 10 min: one REGISTER to each server each time. The
  // first boot's renewals (due at 3540 s, before the 1 h end) die with the reboot;
  // the second boot's are due at 600 + 3540 = 4140 s, after the end.
  CHECK(registers(run, "a") == 2);
  CHECK(registers(run, "b") == 2);
  CHECK(run.phone.failovers.empty());
  CHECK(run.phone.failbacks.empty());
}
