// rfc3263 (handset-models §3): Timer F on every server, every REGISTER from the
// top of the list (B1), RFC 5626 backoff 30/1800 s.

#include "replay_test_support.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;
using namespace replay_test;

TEST_CASE("replay rfc3263: Timer F before the next server, failback at the next refresh (B1)")
{
  const auto run = run_text(R"(
profile = "rfc3263"
duration = "3h"
[[server]]
name = "a"
address = "10.0.0.1"
priority = 1
[[server]]
name = "b"
address = "10.0.0.2"
priority = 2
[[event]]
at = "30m"
do = "server.down"
server = "a"
[[event]]
at = "1h10m"
do = "server.up"
server = "a"
)");
  const SimTime failover = renew_default + timer_f_default; // refresh at 59:00, a silent for 32 s
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == failover);
  REQUIRE(run.phone.failbacks.size() == 1);
  CHECK(run.phone.failbacks[0].at == failover + renew_default);
  CHECK(registers(run, "a") == 1 + 11 + 1 + 1); // boot, dead refresh, failback, next refresh at 2:57:32
}

TEST_CASE("replay rfc3263: backoff W = min(1800, 30 * 2^n), jitter min and max")
{
  const std::string base = R"(
profile = "rfc3263"
duration = "20m"
[[server]]
name = "a"
address = "10.0.0.1"
[[event]]
at = 0
do = "server.down"
server = "a"
mode = "refused"
)";
  // Refused at once; passes at 0, then after W(1) = 60, W(2) = 120, W(3) = 240,
  // W(4) = 480 s (max): 0, 60, 180, 420, 900 s; min waits W/2: 0, 30, 90, 210, 450, 930.
  auto max = run_text("jitter = \"max\"\n" + base);
  CHECK(registers(max, "a") == 5);
  auto min = run_text("jitter = \"min\"\n" + base);
  CHECK(registers(min, "a") == 6);
}
