// Issue 13 (speed): a fleet phone works a quiet stretch (nothing changes until the
// next scenario event) out in one step: PIVOT's ping rounds and refreshes, a
// static Yealink entry's failing retries. The step-by-step path (PhoneRun::bulk
// false) is the reference: both must give the same tallies, bindings, moves and
// fleet JSON, and the bulk path must actually have been taken.

#include "replay_test_support.hpp"

#include "sipfo/render/replay_report.hpp"
#include "sipfo/replay/fleet.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

using namespace sipfo::replay;
using namespace replay_test;

namespace {

// Two servers, p1 down from 2:00 to 3:10, a network drop for a tenth of the
// phones at 4:00-4:20; `phone` is the [phone] table's body.
// `balanced`: equal rank and priority (PIVOT Method 4 load balancing).
std::string scenario_text(const std::string& profile, const std::string& phone, const std::string& extra_events = "",
                          bool balanced = false)
{
  return fmt::format(R"(profile = "{}"
duration = "6h"
jitter = "random"
seed = 11
[fleet]
boot_spread = "10m"
boot_order = "random"
bucket = "60s"
[phone]
{}
[[server]]
name = "p1"
address = "10.0.0.1:5060"
priority = 1
rank = 1
[[server]]
name = "p2"
address = "10.0.0.2:5060"
priority = {}
rank = {}
[[event]]
at = "2h"
do = "server.down"
server = "p1"
[[event]]
at = "3h10m"
do = "server.up"
server = "p1"
[[event]]
at = "4h"
do = "net.down"
share = 0.1
[[event]]
at = "4h20m"
do = "net.up"
share = 0.1
{})",
                     profile, phone, balanced ? 1 : 2, balanced ? 1 : 2, extra_events);
}

std::string fleet_json(const Scenario& scenario, const World& world, std::uint32_t phones, bool bulk)
{
  sipfo::render::ReplayReport report;
  report.scenario = &scenario;
  report.world = &world;
  report.fleet = simulate_fleet(scenario, world, phones, {}, 1, bulk);
  report.exit_status = fleet_status(*report.fleet);
  return sipfo::render::replay_json(report);
}

PhoneResult one_phone(const Scenario& scenario, const World& world, std::uint32_t id, bool bulk)
{
  PhoneRun run{id, boot_offset(scenario, id, 100), false};
  run.bulk = bulk;
  return simulate_phone(scenario, world, run);
}

void check_same_phone(const PhoneResult& bulk, const PhoneResult& step)
{
  CHECK(bulk.messages == step.messages);
  CHECK(bulk.detect_at == step.detect_at);
  CHECK(bulk.unregistered_ms == step.unregistered_ms);
  CHECK(bulk.service_gap_ms == step.service_gap_ms);
  CHECK(bulk.registered_at_end == step.registered_at_end);
  REQUIRE(bulk.bindings.size() == step.bindings.size());
  for (std::size_t i = 0; i < bulk.bindings.size(); ++i) {
    CHECK(bulk.bindings[i].server == step.bindings[i].server);
    CHECK(bulk.bindings[i].from == step.bindings[i].from);
    CHECK(bulk.bindings[i].to == step.bindings[i].to);
  }
  REQUIRE(bulk.failovers.size() == step.failovers.size());
  for (std::size_t i = 0; i < bulk.failovers.size(); ++i) CHECK(bulk.failovers[i].at == step.failovers[i].at);
  REQUIRE(bulk.failbacks.size() == step.failbacks.size());
  for (std::size_t i = 0; i < bulk.failbacks.size(); ++i) CHECK(bulk.failbacks[i].at == step.failbacks[i].at);
}

struct Case {
  const char* name;
  const char* profile;
  const char* phone;
  bool balanced = false;
};

// Each exercises a branch of the bulk paths: whole-second periods (combs) and a
// round trip that makes the refresh period fractional (send by send), digest's
// extra REGISTER, load balancing, retries with Retry-After, the default knobs.
const Case cases[] = {
  {"pivot, preferred, defaults", "pivot", ""},
  {"pivot, round trip and digest", "pivot", "rtt = \"250ms\"\ndigest = true"},
  {"pivot, load balancing, short timers", "pivot", "options_interval = 60\nregister_refresh_max = 90\ndns_requery = 1800", true},
  {"pivot, expires shorter than twice the refresh", "pivot", "expires = 100\nregister_refresh_max = 300"},
  {"yealink static, concurrent", "yealink", "topology = \"static\""},
  {"yealink static, round trip and digest", "yealink", "topology = \"static\"\nrtt = \"300ms\"\ndigest = true\nexpires = 600"},
  {"yealink static, short fixed retries", "yealink", "topology = \"static\"\nreg_fail_retry_interval = 5\ntimer_f = 4"},
};

} // namespace

TEST_CASE("replay bulk: a quiet stretch in one step gives the same phone as timer by timer")
{
  for (const auto& c : cases) {
    CAPTURE(std::string(c.name));
    const auto scenario = parse_scenario(scenario_text(c.profile, c.phone, "", c.balanced), "bulk.toml");
    const auto world = build_world(scenario, {});
    std::uint64_t bulk_steps = 0;
    for (std::uint32_t id : {0u, 1u, 7u, 42u, 99u}) {
      CAPTURE(id);
      const auto bulk = one_phone(scenario, world, id, true);
      const auto step = one_phone(scenario, world, id, false);
      CHECK(step.bulk_steps == 0);
      bulk_steps += bulk.bulk_steps;
      check_same_phone(bulk, step);
      // The timers a bulk step stands in for still count against the work budget
      // (give or take the superseded timers each step leaves in the queue).
      CHECK(bulk.events * 10 <= step.events * 11);
      CHECK(bulk.events * 10 >= step.events * 9);
    }
    CHECK(bulk_steps > 0); // the bulk path was taken
  }
}

TEST_CASE("replay bulk: fleet JSON is byte-identical with and without bulk steps")
{
  for (const auto& c : cases) {
    CAPTURE(std::string(c.name));
    const auto scenario = parse_scenario(scenario_text(c.profile, c.phone, "", c.balanced), "bulk.toml");
    const auto world = build_world(scenario, {});
    const auto bulk = fleet_json(scenario, world, 300, true);
    CHECK(bulk.find("\"options_sends\"") != std::string::npos);
    CHECK(fleet_json(scenario, world, 300, false) == bulk);
  }
}

TEST_CASE("replay bulk: a server reply with Retry-After and a phone reboot in the middle of a quiet stretch")
{
  const std::string events = R"([[event]]
at = "1h"
do = "server.reply"
server = "p2"
mode = "reply=503,retry_after=120"
[[event]]
at = "1h40m"
do = "server.up"
server = "p2"
[[event]]
at = "5h"
do = "phone.reboot"
phones = "0-49"
)";
  for (const char* profile : {"pivot", "yealink"}) {
    CAPTURE(std::string(profile));
    const std::string phone = std::string(profile) == "yealink" ? "topology = \"static\"" : "";
    const auto scenario = parse_scenario(scenario_text(profile, phone, events), "bulk.toml");
    const auto world = build_world(scenario, {});
    CHECK(fleet_json(scenario, world, 200, false) == fleet_json(scenario, world, 200, true));
  }
}

TEST_CASE("replay bulk: a day of PIVOT pings and refreshes, counted by hand")
{
  // Both servers up all day, boot at 0: a ping round every 300 s (0, 300, ...,
  // 86100 s: 288 rounds) to each server; REGISTER at boot and every
  // min(register_refresh_max 300 s, expires/2) after each success: 288 to p1.
  const auto scenario = parse_scenario(R"(profile = "pivot"
duration = "24h"
[[server]]
name = "p1"
address = "10.0.0.1:5060"
rank = 1
[[server]]
name = "p2"
address = "10.0.0.2:5060"
rank = 2
)",
                                       "day.toml");
  const auto world = build_world(scenario, {});
  const std::size_t reg = static_cast<std::size_t>(Method::register_);
  const std::size_t opt = static_cast<std::size_t>(Method::options);
  for (bool bulk : {true, false}) {
    CAPTURE(bulk);
    PhoneRun run{0, 0, false};
    run.bulk = bulk;
    const auto phone = simulate_phone(scenario, world, run);
    CHECK(phone.messages[0][opt] == 288);
    CHECK(phone.messages[1][opt] == 288);
    CHECK(phone.messages[0][reg] == 288);
    CHECK(phone.messages[1][reg] == 0);
    CHECK((phone.bulk_steps > 0) == bulk);
    const auto fleet = simulate_fleet(scenario, world, 3, {}, 1, bulk);
    // Three phones booting together: three pings a second at each round's second.
    REQUIRE(fleet.peak_options.size() == 2);
    CHECK(fleet.peak_options[0].per_second == 3);
    CHECK(fleet.peak_options[1].per_second == 3);
    CHECK(fleet.peak_register[0].per_second == 3);
    CHECK(fleet.messages[0][opt] == 3 * 288);
    // Every 60 s bucket that holds a round's second counts its 3 pings, the others none.
    std::uint64_t buckets_with_pings = 0;
    for (const auto& interval : fleet.intervals) {
      CHECK((interval.options_sends[0] == 0 || interval.options_sends[0] == 3));
      if (interval.options_sends[0] == 3) ++buckets_with_pings;
    }
    CHECK(buckets_with_pings == 288);
  }
}
