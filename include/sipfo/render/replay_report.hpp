#pragma once
// `sipfo replay` output: pure functions from the simulation's results to text,
// an ASCII chart, JSON and JSON lines (design §5; man sipfo-replay, OUTPUT).

#include "sipfo/replay/fleet.hpp"
#include "sipfo/replay/phone_result.hpp"
#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/world.hpp"
#include "sipfo/util/exit_status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sipfo::render {

struct ReplayReport {
  const replay::Scenario* scenario = nullptr;
  const replay::World* world = nullptr;
  std::optional<replay::PhoneResult> phone; // one phone
  std::optional<replay::FleetResult> fleet; // --fleet N
  util::ExitStatus exit_status = util::ExitStatus::ok;
};

// "1:00:07.5" (handset-models C1); milliseconds shown only when not a multiple of 100.
std::string sim_time_text(replay::SimTime at);

// The timeline table (routine refreshes and pings folded), the summary, and the
// chart of the active server over time; for a fleet the per-server charts and the
// peak rates. `width` is the chart width in columns.
std::string replay_text(const ReplayReport& report, bool color, int width = 60);

// Which server the phone is registered with over time: one row per server and one
// for "none", `width` columns over [0, end).
std::string active_server_chart(const replay::PhoneResult& phone, const replay::World& world, replay::SimTime end,
                                 int width);

// One JSON document.
std::string replay_json(const ReplayReport& report);

// One JSON object per line: a fleet's intervals (or one phone's timeline rows),
// then a summary object carrying schema_version, command and exit_status.
std::string replay_json_lines(const ReplayReport& report);

} // namespace sipfo::render
