// libFuzzer target for the scenario reader (TOML through toml++ and sipfo's own
// checks): any bytes must give a scenario or a util::InputError, never a crash,
// a stack overflow (toml++ 3.3.0 recurses once per key segment, array and inline
// table), a hang or unbounded memory. Scenarios that load with listed servers
// (no zone file to read) are also simulated for a short while, so the state
// machines see fuzzed parameters and events.

#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"
#include "sipfo/replay/world.hpp"
#include "sipfo/util/input_error.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto scenario = sipfo::replay::parse_scenario(text, "fuzz.toml");
    if (scenario.setting || !scenario.zones.empty()) return 0; // would read zone files from disk
    // Ten simulated minutes: enough for every timer to fire, short enough for
    // libFuzzer's per-input timeout whatever the parameters say.
    scenario.duration = std::min<sipfo::replay::SimTime>(scenario.duration, 600'000);
    const auto world = sipfo::replay::build_world(scenario, {});
    (void)sipfo::replay::simulate_phone(scenario, world, sipfo::replay::PhoneRun{0, 0, true});
  } catch (const sipfo::util::InputError&) {
    // Bad input is reported, which is what should happen.
  }
  return 0;
}
