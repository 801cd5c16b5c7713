#pragma once
// N phones in one world (handset-models §8): registrations per server over time,
// REGISTER and OPTIONS rates, the peak a failover or failback causes. Each phone
// runs on its own (phones do not interact), in id order, so the result is the same
// on any machine and would be the same with any number of threads.

#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"
#include "sipfo/replay/world.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace sipfo::replay {

// Stated limits of a fleet (sipfo-replay(1), LIMITS), checked before it runs:
// per-server, per-second send tallies (peak rates) ...
inline constexpr std::uint64_t max_fleet_second_cells = 1ULL << 24; // servers x simulated seconds
// ... and the intervals the charts and JSON print (one column per server and one
// for the unregistered phones).
inline constexpr std::uint64_t max_fleet_bucket_cells = 1ULL << 20; // buckets x (servers + 1)

struct FleetInterval {
  SimTime at = 0;                                // start of the bucket
  std::vector<std::uint32_t> registered;         // per server, at the start of the bucket
  std::uint32_t unregistered = 0;                // booted phones with no registration then
  std::vector<std::uint32_t> register_sends;     // per server, during the bucket
  std::vector<std::uint32_t> options_sends;      // per server, during the bucket
  std::uint32_t failovers = 0;                   // moves during the bucket
  std::uint32_t failbacks = 0;
};

struct PeakRate {
  std::uint32_t per_second = 0; // most REGISTER sends in one second (retransmissions included)
  SimTime at = 0;               // the start of that second
};

struct FleetResult {
  std::uint32_t phones = 0;
  SimTime bucket = 0;
  std::vector<FleetInterval> intervals;
  std::vector<PeakRate> peak_register;           // per server
  std::vector<PeakRate> peak_options;            // per server
  std::vector<MessageCounts> messages;           // per server, whole run
  std::uint64_t failovers = 0;
  std::uint64_t failbacks = 0;
  std::uint32_t phones_failed_over = 0;
  // Instants by which 50 %, 90 % and 100 % of the phones that failed over had done
  // so for the first time (nullopt when none did).
  std::optional<SimTime> rehomed_50, rehomed_90, rehomed_100;
  std::uint32_t unregistered_at_end = 0;
  SimTime unregistered_ms = 0;                   // summed over phones
  SimTime service_gap_ms = 0;                    // summed over phones
};

// Boot instant of phone `id` of `phones` ([fleet] boot_spread and boot_order).
SimTime boot_offset(const Scenario& scenario, std::uint32_t id, std::uint32_t phones) noexcept;

// Called now and then with the number of phones done (for a progress line); it
// sees nothing else and changes nothing.
using FleetProgress = std::function<void(std::uint32_t done, std::uint32_t phones)>;

// `threads` share the phones (chunks of phone ids); the result is the same for
// any number of threads, since every phone runs on its own (C5) and the shares
// are sums. `bulk` false steps every phone timer by timer (PhoneRun::bulk): the
// same result, slower; tests compare the two.
FleetResult simulate_fleet(const Scenario& scenario, const World& world, std::uint32_t phones,
                           const FleetProgress& progress = {}, unsigned threads = 1, bool bulk = true);

// Threads for a fleet run: the cores that are idle now (load average), at least
// 1, fewer when each thread's per-second tallies would pass 32 MiB in all (combs
// included, fleet_tally.hpp), 1 for
// small fleets.
unsigned fleet_threads(const Scenario& scenario, std::size_t servers, std::uint32_t phones) noexcept;

// 2 when a phone is unregistered at the end, 1 when any phone moved or lost service, else 0.
util::ExitStatus fleet_status(const FleetResult& result) noexcept;

} // namespace sipfo::replay
