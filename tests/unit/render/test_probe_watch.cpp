// `--watch`: only the candidates whose status or active mark changed.

#include "probe_run_fixture.hpp"

#include "sipfo/render/probe_report.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace sipfo;

namespace {

// The fixture's next round: P2 answers again (up), P1 went silent (down), so
// P2 is now the active one; P3 is still refused.
render::ProbeRun next_round()
{
  auto run = test::pivot_run();
  auto p1 = run.probe.candidates[0].result;
  auto p2 = run.probe.candidates[1].result;
  auto p3 = run.probe.candidates[2].result;
  p1.options = test::local_answer(408, "no response (Timer F)", 32000);
  p1.registration = test::local_answer(408, "no response (Timer F)", 32000);
  p2.options = test::server_answer(200, "OK", 4);
  p2.registration = test::server_answer(200, "OK", 9, true);
  run.probe = probe::make_report({p1, p2, p3}, probe::RegisterCheck::on);
  run.exit_status = run.probe.exit_status;
  return run;
}

} // namespace

TEST_CASE("render::probe_transitions: first round lists all, later rounds the changes")
{
  const auto first = test::pivot_run();
  const auto all = render::probe_transitions(nullptr, first.probe);
  REQUIRE(all.size() == 3);
  CHECK_FALSE(all[0].from);
  CHECK(all[0].is_active);

  const auto second = next_round();
  const auto changes = render::probe_transitions(&first.probe, second.probe);
  REQUIRE(changes.size() == 2); // P3 stayed down
  CHECK(changes[0].index == 0);
  CHECK(changes[0].from == probe::Status::up);
  CHECK(changes[0].was_active);
  CHECK(changes[0].to == probe::Status::down);
  CHECK_FALSE(changes[0].is_active);
  CHECK(changes[1].index == 1);
  CHECK(changes[1].to == probe::Status::up);
  CHECK(changes[1].is_active);

  CHECK(render::probe_transitions(&second.probe, second.probe).empty());
}

TEST_CASE("render::transitions_text: one line per change, then the summary")
{
  const auto first = test::pivot_run();
  const auto second = next_round();
  const auto changes = render::probe_transitions(&first.probe, second.probe);
  CHECK(render::transitions_text(second, changes, test::fixed_time(), false) ==
        "2026-01-02T03:04:05Z  P1:1  10.0.0.1:5060/udp  * up -> down  OPTIONS 408 (local: no response (Timer F)), "
        "REGISTER 408 (local: no response (Timer F))\n"
        "2026-01-02T03:04:05Z  P2:1  10.0.0.2:5060/udp  down -> * up  OPTIONS 200 OK, REGISTER 200 OK\n"
        "2026-01-02T03:04:05Z  ;; 1/3 up (2 down), active 10.0.0.2:5060/udp\n");
  CHECK(render::transitions_text(second, {}, test::fixed_time(), false).empty());
}

TEST_CASE("render::transitions_json_lines: one object a line")
{
  const auto first = test::pivot_run();
  const auto second = next_round();
  const auto changes = render::probe_transitions(&first.probe, second.probe);
  const auto text = render::transitions_json_lines(second, changes, test::fixed_time(), 2);
  const auto newline = text.find('\n');
  REQUIRE(newline != std::string::npos);
  CHECK(text.find('\n', newline + 1) == text.size() - 1); // exactly two lines
  const auto line = nlohmann::json::parse(text.substr(0, newline));
  CHECK(line["command"] == "probe");
  CHECK(line["event"] == "transition");
  CHECK(line["at"] == "2026-01-02T03:04:05Z");
  CHECK(line["round"] == 2);
  CHECK(line["from"] == "up");
  CHECK(line["was_active"] == true);
  CHECK(line["to"] == "down");
  CHECK(line["candidate"]["address"] == "10.0.0.1");
  CHECK(line["candidate"]["active"] == false);
  CHECK(line["exit_status"] == 1);
}
