#include "sipfo/probe/engine.hpp"

#include "sipfo/probe/target_probe.hpp"

#include <poll.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <optional>

namespace sipfo::probe {

namespace {

using std::chrono::milliseconds;

// poll()'s timeout until `deadline`: whole milliseconds, rounded up so the loop
// never spins before a timer is due; -1 when there is no deadline.
int poll_timeout(sip::TimePoint now, sip::TimePoint deadline)
{
  if (deadline == sip::TimePoint::max()) return -1;
  if (deadline <= now) return 0;
  auto wait = std::chrono::ceil<milliseconds>(deadline - now).count();
  return static_cast<int>(std::min<long long>(wait, 60'000));
}

// The target loop: starts targets on the rate limit, polls, fires timers,
// reports to the hooks, and stops early when on_tick says so.
class Loop {
public:
  Loop(std::span<const Target> targets, const ProbeSettings& settings, const EngineSettings& engine,
       const sip::Clock& clock, const ConnectionFactory& factory, const EngineHooks& hooks)
    : targets_(targets), settings_(settings), engine_(engine), clock_(clock), factory_(factory), hooks_(hooks),
      results_(targets.size())
  {
  }

  std::vector<TargetResult> run()
  {
    next_start_ = clock_.now();
    next_tick_ = next_start_;
    while (finished_ < targets_.size()) {
      start_due(clock_.now());
      wait_and_dispatch();
      fire_timers(clock_.now());
      collect_done();
      if (tick(clock_.now())) {
        interrupt_rest();
        break;
      }
    }
    return std::move(results_);
  }

private:
  struct Running {
    std::size_t index;
    std::unique_ptr<TargetProbe> probe;
  };

  std::size_t in_flight_cap() const { return std::max<std::size_t>(1, engine_.max_in_flight); }

  void start_due(sip::TimePoint now)
  {
    while (next_index_ < targets_.size() && running_.size() < in_flight_cap() && now >= next_start_) {
      const std::size_t index = next_index_++;
      const Target& target = targets_[index];
      if (target.endpoint.address.empty()) { // a name without an address: counted, not probed
        results_[index].target = target;
        results_[index].not_probed = NotProbed::no_address;
        report_done(index);
        continue;
      }
      auto probe = std::make_unique<TargetProbe>(target, settings_, factory_(target));
      probe->start(now);
      running_.push_back({index, std::move(probe)});
      if (engine_.rate > 0) {
        next_start_ += std::chrono::duration_cast<sip::TimePoint::duration>(std::chrono::duration<double>(1.0 / engine_.rate));
      }
    }
    collect_done();
  }

  sip::TimePoint next_deadline() const
  {
    sip::TimePoint next = sip::TimePoint::max();
    for (const Running& r : running_) next = std::min(next, r.probe->next_deadline());
    const bool can_start = next_index_ < targets_.size() && running_.size() < in_flight_cap();
    if (can_start) next = std::min(next, next_start_);
    if (hooks_.on_tick) next = std::min(next, next_tick_);
    return next;
  }

  void wait_and_dispatch()
  {
    if (running_.empty() && next_index_ >= targets_.size()) return;
    fds_.clear();
    owners_.clear();
    for (std::size_t i = 0; i < running_.size(); ++i) {
      int fd = running_[i].probe->fd();
      short events = running_[i].probe->wanted_events();
      if (fd < 0 || events == 0) continue;
      fds_.push_back({fd, events, 0});
      owners_.push_back(i);
    }
    if (hooks_.wake_fd >= 0) fds_.push_back({hooks_.wake_fd, POLLIN, 0});
    int ready = ::poll(fds_.data(), fds_.size(), poll_timeout(clock_.now(), next_deadline()));
    if (ready <= 0) return; // timeout, or EINTR: timers run next
    const sip::TimePoint now = clock_.now();
    for (std::size_t k = 0; k < owners_.size(); ++k) {
      if (fds_[k].revents != 0) running_[owners_[k]].probe->on_ready(fds_[k].revents, now);
    }
    if (hooks_.wake_fd >= 0 && fds_.back().revents != 0) next_tick_ = now; // look at once
  }

  void fire_timers(sip::TimePoint now)
  {
    for (Running& r : running_) {
      if (r.probe->next_deadline() <= now) r.probe->on_time(now);
    }
  }

  void collect_done()
  {
    auto done = std::stable_partition(running_.begin(), running_.end(), [](const Running& r) { return !r.probe->done(); });
    std::vector<std::size_t> indexes;
    for (auto it = done; it != running_.end(); ++it) {
      results_[it->index] = it->probe->result();
      indexes.push_back(it->index);
    }
    running_.erase(done, running_.end()); // closes their sockets before the hooks run
    for (std::size_t index : indexes) report_done(index);
  }

  void report_done(std::size_t index)
  {
    ++finished_;
    if (hooks_.on_result) hooks_.on_result(index, results_[index]);
  }

  // True when the caller asks to stop.
  bool tick(sip::TimePoint now)
  {
    if (!hooks_.on_tick || now < next_tick_) return false;
    next_tick_ = now + hooks_.tick;
    EngineProgress progress{finished_, targets_.size(), running_.size(), std::nullopt};
    for (const Running& r : running_) {
      const sip::TimePoint by = r.probe->gives_up_by();
      if (by != sip::TimePoint::max()) progress.gives_up_by = std::max(progress.gives_up_by.value_or(by), by);
    }
    return hooks_.on_tick(progress);
  }

  // Ctrl-C: what the running targets found so far, and the rest untouched,
  // all marked interrupted.
  void interrupt_rest()
  {
    for (const Running& r : running_) {
      results_[r.index] = r.probe->result();
      results_[r.index].not_probed = NotProbed::interrupted;
    }
    running_.clear();
    for (; next_index_ < targets_.size(); ++next_index_) {
      results_[next_index_].target = targets_[next_index_];
      results_[next_index_].not_probed =
        targets_[next_index_].endpoint.address.empty() ? NotProbed::no_address : NotProbed::interrupted;
    }
  }

  std::span<const Target> targets_;
  const ProbeSettings& settings_;
  const EngineSettings& engine_;
  const sip::Clock& clock_;
  const ConnectionFactory& factory_;
  const EngineHooks& hooks_;
  std::vector<TargetResult> results_;
  std::vector<Running> running_;
  std::vector<pollfd> fds_;
  std::vector<std::size_t> owners_;
  std::size_t next_index_ = 0;
  std::size_t finished_ = 0;
  sip::TimePoint next_start_{};
  sip::TimePoint next_tick_{};
};

// Sockets the engine may hold at once: the caller's cap, within the process's
// descriptor limit (minus a reserve), so running out of descriptors never
// passes for a server that is down.
std::size_t socket_budget(std::size_t wanted)
{
  constexpr rlim_t reserve = 64;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return wanted;
  if (limit.rlim_cur <= reserve + 1) return 1;
  return std::min<std::size_t>(wanted, static_cast<std::size_t>(limit.rlim_cur - reserve));
}

bool has_tls(std::span<const Target> targets)
{
  return std::any_of(targets.begin(), targets.end(),
                     [](const Target& t) { return t.endpoint.transport == sip::Transport::tls; });
}

} // namespace

std::vector<TargetResult> run_probes(std::span<const Target> targets, const ProbeSettings& settings,
                                     const EngineSettings& engine, const sip::Clock& clock,
                                     const ConnectionFactory& factory, const EngineHooks& hooks)
{
  return Loop(targets, settings, engine, clock, factory, hooks).run();
}

std::vector<TargetResult> run_probes(std::span<const Target> targets, const ProbeSettings& settings,
                                     const EngineSettings& engine, const sip::Clock& clock,
                                     const EngineHooks& hooks)
{
  std::optional<sip::TlsContext> tls;
  if (has_tls(targets)) tls.emplace(engine.tls);
  EngineSettings bounded = engine;
  bounded.max_in_flight = socket_budget(engine.max_in_flight);
  const sip::SourceAddress* source = engine.source ? &*engine.source : nullptr;
  const ConnectionFactory factory = [&tls, source](const Target& target) {
    return sip::open_connection(target.endpoint, target.server_name, tls ? &*tls : nullptr, source);
  };
  return run_probes(targets, settings, bounded, clock, factory, hooks);
}

} // namespace sipfo::probe
