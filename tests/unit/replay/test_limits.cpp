// Issue 16: replay's stated limits (sipfo-replay(1), LIMITS). Text output keeps
// only what it prints; everything else it would keep or do is bounded, and past a
// bound replay stops with one line naming the knob to change (exit status 3).

#include "replay_cli_support.hpp"
#include "replay_test_support.hpp"

#include "sipfo/render/replay_report.hpp"
#include "sipfo/replay/fleet.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include <fmt/format.h>

using namespace sipfo::replay;
using namespace replay_test;

namespace {

// PIVOT with every periodic timer at its documented minimum (1 s): two rows a
// second per server, nearly all routine.
std::string busy_pivot(const std::string& duration)
{
  return fmt::format(R"(profile = "pivot"
duration = "{}"
[phone]
serverspec = "dom.test; 10.0.0.1; 10.0.0.2"
options_interval = 1
register_refresh_max = 1
[[server]]
name = "p1"
address = "10.0.0.1"
[[server]]
name = "p2"
address = "10.0.0.2"
[[event]]
at = "10m"
do = "server.down"
server = "p1"
)",
                     duration);
}

std::string servers(int n)
{
  std::string out;
  for (int i = 0; i < n; ++i) out += fmt::format("[[server]]\nname = \"s{}\"\naddress = \"10.0.{}.{}\"\n", i, i / 200, i % 200 + 1);
  return out;
}

std::string input_error(auto&& action)
{
  try {
    action();
  } catch (const sipfo::util::InputError& error) {
    return sipfo::util::format_input_error(error);
  }
  return "no error";
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("replay limits: text keeps only the rows it prints and counts the routine ones")
{
  const auto scenario = parse_scenario(busy_pivot("30m"), "busy.toml");
  const auto world = build_world(scenario, {});
  const auto every = simulate_phone(scenario, world, PhoneRun{});
  PhoneRun text_run;
  text_run.record_routine = false;
  const auto text = simulate_phone(scenario, world, text_run);
  std::uint64_t routine = 0;
  for (const auto& row : every.timeline) routine += row.routine ? 1 : 0;
  // 1 s pings to two servers for 30 minutes: thousands of routine rows.
  CHECK(routine > 3000);
  CHECK(text.routine_not_kept == routine);
  CHECK(text.timeline.size() == every.timeline.size() - routine);
  for (const auto& row : text.timeline) CHECK_FALSE(row.routine);
  // What is printed does not depend on whether the routine rows were kept.
  sipfo::render::ReplayReport a, b;
  a.scenario = b.scenario = &scenario;
  a.world = b.world = &world;
  a.phone = every;
  b.phone = text;
  CHECK(sipfo::render::replay_text(a, false) == sipfo::render::replay_text(b, false));
  CHECK(contains(sipfo::render::replay_text(b, false), fmt::format("({} routine refreshes", routine)));
}

TEST_CASE("replay limits: every row for --json stops at max_timeline_rows and names the knobs")
{
  // Two days of 1 s pings and refreshes are well over 500,000 rows.
  const auto scenario = parse_scenario(busy_pivot("2d"), "busy.toml");
  const auto world = build_world(scenario, {});
  const auto error = input_error([&] { (void)simulate_phone(scenario, world, PhoneRun{}); });
  CHECK(error.starts_with(fmt::format("busy.toml: the timeline passes {} rows", max_timeline_rows)));
  CHECK(contains(error, "shorten --duration"));
  CHECK(contains(error, "options_interval, register_refresh_max in [phone]"));
  CHECK(contains(error, "drop --json"));
}

TEST_CASE("replay limits: the work budget stops one phone")
{
  const auto scenario = parse_scenario(busy_pivot("1h"), "busy.toml");
  const auto world = build_world(scenario, {});
  PhoneRun run;
  run.record_timeline = false;
  run.event_budget = 1000;
  const auto error = input_error([&] { (void)simulate_phone(scenario, world, run); });
  CHECK(error.starts_with("busy.toml: the run passes the budget of"));
  run.event_budget = max_events;
  const auto phone = simulate_phone(scenario, world, run);
  CHECK(phone.events > 1000);
}

TEST_CASE("replay limits: a fleet over the work budget is refused from its first phone")
{
  // An hour of 1 s pings is several thousand events a phone; a million phones of
  // it is over the 4e9-event budget, which the first phone shows.
  const auto scenario = parse_scenario(busy_pivot("1h"), "busy.toml");
  const auto world = build_world(scenario, {});
  PhoneRun run;
  run.record_timeline = false;
  const auto one = simulate_phone(scenario, world, run);
  REQUIRE(one.events * 1'000'000 > max_events);
  const auto error = input_error([&] { (void)simulate_fleet(scenario, world, 1'000'000); });
  CHECK(error.starts_with(fmt::format("busy.toml: 1000000 phones x {} events for the first one is over the budget", one.events)));
  CHECK(contains(error, "give fewer --fleet phones"));
}

TEST_CASE("replay limits: fleet tallies and intervals are checked before the fleet runs")
{
  // 64 servers x 31 days of seconds is over 2^24 per-second counts.
  auto scenario = parse_scenario("duration = \"31d\"\n" + servers(64), "wide.toml");
  auto world = build_world(scenario, {});
  auto error = input_error([&] { (void)simulate_fleet(scenario, world, 1); });
  CHECK(error.starts_with("wide.toml: a fleet of 64 servers over"));
  CHECK(contains(error, "over the limit of 16777216"));
  CHECK(contains(error, "shorten --duration or list fewer servers"));
  // 5 days of 1 s buckets for 2 servers: 432,000 x 3 cells, over 2^20.
  scenario = parse_scenario("duration = \"5d\"\n[fleet]\nbucket = \"1s\"\n" + servers(2), "fine.toml");
  world = build_world(scenario, {});
  error = input_error([&] { (void)simulate_fleet(scenario, world, 1); });
  CHECK(error.starts_with("fine.toml: 432000 buckets x (2 servers + none) is over the limit of 1048576 fleet cells"));
  CHECK(contains(error, "--bucket"));
  // 10 s buckets: 43,200 x 3, well within; the fleet runs.
  scenario.fleet.bucket = 10'000;
  CHECK(simulate_fleet(scenario, world, 1).intervals.size() == 43'200);
}

TEST_CASE("replay limits: scenario size, server count, duration and fleet duration")
{
  CHECK(contains(input_error([] { (void)parse_scenario(servers(65), "many.toml"); }),
                 "server: more than 64 servers"));
  CHECK(input_error([] { (void)parse_scenario("duration = \"367d\"\n" + servers(1), "long.toml"); })
          .starts_with("long.toml:1: duration: out of range"));
  TempDir dir;
  const auto big = dir.write("big.toml", "# " + std::string(16 * 1024 * 1024, 'x') + "\n" + servers(1));
  CHECK(input_error([&] { (void)read_scenario(big); }) == big + ": scenario larger than 16 MiB");
  const auto ok = dir.write("ok.toml", servers(1));
  const auto run = run_sipfo(dir, "replay '" + ok + "' --fleet 2 --duration 32d");
  CHECK(run.status == 3);
  CHECK(run.err == "sipfo: a fleet simulates at most 31 days (give a shorter --duration)\n");
}

TEST_CASE("sipfo replay: a limit is one line on stderr and exit status 3")
{
  TempDir dir;
  const auto file = dir.write("busy.toml", busy_pivot("2d"));
  const auto run = run_sipfo(dir, "replay '" + file + "' --json");
  CHECK(run.status == 3);
  // Under --json the error is also a JSON document on stdout (issue 14).
  CHECK(run.out.find("\"exit_status\": 3") != std::string::npos);
  CHECK(run.out.find("\"command\": \"replay\"") != std::string::npos);
  CHECK(run.err.starts_with(fmt::format("sipfo: {}: the timeline passes {} rows", file, max_timeline_rows)));
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}
