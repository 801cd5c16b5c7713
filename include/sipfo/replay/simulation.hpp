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

struct PhoneRun {
  std::uint32_t id = 0;       // seeds the phone's random stream with the scenario seed
  SimTime boot_at = 0;
  bool record_timeline = true;
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
