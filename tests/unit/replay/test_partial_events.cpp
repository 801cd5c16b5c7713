// Events for part of a fleet (issue 13): phones = "A-B" or share = x on net.down,
// net.up and phone.reboot, deterministic for a seed (handset-models C5). Expected
// numbers from the 84-Series defaults: renewal at expires - overlap = 3540 s, R1
// (3 retries) 7.5 s before the next server, Timer F 32 s on the last one.

#include "replay_test_support.hpp"

#include "sipfo/replay/fleet.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;
using namespace replay_test;

namespace {

std::string error_of(const std::string& text)
{
  try {
    (void)parse_scenario(text, "s.toml");
  } catch (const sipfo::util::InputError& error) {
    return error.what();
  }
  return "";
}

constexpr const char* listed = R"(
profile = "spectralink-84"
duration = "1h30m"
jitter = "max"
[fleet]
bucket = "60s"
[[server]]
name = "p1"
address = "10.0.0.1:5060"
priority = 1
[[server]]
name = "p2"
address = "10.0.0.2:5060"
priority = 2
)";

} // namespace

TEST_CASE("replay partial events: only the rebooted phones fail over before the renewal wave")
{
  auto scenario = read_scenario(fixture("fleet-84-partial-reboot.toml"));
  const auto world = build_world(scenario, {});
  // Phones 0-99 reboot at 40:00 into a dead p1: R1 7.5 s, then p2. The rest stay
  // on p1 until their renewal at 59:00, and move at 59:07.5.
  for (std::uint32_t id : {0u, 99u}) {
    const auto phone = simulate_phone(scenario, world, PhoneRun{id, 0, false});
    REQUIRE(!phone.failovers.empty());
    CHECK(phone.failovers[0].at == 40 * minute + r1_three_retries);
    CHECK(phone.unregistered_ms == r1_three_retries);
  }
  for (std::uint32_t id : {100u, 999u}) {
    const auto phone = simulate_phone(scenario, world, PhoneRun{id, 0, false});
    REQUIRE(phone.failovers.size() == 1);
    CHECK(phone.failovers[0].at == renew_default + r1_three_retries);
    CHECK(phone.unregistered_ms == 0);
  }
  const auto fleet = simulate_fleet(scenario, world, 1000);
  const int p1 = 0, p2 = 1;
  CHECK(fleet.intervals[39].registered[static_cast<std::size_t>(p1)] == 1000); // 0:39:00, before the reboot
  CHECK(fleet.intervals[40].registered[static_cast<std::size_t>(p1)] == 900);  // 0:40:00: the reboot came first (C4)
  CHECK(fleet.intervals[40].failovers == 100);
  CHECK(fleet.intervals[41].registered[static_cast<std::size_t>(p2)] == 100);
  CHECK(fleet.intervals[41].registered[static_cast<std::size_t>(p1)] == 900);
  CHECK(fleet.intervals[59].failovers == 900);
  CHECK(fleet.unregistered_ms == 100 * r1_three_retries);
  // REGISTER to p1: 1000 at boot, 4 sends (R1) for each of 100 reboots and 900 renewals.
  CHECK(fleet.messages[static_cast<std::size_t>(p1)][0] == 1000 + 4 * 1000);
}

TEST_CASE("replay partial events: a site's network drop leaves the other phones registered")
{
  // Phones 0-9 lose their network 58:00-1:05:00, across their renewal at 59:00:
  // the binding lapses at 1:00:00 (C8) and nobody fails over (every server unreachable).
  const auto scenario = parse_scenario(std::string(listed) + R"(
[[event]]
at = "58m"
do = "net.down"
phones = "0-9"
[[event]]
at = "1h5m"
do = "net.up"
phones = "0-9"
)", "site.toml");
  const auto world = build_world(scenario, {});
  CHECK(world.net_down.empty()); // not every phone's network
  const auto fleet = simulate_fleet(scenario, world, 100);
  CHECK(fleet.intervals[61].unregistered == 10);
  CHECK(fleet.intervals[61].registered[0] == 90);
  CHECK(fleet.failovers == 0);
  CHECK(fleet.unregistered_at_end == 0);
  CHECK(simulate_phone(scenario, world, PhoneRun{9, 0, false}).unregistered_ms > 0);
  CHECK(simulate_phone(scenario, world, PhoneRun{10, 0, false}).unregistered_ms == 0);
}

TEST_CASE("replay partial events: share chooses about that share, the same phones for a seed")
{
  // Top-level keys before the tables: the seed goes first.
  auto scenario_for = [](int seed) {
    return parse_scenario("seed = " + std::to_string(seed) + "\n" + listed +
                              "[[event]]\nat = \"40m\"\ndo = \"phone.reboot\"\nshare = 0.25\n",
                          "share.toml");
  };
  const auto a = scenario_for(1);
  const auto b = scenario_for(2);
  const std::uint32_t phones = 4000;
  std::uint32_t chosen_a = 0, same = 0;
  for (std::uint32_t id = 0; id < phones; ++id) {
    const bool in_a = applies_to(a.events[0], 0, a.seed, id);
    const bool in_b = applies_to(b.events[0], 0, b.seed, id);
    chosen_a += in_a ? 1 : 0;
    same += in_a == in_b ? 1 : 0;
    CHECK(in_a == applies_to(a.events[0], 0, a.seed, id)); // the same draw every time
  }
  // Binomial(4000, 0.25): mean 1000, sd 27.4; 5 sd either side.
  CHECK(chosen_a > 863);
  CHECK(chosen_a < 1137);
  // Another seed, other phones: two independent 25 % draws agree on 62.5 % of phones.
  CHECK(same < 2700);
  // The rebooted phones are exactly the chosen ones: p1 is up, so each reboot is one
  // REGISTER at 40:00.
  const auto world = build_world(a, {});
  const auto fleet = simulate_fleet(a, world, phones);
  CHECK(fleet.intervals[40].register_sends[0] == chosen_a);
  // The others renew at 59:00; a rebooted phone's renewal is due at 1:39:00, past the end.
  CHECK(fleet.intervals[59].register_sends[0] == phones - chosen_a);
  // share = 0 and share = 1.
  auto edge = parse_scenario(std::string(listed) + "[[event]]\nat = \"40m\"\ndo = \"phone.reboot\"\nshare = 0\n", "e.toml");
  CHECK(simulate_fleet(edge, build_world(edge, {}), 50).intervals[59].register_sends[0] == 50);
  edge = parse_scenario(std::string(listed) + "[[event]]\nat = \"40m\"\ndo = \"phone.reboot\"\nshare = 1\n", "e.toml");
  CHECK(simulate_fleet(edge, build_world(edge, {}), 50).intervals[59].register_sends[0] == 0);
}

TEST_CASE("replay partial events: bad selections are one clear line")
{
  const std::string server_down = std::string(listed) + "[[event]]\nat = \"1m\"\ndo = \"server.down\"\nserver = \"p1\"\n";
  CHECK(error_of(server_down + "phones = \"0-9\"\n") ==
        "s.toml:19: event[1].phones: only for net.down, net.up and phone.reboot, not server.down (servers and DNS are "
        "the same for every phone)");
  const std::string reboot = std::string(listed) + "[[event]]\nat = \"1m\"\ndo = \"phone.reboot\"\n";
  CHECK(error_of(reboot + "phones = \"9-0\"\n") == "s.toml:18: event[1].phones: empty range '9-0' (write the lower id first)");
  CHECK(error_of(reboot + "phones = \"a-9\"\n").find("bad phone id 'a'") != std::string::npos);
  CHECK(error_of(reboot + "share = 1.5\n") == "s.toml:18: event[1].share: out of range (allowed: 0 to 1)");
  CHECK(error_of(reboot + "share = 0.5\nphones = \"1\"\n").find("give phones or share, not both") != std::string::npos);
  CHECK(error_of(reboot + "phones = \"0-4, 7\"\n").empty());
}
