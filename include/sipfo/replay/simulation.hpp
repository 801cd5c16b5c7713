#pragma once
// The discrete-event simulation of one phone and of a fleet (design §5,
// handset-models). Manual clock: integer milliseconds, no sleeping, no wall time.

#include "sipfo/replay/phone_result.hpp"
#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/world.hpp"
#include "sipfo/util/exit_status.hpp"

#include <cstdint>
#include <vector>

namespace sipfo::replay {

// Stated limits (sipfo-replay(1), LIMITS): past them replay stops with one line
// (util::InputError, exit status 3) that names the knob to change, instead of
// taking memory or time without bound.
//
// Timeline rows kept for output: --json lists every row, text only the notable
// ones (routine refreshes and pings are counted, not kept).
inline constexpr std::uint64_t max_timeline_rows = 500'000;
// Simulated events (timers that fire and scenario events), summed over a fleet's
// phones: the work budget, events x phones.
inline constexpr std::uint64_t max_events = 4'000'000'000;

struct PhoneRun {
  std::uint32_t id = 0;       // seeds the phone's random stream with the scenario seed
  SimTime boot_at = 0;
  bool record_timeline = true;
  bool record_routine = true;  // false: routine rows are only counted (text output folds them)
  std::uint64_t event_budget = max_events; // this phone's share of the work budget
  // Quiet stretches (nothing changes until the next scenario event) in one step
  // each, not timer by timer; same result either way. Only without a timeline.
  bool bulk = true;
};

// Fleet tallies a phone adds to while it runs (nullptr for a single phone).
struct FleetTally;

// Simulates one phone from `run.boot_at` to the end of the scenario.
PhoneResult simulate_phone(const Scenario& scenario, const World& world, const PhoneRun& run,
                           FleetTally* tally = nullptr);

// Design §2 for one phone: 0 it never lost service and never moved; 1 it lost
// service or moved but is registered at the end; 2 not registered at the end.
util::ExitStatus phone_status(const PhoneResult& result) noexcept;

} // namespace sipfo::replay
