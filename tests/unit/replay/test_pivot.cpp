// pivot (handset-models §5, CS-18-09): OPTIONS every 300 s on a grid from boot,
// refresh every min(300 s, expires/2) after each success, Timer F (32 s) ends a
// ping or refresh to a silent server `down`.

#include "replay_test_support.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;
using namespace replay_test;

namespace {

constexpr SimTime period = 300 * s; // options_interval and register_refresh_max

// The first grid instant at or after `t` (ticks at 0, 300, 600 ... s, P-A3).
constexpr SimTime next_tick(SimTime t)
{
  return (t + period - 1) / period * period;
}

} // namespace

TEST_CASE("replay pivot: preferred mode, failover at the next ping round, failback within 5 min")
{
  const auto run = run_fixture("pivot-preferred-outage.toml");
  const auto& phone = run.phone;
  const SimTime down = 12 * minute, up = 47 * minute;
  const SimTime failover = next_tick(down) + timer_f_default; // 0:15:00 round, down at 0:15:32
  const SimTime failback = next_tick(up);              // 0:50:00 round sees p1 up
  REQUIRE(phone.failovers.size() == 1);
  CHECK(phone.failovers[0].at == failover);
  CHECK(phone.failovers[0].to == server(run, "p2"));
  REQUIRE(phone.failbacks.size() == 1);
  CHECK(phone.failbacks[0].at == failback);
  CHECK(phone.failbacks[0].to == server(run, "p1"));
  CHECK(phone.detect_at == failover);
  CHECK(phone.unregistered_ms == 0);
  CHECK(phone.service_gap_ms == failover - down);
}

TEST_CASE("replay pivot: load balancing fails over and never fails back (Method 4)")
{
  const auto run = run_fixture("pivot-load-balancing.toml");
  const auto& phone = run.phone;
  REQUIRE(phone.failovers.size() == 1);
  CHECK(phone.failovers[0].at == next_tick(12 * minute) + timer_f_default);
  CHECK(phone.failovers[0].to == server(run, "s2"));
  CHECK(phone.failbacks.empty());
  REQUIRE_FALSE(phone.bindings.empty());
  CHECK(phone.bindings.back().server == server(run, "s2"));
}

TEST_CASE("replay pivot: network down freezes the phone, rounds in the outage are skipped (P-A7)")
{
  const auto run = run_text(R"(
profile = "pivot"
duration = "1h"
[phone]
serverspec = "dom.test; 10.0.0.1; 10.0.0.2"
[[server]]
name = "p1"
address = "10.0.0.1"
[[server]]
name = "p2"
address = "10.0.0.2"
[[event]]
at = "11m"
do = "net.down"
[[event]]
at = "12m"
do = "server.down"
server = "p1"
[[event]]
at = "21m"
do = "net.up"
)");
  // Rounds at 15:00 and 20:00 fall in the outage; the 25:00 round finds p1 down
  // and the phone fails over 32 s later.
  const auto& phone = run.phone;
  REQUIRE(phone.failovers.size() == 1);
  CHECK(phone.failovers[0].at == 25 * minute + timer_f_default);
  bool frozen_seen = false;
  for (const auto& row : phone.timeline) frozen_seen |= row.state == LineState::frozen;
  CHECK(frozen_seen);
  CHECK(phone.unregistered_ms == 0); // frozen, still registered (C8)
}

TEST_CASE("replay pivot: primary dead at boot registers with p2 once every boot ping ended (P-A8)")
{
  const auto run = run_text(R"(
profile = "pivot"
duration = "20m"
[phone]
serverspec = "dom.test; 10.0.0.1; 10.0.0.2"
[[server]]
name = "p1"
address = "10.0.0.1"
[[server]]
name = "p2"
address = "10.0.0.2"
[[event]]
at = 0
do = "server.down"
server = "p1"
)");
  REQUIRE_FALSE(run.phone.bindings.empty());
  CHECK(run.phone.bindings.front().server == server(run, "p2"));
  CHECK(run.phone.bindings.front().from == timer_f_default); // the OPTIONS to p1 ends at Timer F
  CHECK(run.phone.unregistered_ms == timer_f_default);
}

TEST_CASE("replay pivot: a 404 to REGISTER marks the server failed and moves on")
{
  const auto run = run_text(R"(
profile = "pivot"
duration = "20m"
[phone]
serverspec = "dom.test; 10.0.0.1; 10.0.0.2"
[[server]]
name = "p1"
address = "10.0.0.1"
[[server]]
name = "p2"
address = "10.0.0.2"
[[event]]
at = "2m"
do = "server.reply"
server = "p1"
code = 404
methods = ["REGISTER"]
)");
  // The refresh at 5:00 gets 404: failed (S001), the phone registers with p2 at once;
  // p1 still answers OPTIONS but a failed server is never a failback target (P-A2).
  REQUIRE(run.phone.failovers.size() == 1);
  CHECK(run.phone.failovers[0].at == 5 * minute);
  CHECK(run.phone.failbacks.empty());
}
