// replay rendering: time text, the active-server chart and the JSON shape.

#include "sipfo/render/replay_report.hpp"
#include "sipfo/replay/simulation.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace sipfo;

namespace {

replay::Scenario small_scenario()
{
  return replay::parse_scenario(R"(
profile = "spectralink-84"
duration = "100s"
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
)",
                                "small.toml");
}

} // namespace

TEST_CASE("render::sim_time_text: h:mm:ss.s (C1), milliseconds only when needed")
{
  CHECK(render::sim_time_text(0) == "0:00:00.0");
  CHECK(render::sim_time_text(3'607'500) == "1:00:07.5");
  CHECK(render::sim_time_text(3'931'900) == "1:05:31.9");
  CHECK(render::sim_time_text(1'234) == "0:00:01.234");
  CHECK(render::sim_time_text(36'000'000) == "10:00:00.0");
}

TEST_CASE("render::active_server_chart: one row per server and none")
{
  const auto scenario = small_scenario();
  const auto world = replay::build_world(scenario, {});
  replay::PhoneResult phone;
  phone.bindings = {{1, 10'000, 100'000}}; // on p2 from 10 s to the end
  const auto chart = render::active_server_chart(phone, world, 100'000, 10);
  CHECK(chart == "  p1   |..........|\n"
                 "  p2   |.#########|\n"
                 "  none |#.........|\n"
                 "        0:00:00.0 0:01:40.0\n"); // the labels do not fit 10 columns: one space between
}

TEST_CASE("render::replay_json: the documented shape")
{
  const auto scenario = small_scenario();
  const auto world = replay::build_world(scenario, {});
  render::ReplayReport report;
  report.scenario = &scenario;
  report.world = &world;
  report.phone = replay::simulate_phone(scenario, world, replay::PhoneRun{});
  report.exit_status = replay::phone_status(*report.phone);
  const auto doc = nlohmann::json::parse(render::replay_json(report));
  CHECK(doc["schema_version"] == 1);
  CHECK(doc["command"] == "replay");
  CHECK(doc["exit_status"] == 1);
  CHECK(doc["scenario"]["profile"] == "spectralink-84");
  const auto& summary = doc["summary"];
  CHECK(summary["detect_at_ms"] == 7500); // R1: 3 retries
  CHECK(summary["unregistered_ms"] == 7500);
  CHECK(summary["failovers"][0]["at_ms"] == 7500);
  CHECK(summary["failovers"][0]["from"] == "p1");
  CHECK(summary["failovers"][0]["to"] == "p2");
  CHECK(summary["failbacks"].empty());
  CHECK(summary["messages"]["p1"]["register"] == 4);
  CHECK(summary["messages"]["p2"]["total"] == 1);
  const auto& first = doc["timeline"][0];
  CHECK(first["at_ms"] == 0);
  CHECK(first.contains("event"));
  CHECK(first["event"] == "server.down"); // the scenario event at 0 comes first (C4), before the boot REGISTER
  CHECK(first["state"] == "unregistered");
  const auto lines = render::replay_json_lines(report);
  const auto last = nlohmann::json::parse(lines.substr(lines.rfind('\n', lines.size() - 2) + 1));
  CHECK(last["type"] == "summary");
  CHECK(last["exit_status"] == 1);
}
