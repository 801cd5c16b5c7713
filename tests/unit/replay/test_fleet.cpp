// Fleet oracles F1 and F2 (handset-models §8), and determinism.

#include "replay_test_support.hpp"

#include "sipfo/replay/fleet.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sipfo::replay;
using namespace replay_test;

TEST_CASE("replay fleet F1: 3540 spectralink-84 phones, one failover per second")
{
  auto scenario = read_scenario(fixture("fleet-84-failover.toml"));
  const auto world = build_world(scenario, {});
  const std::uint32_t phones = 3540;
  // Phone i boots at i s (3540 s spread, even), renews every 3540 s. p1 down at
  // 1:00:00: phone 60 renews at 60 + 3540 = 3600 s and fails over 7.5 s later;
  // phone 59 renewed at 3599 s (p1 up) and fails over at 3599 + 3540 + 7.5 s.
  for (std::uint32_t id : {0u, 59u, 60u, 61u, 1000u, 3539u}) {
    const auto boot = boot_offset(scenario, id, phones);
    CHECK(boot == static_cast<SimTime>(id) * s);
    const auto phone = simulate_phone(scenario, world, PhoneRun{id, boot, false});
    SimTime renewal = boot;
    while (renewal < hour) renewal += renew_default;
    REQUIRE(phone.failovers.size() == 1);
    CHECK(phone.failovers[0].at == renewal + r1_three_retries);
  }
  const auto fleet = simulate_fleet(scenario, world, phones);
  CHECK(fleet.failovers == phones);
  CHECK(fleet.rehomed_100 == 3599 * s + renew_default + r1_three_retries); // 1:59:06.5
  // p1 sees 4 REGISTER sends per second: sends at +0, +0.5, +1.5, +3.5 s of
  // renewals one second apart.
  const int p1 = 0, p2 = 1;
  CHECK(fleet.peak_register[p1].per_second == 4);
  CHECK(fleet.peak_register[p2].per_second == 1);
  // p2 gains 60 registrations per minute (60 s buckets) while the wave runs.
  const auto& at_70 = fleet.intervals[70];   // 1:10:00
  const auto& at_71 = fleet.intervals[71];   // 1:11:00
  CHECK(at_71.registered[p2] - at_70.registered[p2] == 60);
  CHECK(at_70.register_sends[p1] == 4 * 60);
}

TEST_CASE("replay fleet F2: 3000 PIVOTs, failover 10 per second, failback within 5 min")
{
  auto scenario = read_scenario(fixture("fleet-pivot-failover.toml"));
  const auto world = build_world(scenario, {});
  const std::uint32_t phones = 3000;
  // Phone i boots at 0.1 i s; its rounds are at 0.1 i + 300 k s. Phone 0's round
  // at 1:00:00 coincides with the outage (C4: the event first) and fails over at
  // Timer F; the last phone's round after 1:00:00 is at 299.9 + 3600 s.
  auto first = simulate_phone(scenario, world, PhoneRun{0, 0, false});
  REQUIRE(first.failovers.size() == 1);
  CHECK(first.failovers[0].at == hour + timer_f_default);
  const auto last_boot = boot_offset(scenario, 2999, phones);
  CHECK(last_boot == 299'900);
  auto last = simulate_phone(scenario, world, PhoneRun{2999, last_boot, false});
  REQUIRE(last.failovers.size() == 1);
  CHECK(last.failovers[0].at == last_boot + 12 * 300 * s + timer_f_default); // 1:05:31.9
  REQUIRE(last.failbacks.size() == 1);
  CHECK(last.failbacks[0].at == last_boot + 24 * 300 * s); // 2:04:59.9
  const auto fleet = simulate_fleet(scenario, world, phones);
  CHECK(fleet.failovers == phones);
  CHECK(fleet.failbacks == phones);
  CHECK(fleet.rehomed_100 == hour + 5 * minute + 31'900);
  // 10 per second: 100 per 10 s bucket from 1:00:30 (the 1:00:32 wave) and from 2:00:00.
  for (std::size_t b = 0; b < fleet.intervals.size(); ++b) {
    const auto& interval = fleet.intervals[b];
    if (interval.failbacks > 0) {
      CHECK(interval.at >= 2 * hour);
      CHECK(interval.at < 2 * hour + 5 * minute);
      CHECK(interval.failbacks == 100);
    }
  }
}

TEST_CASE("replay fleet: same seed, same result, boot offsets do not depend on run order")
{
  auto scenario = parse_scenario(R"(
profile = "rfc3263"
duration = "2h"
jitter = "random"
seed = 7
[fleet]
boot_spread = "10m"
boot_order = "random"
[[server]]
name = "a"
address = "10.0.0.1"
priority = 1
weight = 10
[[server]]
name = "b"
address = "10.0.0.2"
priority = 1
weight = 30
[[event]]
at = "30m"
do = "server.down"
server = "a"
mode = "refused"
)",
                                 "seeded.toml");
  const auto world = build_world(scenario, {});
  const auto one = simulate_fleet(scenario, world, 200);
  const auto two = simulate_fleet(scenario, world, 200);
  CHECK(one.messages == two.messages);
  CHECK(one.failovers == two.failovers);
  CHECK(boot_offset(scenario, 17, 200) == boot_offset(scenario, 17, 200));
  CHECK(boot_offset(scenario, 17, 200) < 10 * minute);
  // A single phone run alone gives the same result as inside the fleet.
  const auto alone = simulate_phone(scenario, world, PhoneRun{17, boot_offset(scenario, 17, 200), false});
  const auto again = simulate_phone(scenario, world, PhoneRun{17, boot_offset(scenario, 17, 200), false});
  CHECK(alone.messages == again.messages);
  // Weighted random (RFC 2782): some phones start on a, more on b.
  scenario.seed = 8;
  const auto other = simulate_fleet(scenario, world, 200);
  CHECK(other.messages != one.messages);
}
