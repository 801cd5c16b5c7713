// yealink (handset-models §6): failback modes 0-3 through the fixtures, one server
// entry resolved through the zone to p1 (SRV priority 1) and p2 (priority 2).
// Expected instants from the documented numbers: renewal at 3600 - 60 s (R4),
// retry_counts 3 -> 7.5 s (R1), failback_timeout 3600 s, A-record TTL 1800 s.

#include "replay_test_support.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;
using namespace replay_test;

namespace {

// p1 is down 0:30-1:30; the renewal at 0:59:00 fails over to p2 at 0:59:07.5.
constexpr SimTime failover = renew_default + r1_three_retries;
constexpr SimTime p1_back = hour + 30 * minute;

} // namespace

TEST_CASE("replay yealink: the zone gives p1 then p2")
{
  const auto run = run_fixture("yealink-failback-mode-0.toml");
  const auto& candidates = run.world.epochs.front().candidates;
  REQUIRE(candidates.size() == 2);
  CHECK(candidates[0].server == server(run, "p1"));
  CHECK(candidates[1].server == server(run, "p2"));
  CHECK(candidates[1].a_ttl == 1800 * s);
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == failover);
}

TEST_CASE("replay yealink: failback_mode 0 newRequests: the next renewal tries the primary")
{
  const auto run = run_fixture("yealink-failback-mode-0.toml");
  REQUIRE(run.phone.failbacks.size() == 1);
  CHECK(run.phone.failbacks[0].at == failover + renew_default); // 1:58:07.5
}

TEST_CASE("replay yealink: failback_mode 2 registration: at the renewal too (Q3)")
{
  const auto run = run_fixture("yealink-failback-mode-2.toml");
  REQUIRE(run.phone.failbacks.size() == 1);
  CHECK(run.phone.failbacks[0].at == failover + renew_default);
}

TEST_CASE("replay yealink: failback_mode 3 duration: failback_timeout after the failover")
{
  const auto run = run_fixture("yealink-failback-mode-3.toml");
  REQUIRE(run.phone.failbacks.size() == 1);
  CHECK(run.phone.failbacks[0].at == failover + hour); // 1:59:07.5 (renewal at 1:58:07.5 stays on p2)
  CHECK(registers(run, "p2") == 2);
}

TEST_CASE("replay yealink: failback_mode 1 DNSTTL: p2's A-record TTL, re-armed after a failed try")
{
  const auto run = run_fixture("yealink-failback-mode-1.toml");
  const SimTime ttl = 1800 * s;
  const SimTime first_try = failover + ttl; // 1:29:07.5, p1 still down
  CHECK(first_try < p1_back);
  const SimTime second_try = first_try + r1_three_retries + ttl; // 1:59:15.0
  REQUIRE(run.phone.failbacks.size() == 1);
  CHECK(run.phone.failbacks[0].at == second_try);
}

TEST_CASE("replay yealink: reg_fail_retry_interval when every server fails")
{
  const auto run = run_text(R"(
profile = "yealink"
duration = "5m"
[[server]]
name = "p1"
address = "10.0.0.1"
[[event]]
at = 0
do = "server.down"
server = "p1"
mode = "refused"
)");
  // A single server is the last: refused at once; retried every 30 s: 0, 30, ..., 270 s.
  CHECK(registers(run, "p1") == 10);
}

TEST_CASE("replay yealink: successive fallback waits for the expiry, then probes every fallback.timeout")
{
  const auto run = run_fixture("yealink-successive-fallback.toml");
  // Renewal at 3540 s; working dead at +7.5 s (R1); the fallback REGISTER waits
  // for the working registration to expire at 3600 s (S003).
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == hour);
  CHECK(run.phone.failovers[0].to == server(run, "fallback"));
  CHECK(run.phone.unregistered_ms == 0);
  // Probes every 120 s from the fallback registration (Y-A1), each failed probe
  // taking 7.5 s: starts at 3720 + k * 127.5 s; the first at or after 1:10:00
  // (k = 4, 4230 s) finds the working server up.
  const SimTime back = hour + 10 * minute;
  SimTime probe = hour + 120 * s;
  while (probe < back) probe += 120 * s + r1_three_retries;
  CHECK(probe == 4230 * s);
  REQUIRE(run.phone.failbacks.size() == 1);
  CHECK(run.phone.failbacks[0].at == probe);
}
