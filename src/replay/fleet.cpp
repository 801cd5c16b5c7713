#include "sipfo/replay/fleet.hpp"

#include "fleet_tally.hpp"
#include "limits.hpp"

#include "sipfo/replay/backoff.hpp"

#include <algorithm>

namespace sipfo::replay {

namespace {

// Per-server counts of registered phones at the start of each bucket, from the
// bindings: +1 from the first bucket start inside [from, to), -1 from the first
// bucket start at or after `to`.
void add_bindings(const PhoneResult& phone, SimTime bucket, std::vector<std::vector<std::int64_t>>& delta)
{
  for (const auto& binding : phone.bindings) {
    const auto first = (binding.from + bucket - 1) / bucket;
    const auto last = (binding.to + bucket - 1) / bucket;
    if (last <= first) continue;
    auto& row = delta[static_cast<std::size_t>(binding.server)];
    if (static_cast<std::size_t>(first) < row.size()) ++row[static_cast<std::size_t>(first)];
    if (static_cast<std::size_t>(last) < row.size()) --row[static_cast<std::size_t>(last)];
  }
}

PeakRate peak_of(const std::vector<std::uint32_t>& per_second)
{
  PeakRate peak;
  for (std::size_t s = 0; s < per_second.size(); ++s) {
    if (per_second[s] > peak.per_second) peak = PeakRate{per_second[s], static_cast<SimTime>(s) * 1000};
  }
  return peak;
}

std::optional<SimTime> quantile(std::vector<SimTime>& sorted, double q)
{
  if (sorted.empty()) return std::nullopt;
  auto index = static_cast<std::size_t>(q * static_cast<double>(sorted.size()) + 0.999999) ;
  index = std::clamp<std::size_t>(index, 1, sorted.size());
  return sorted[index - 1];
}

} // namespace

SimTime boot_offset(const Scenario& scenario, std::uint32_t id, std::uint32_t phones) noexcept
{
  const auto spread = scenario.fleet.boot_spread;
  if (spread <= 0 || phones == 0) return 0;
  if (scenario.fleet.boot_order == BootOrder::even) {
    // id * spread / phones without overflow: id < 2^32 and spread % phones < phones.
    const auto whole = static_cast<std::uint64_t>(spread) / phones;
    const auto rest = static_cast<std::uint64_t>(spread) % phones;
    return static_cast<SimTime>(whole * id + rest * id / phones);
  }
  // Uniform in [0, spread) from the seed, independent of the order phones run in (C5).
  Prng prng(scenario.seed ^ 0xb007ULL, id);
  return prng.uniform(0, spread - 1);
}

FleetResult simulate_fleet(const Scenario& scenario, const World& world, std::uint32_t phones,
                           const FleetProgress& progress)
{
  FleetResult result;
  result.phones = phones;
  result.bucket = scenario.fleet.bucket;
  const std::size_t servers = world.servers.size();
  const SimTime end = scenario.duration;
  check_fleet_size(scenario, servers); // before any allocation
  const auto buckets = static_cast<std::size_t>((end + result.bucket - 1) / result.bucket);
  FleetTally tally;
  tally.seconds = (end + 999) / 1000;
  tally.register_per_second.assign(servers, std::vector<std::uint32_t>(static_cast<std::size_t>(tally.seconds)));
  tally.options_per_second.assign(servers, std::vector<std::uint32_t>(static_cast<std::size_t>(tally.seconds)));
  std::vector<std::vector<std::int64_t>> delta(servers, std::vector<std::int64_t>(buckets + 1));
  std::vector<std::int64_t> booted(buckets + 1);
  std::vector<std::uint32_t> failovers(buckets), failbacks(buckets);
  std::vector<SimTime> first_failover;
  result.messages.assign(servers, MessageCounts{});
  std::uint64_t events = 0;
  for (std::uint32_t id = 0; id < phones; ++id) {
    if (progress && id % 1024 == 0) progress(id, phones);
    const auto boot = boot_offset(scenario, id, phones);
    PhoneRun run{id, boot, false};
    run.event_budget = max_events - events;
    const auto phone = simulate_phone(scenario, world, run, &tally);
    events += phone.events;
    // The work budget, foreseen from the first phone (it boots first, so it lives
    // longest) before the others run; the per-phone budget above is the hard stop.
    if (id == 0 && phone.events * phones > max_events) too_much_work(scenario, phone.events, phones, true);
    const auto first = static_cast<std::size_t>((boot + result.bucket - 1) / result.bucket);
    if (first < booted.size()) ++booted[first];
    add_bindings(phone, result.bucket, delta);
    for (const auto& move : phone.failovers) {
      if (move.at < end) ++failovers[static_cast<std::size_t>(move.at / result.bucket)];
    }
    for (const auto& move : phone.failbacks) {
      if (move.at < end) ++failbacks[static_cast<std::size_t>(move.at / result.bucket)];
    }
    if (!phone.failovers.empty()) first_failover.push_back(phone.failovers.front().at);
    result.failovers += phone.failovers.size();
    result.failbacks += phone.failbacks.size();
    if (!phone.registered_at_end) ++result.unregistered_at_end;
    result.unregistered_ms += phone.unregistered_ms;
    result.service_gap_ms += phone.service_gap_ms;
    for (std::size_t s = 0; s < servers; ++s) {
      for (int m = 0; m < method_count; ++m) result.messages[s][static_cast<std::size_t>(m)] += phone.messages[s][static_cast<std::size_t>(m)];
    }
  }
  std::vector<std::int64_t> registered(servers, 0);
  std::int64_t alive = 0;
  result.intervals.resize(buckets);
  for (std::size_t b = 0; b < buckets; ++b) {
    auto& interval = result.intervals[b];
    interval.at = static_cast<SimTime>(b) * result.bucket;
    alive += booted[b];
    std::int64_t bound = 0;
    interval.registered.resize(servers);
    interval.register_sends.assign(servers, 0);
    interval.options_sends.assign(servers, 0);
    for (std::size_t s = 0; s < servers; ++s) {
      registered[s] += delta[s][b];
      interval.registered[s] = static_cast<std::uint32_t>(std::max<std::int64_t>(0, registered[s]));
      bound += registered[s];
      const auto from = interval.at / 1000;
      const auto to = std::min<SimTime>((interval.at + result.bucket + 999) / 1000, tally.seconds);
      for (auto sec = from; sec < to; ++sec) {
        interval.register_sends[s] += tally.register_per_second[s][static_cast<std::size_t>(sec)];
        interval.options_sends[s] += tally.options_per_second[s][static_cast<std::size_t>(sec)];
      }
    }
    interval.unregistered = static_cast<std::uint32_t>(std::max<std::int64_t>(0, alive - bound));
    interval.failovers = failovers[b];
    interval.failbacks = failbacks[b];
  }
  for (std::size_t s = 0; s < servers; ++s) {
    result.peak_register.push_back(peak_of(tally.register_per_second[s]));
    result.peak_options.push_back(peak_of(tally.options_per_second[s]));
  }
  std::sort(first_failover.begin(), first_failover.end());
  result.phones_failed_over = static_cast<std::uint32_t>(first_failover.size());
  result.rehomed_50 = quantile(first_failover, 0.5);
  result.rehomed_90 = quantile(first_failover, 0.9);
  result.rehomed_100 = quantile(first_failover, 1.0);
  return result;
}

util::ExitStatus fleet_status(const FleetResult& result) noexcept
{
  if (result.unregistered_at_end > 0) return util::ExitStatus::critical;
  if (result.failovers > 0 || result.failbacks > 0 || result.service_gap_ms > 0) return util::ExitStatus::warning;
  return util::ExitStatus::ok;
}

} // namespace sipfo::replay
