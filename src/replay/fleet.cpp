#include "sipfo/replay/fleet.hpp"

#include "fleet_tally.hpp"
#include "limits.hpp"

#include "sipfo/replay/backoff.hpp"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <thread>

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

PeakRate peak_of(const FleetTally& tally, std::size_t server, Method method)
{
  PeakRate peak;
  for (std::int64_t s = 0; s < tally.seconds; ++s) {
    const auto n = tally.at(server, method, s);
    if (n > peak.per_second) peak = PeakRate{n, s * 1000};
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

namespace {

// What a share of the phones adds up to; shares are summed in a fixed way, so the
// result does not depend on how many threads ran or which phones each one took.
struct Partial {
  FleetTally tally;
  std::vector<std::vector<std::int64_t>> delta;
  std::vector<std::int64_t> booted;
  std::vector<std::uint32_t> failovers, failbacks;
  std::vector<SimTime> first_failover;
  std::vector<MessageCounts> messages;
  std::uint64_t failover_count = 0, failback_count = 0;
  std::uint32_t unregistered_at_end = 0;
  SimTime unregistered_ms = 0, service_gap_ms = 0;

  Partial(std::size_t servers, std::int64_t seconds, std::size_t buckets)
  {
    tally.reset(servers, seconds);
    delta.assign(servers, std::vector<std::int64_t>(buckets + 1));
    booted.assign(buckets + 1, 0);
    failovers.assign(buckets, 0);
    failbacks.assign(buckets, 0);
    messages.assign(servers, MessageCounts{});
  }

  void add(const PhoneResult& phone, SimTime boot, SimTime bucket, SimTime end)
  {
    const auto first = static_cast<std::size_t>((boot + bucket - 1) / bucket);
    if (first < booted.size()) ++booted[first];
    add_bindings(phone, bucket, delta);
    for (const auto& move : phone.failovers) {
      if (move.at < end) ++failovers[static_cast<std::size_t>(move.at / bucket)];
    }
    for (const auto& move : phone.failbacks) {
      if (move.at < end) ++failbacks[static_cast<std::size_t>(move.at / bucket)];
    }
    if (!phone.failovers.empty()) first_failover.push_back(phone.failovers.front().at);
    failover_count += phone.failovers.size();
    failback_count += phone.failbacks.size();
    if (!phone.registered_at_end) ++unregistered_at_end;
    unregistered_ms += phone.unregistered_ms;
    service_gap_ms += phone.service_gap_ms;
    for (std::size_t s = 0; s < messages.size(); ++s) {
      for (std::size_t m = 0; m < static_cast<std::size_t>(method_count); ++m) messages[s][m] += phone.messages[s][m];
    }
  }

  void merge(Partial& other)
  {
    for (std::size_t s = 0; s < messages.size(); ++s) {
      auto add_all = [](auto& into, const auto& from) {
        for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
      };
      add_all(delta[s], other.delta[s]);
      add_all(messages[s], other.messages[s]);
    }
    for (std::size_t i = 0; i < tally.cells.size(); ++i) tally.cells[i] += other.tally.cells[i];
    for (std::size_t b = 0; b < booted.size(); ++b) booted[b] += other.booted[b];
    for (std::size_t b = 0; b < failovers.size(); ++b) {
      failovers[b] += other.failovers[b];
      failbacks[b] += other.failbacks[b];
    }
    first_failover.insert(first_failover.end(), other.first_failover.begin(), other.first_failover.end());
    failover_count += other.failover_count;
    failback_count += other.failback_count;
    unregistered_at_end += other.unregistered_at_end;
    unregistered_ms += other.unregistered_ms;
    service_gap_ms += other.service_gap_ms;
  }
};

} // namespace

unsigned fleet_threads(const Scenario& scenario, std::size_t servers, std::uint32_t phones) noexcept
{
  // The cores this process may run on (taskset narrows them), not the machine's.
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  if (::sched_getaffinity(0, sizeof allowed, &allowed) == 0) cores = std::max(1, CPU_COUNT(&allowed));
  double load[1] = {0};
  double idle = cores;
  if (::getloadavg(load, 1) == 1) idle = static_cast<double>(cores) - load[0];
  auto threads = static_cast<unsigned>(std::clamp(idle + 0.5, 1.0, static_cast<double>(cores)));
  // Each thread keeps its own per-second tallies: at most 32 MiB of them in all.
  const auto seconds = static_cast<std::uint64_t>((scenario.duration + 999) / 1000);
  auto bytes = std::max<std::uint64_t>(1, seconds * servers * 2 * sizeof(std::uint32_t));
  if (bytes <= FleetTally::max_comb_bytes) bytes *= 1 + FleetTally::max_combs;
  threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(1, (32ULL << 20) / bytes)));
  if (phones < 4096) threads = 1;
  return threads;
}

FleetResult simulate_fleet(const Scenario& scenario, const World& world, std::uint32_t phones,
                           const FleetProgress& progress, unsigned threads, bool bulk)
{
  FleetResult result;
  result.phones = phones;
  result.bucket = scenario.fleet.bucket;
  const std::size_t servers = world.servers.size();
  const SimTime end = scenario.duration;
  check_fleet_size(scenario, servers); // before any allocation
  const auto buckets = static_cast<std::size_t>((end + result.bucket - 1) / result.bucket);
  const auto seconds = (end + 999) / 1000;
  threads = std::max(1u, std::min(threads, 64u));
  std::vector<Partial> partials;
  partials.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) partials.emplace_back(servers, seconds, buckets);

  std::atomic<std::uint64_t> events{0};
  auto run_one = [&](Partial& partial, std::uint32_t id) {
    const auto boot = boot_offset(scenario, id, phones);
    PhoneRun run{id, boot, false};
    run.bulk = bulk;
    const auto spent = events.load(std::memory_order_relaxed);
    run.event_budget = spent < max_events ? max_events - spent : 0;
    const auto phone = simulate_phone(scenario, world, run, &partial.tally);
    events.fetch_add(phone.events, std::memory_order_relaxed);
    // The work budget, foreseen from the first phone (it boots first, so it lives
    // longest) before the others run; the per-phone budget above is the hard stop.
    if (id == 0 && phone.events * phones > max_events) too_much_work(scenario, phone.events, phones, true);
    partial.add(phone, boot, result.bucket, end);
  };
  if (phones > 0) {
    if (progress) progress(0, phones);
    run_one(partials[0], 0);
  }
  // Phones 1.. in chunks handed out in order; any thread may take any chunk.
  constexpr std::uint32_t chunk = 1024;
  std::atomic<std::uint32_t> next{phones > 0 ? 1u : 0u};
  std::atomic<std::uint32_t> done{phones > 0 ? 1u : 0u};
  std::vector<std::exception_ptr> errors(threads);
  auto work = [&](unsigned index) {
    try {
      while (true) {
        const auto from = next.fetch_add(chunk);
        if (from >= phones) break;
        const auto to = static_cast<std::uint32_t>(std::min<std::uint64_t>(phones, std::uint64_t{from} + chunk));
        for (auto id = from; id < to; ++id) run_one(partials[index], id);
        const auto finished = done.fetch_add(to - from) + (to - from);
        if (index == 0 && progress) progress(finished, phones);
      }
    } catch (...) {
      errors[index] = std::current_exception();
      next.store(phones); // the others stop at their next chunk
    }
  };
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back(work, i);
  work(0);
  for (auto& worker : workers) worker.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  for (auto& partial : partials) partial.tally.settle();
  for (unsigned i = 1; i < threads; ++i) partials[0].merge(partials[i]);
  auto& total = partials[0];
  const auto& tally = total.tally;

  std::vector<std::int64_t> registered(servers, 0);
  std::int64_t alive = 0;
  result.intervals.resize(buckets);
  for (std::size_t b = 0; b < buckets; ++b) {
    auto& interval = result.intervals[b];
    interval.at = static_cast<SimTime>(b) * result.bucket;
    alive += total.booted[b];
    std::int64_t bound = 0;
    interval.registered.resize(servers);
    interval.register_sends.assign(servers, 0);
    interval.options_sends.assign(servers, 0);
    for (std::size_t s = 0; s < servers; ++s) {
      registered[s] += total.delta[s][b];
      interval.registered[s] = static_cast<std::uint32_t>(std::max<std::int64_t>(0, registered[s]));
      bound += registered[s];
      const auto from = interval.at / 1000;
      const auto to = std::min<SimTime>((interval.at + result.bucket + 999) / 1000, tally.seconds);
      for (auto sec = from; sec < to; ++sec) {
        interval.register_sends[s] += tally.at(s, Method::register_, sec);
        interval.options_sends[s] += tally.at(s, Method::options, sec);
      }
    }
    interval.unregistered = static_cast<std::uint32_t>(std::max<std::int64_t>(0, alive - bound));
    interval.failovers = total.failovers[b];
    interval.failbacks = total.failbacks[b];
  }
  for (std::size_t s = 0; s < servers; ++s) {
    result.peak_register.push_back(peak_of(tally, s, Method::register_));
    result.peak_options.push_back(peak_of(tally, s, Method::options));
  }
  result.messages = total.messages;
  result.failovers = total.failover_count;
  result.failbacks = total.failback_count;
  result.unregistered_at_end = total.unregistered_at_end;
  result.unregistered_ms = total.unregistered_ms;
  result.service_gap_ms = total.service_gap_ms;
  auto& first_failover = total.first_failover;
  std::sort(first_failover.begin(), first_failover.end());
  result.phones_failed_over = static_cast<std::uint32_t>(first_failover.size());
  result.rehomed_50 = quantile(first_failover, 0.5);
  result.rehomed_90 = quantile(first_failover, 0.9);
  result.rehomed_100 = quantile(first_failover, 1.0);
  if (progress) progress(phones, phones);
  return result;
}

util::ExitStatus fleet_status(const FleetResult& result) noexcept
{
  if (result.unregistered_at_end > 0) return util::ExitStatus::critical;
  if (result.failovers > 0 || result.failbacks > 0 || result.service_gap_ms > 0) return util::ExitStatus::warning;
  return util::ExitStatus::ok;
}

} // namespace sipfo::replay
