#pragma once
// The stated limits of replay (simulation.hpp, fleet.hpp; sipfo-replay(1),
// LIMITS) and the one-line errors past them, each naming the knob to change.

#include "sipfo/replay/scenario.hpp"

#include <cstddef>
#include <cstdint>

namespace sipfo::replay {

// More than max_timeline_rows rows to keep, reached at `at`.
[[noreturn]] void too_many_rows(const Scenario& scenario, SimTime at, bool every_row);

// More than max_events simulated events: `events` done (or, for a fleet, foreseen
// from its first phone), `phones` phones.
[[noreturn]] void too_much_work(const Scenario& scenario, std::uint64_t events, std::uint32_t phones, bool foreseen);

// Before a fleet runs: its per-second tallies (servers x seconds) and its
// intervals (buckets x (servers + 1)) within their budgets.
void check_fleet_size(const Scenario& scenario, std::size_t servers);

} // namespace sipfo::replay
