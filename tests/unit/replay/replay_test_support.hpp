#pragma once
// Helpers for the replay tests: fixtures by name, a scenario from text, and the
// documented numbers the expected instants are computed from.

#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"
#include "sipfo/replay/world.hpp"

#include <string>

namespace replay_test {

using sipfo::replay::SimTime;

constexpr SimTime s = 1000;                 // one second in ms
constexpr SimTime minute = 60 * s;
constexpr SimTime hour = 3600 * s;
constexpr SimTime t1 = 500;                 // RFC 3261 Table 4
constexpr SimTime timer_f_default = 64 * t1; // RFC 3261 17.1.2.2: 32 s
// R1 (handset-models 2.2): 3 retries = sends at 0, 0.5, 1.5, 3.5 s; dead when the
// next one would be due: T1 + 2T1 + 4T1 + 8T1 = 7.5 s.
constexpr SimTime r1_three_retries = t1 + 2 * t1 + 4 * t1 + 8 * t1;
// 2.6: renew at expires - overlap = 3600 - 60 s.
constexpr SimTime renew_default = 3600 * s - 60 * s;

inline std::string fixture(const std::string& name)
{
  return std::string(SIPFO_SOURCE_DIR) + "/fixtures/scenarios/" + name;
}

struct Run {
  sipfo::replay::Scenario scenario;
  sipfo::replay::World world;
  sipfo::replay::PhoneResult phone;
};

inline Run run_scenario(sipfo::replay::Scenario scenario)
{
  auto world = sipfo::replay::build_world(scenario, {});
  auto phone = sipfo::replay::simulate_phone(scenario, world, sipfo::replay::PhoneRun{0, 0, true});
  return Run{std::move(scenario), std::move(world), std::move(phone)};
}

inline Run run_fixture(const std::string& name)
{
  return run_scenario(sipfo::replay::read_scenario(fixture(name)));
}

inline Run run_text(const std::string& toml)
{
  return run_scenario(sipfo::replay::parse_scenario(toml, "test.toml"));
}

inline int server(const Run& run, const std::string& name)
{
  for (std::size_t i = 0; i < run.world.servers.size(); ++i) {
    if (run.world.servers[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

inline std::uint64_t registers(const Run& run, const std::string& name)
{
  return run.phone.messages[static_cast<std::size_t>(server(run, name))][0];
}

} // namespace replay_test
