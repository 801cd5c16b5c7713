// A fleet's result does not depend on the number of threads (issue 13): every
// phone runs on its own with its own random stream (handset-models C5) and the
// threads' shares are sums. Byte-identical JSON for 1, 2 and 8 threads.

#include "replay_test_support.hpp"

#include "sipfo/render/replay_report.hpp"
#include "sipfo/replay/fleet.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;
using namespace replay_test;

namespace {

std::string fleet_json(const Scenario& scenario, const World& world, std::uint32_t phones, unsigned threads)
{
  sipfo::render::ReplayReport report;
  report.scenario = &scenario;
  report.world = &world;
  report.fleet = simulate_fleet(scenario, world, phones, {}, threads);
  report.exit_status = fleet_status(*report.fleet);
  return sipfo::render::replay_json(report);
}

} // namespace

TEST_CASE("replay fleet threads: 1, 2 and 8 threads give byte-identical JSON for one seed")
{
  // Random boot offsets, random RFC 5626 jitter, a random share of reboots and an
  // outage with a failback: every source of randomness a fleet has.
  for (const char* profile : {"spectralink-84", "pivot", "yealink", "rfc3263"}) {
    CAPTURE(profile);
    const auto scenario = parse_scenario(std::string("profile = \"") + profile + R"("
duration = "3h"
jitter = "random"
seed = 7
[fleet]
boot_spread = "10m"
boot_order = "random"
bucket = "60s"
[[server]]
name = "p1"
address = "10.0.0.1:5060"
priority = 1
rank = 1
[[server]]
name = "p2"
address = "10.0.0.2:5060"
priority = 2
rank = 2
[[event]]
at = "30m"
do = "server.down"
server = "p1"
[[event]]
at = "50m"
do = "phone.reboot"
share = 0.3
[[event]]
at = "1h30m"
do = "server.up"
server = "p1"
)",
                                         "threads.toml");
    const auto world = build_world(scenario, {});
    const std::uint32_t phones = 5000; // several 1024-phone chunks
    const auto one = fleet_json(scenario, world, phones, 1);
    CHECK(one.find("\"failovers\"") != std::string::npos);
    CHECK(fleet_json(scenario, world, phones, 2) == one);
    CHECK(fleet_json(scenario, world, phones, 8) == one);
  }
}
