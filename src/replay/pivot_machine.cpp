#include "pivot_machine.hpp"


#include "sipfo/handset/preference.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::replay {

namespace {

// CS-18-09, "Call server status".
enum class Status : std::uint8_t { unknown, up, down, failed };

const char* status_name(Status status)
{
  switch (status) {
  case Status::unknown: return "unknown";
  case Status::up: return "up";
  case Status::down: return "down";
  case Status::failed: return "failed";
  }
  return "?";
}

enum class Purpose : std::uint8_t { boot, refresh, failover, failback, retry };

std::string span(SimTime ms)
{
  return span_text(ms);
}

class PivotMachine final : public Machine {
public:
  explicit PivotMachine(PhoneContext& context) : c_(context) {}

  void boot(SimTime t) override
  {
    reset();
    frozen_ = !c_.world.network_up(t);
    rebuild(t, true);
    booting_ = true;
    c_.note(t, "boot", -1, state(),
            fmt::format("{} candidate(s), {} mode (CS-18-09: {}); OPTIONS to all, then REGISTER", list_.size(),
                        preferred_mode() ? "preferred" : "load-balancing",
                        preferred_mode() ? "ranks or priorities differ" : "equal rank and priority, Method 4"));
    tick(t);
    requery_ = c_.arm(TimerKind::requery, requery_at_ = t + c_.p.dns_requery);
    if (list_.empty()) booting_ = false;
  }

  void on_timer(const PhoneEvent& event) override
  {
    const auto t = event.at;
    switch (event.kind) {
    case TimerKind::transaction:
      if (event.arg < 0) {
        if (event.token == reg_tx_) register_done(t);
      } else if (static_cast<std::size_t>(event.arg) < options_tx_.size() &&
                 event.token == options_tx_[static_cast<std::size_t>(event.arg)]) {
        options_done(t, static_cast<std::size_t>(event.arg));
      }
      break;
    case TimerKind::tick:
      if (event.token == tick_) tick(t);
      break;
    case TimerKind::refresh:
      if (event.token == refresh_) refresh(t);
      break;
    case TimerKind::requery:
      if (event.token == requery_) requery(t);
      break;
    case TimerKind::expiry:
      if (event.token == expiry_) expired(t);
      break;
    default: break;
    }
  }

  void on_scenario(const ScenarioEvent& event) override
  {
    const auto t = event.at;
    if (event.kind == EventKind::net_down) frozen_ = true;
    if (event.kind == EventKind::net_up) frozen_ = false;
    std::string why = "scenario";
    if (event.kind == EventKind::net_down) why = "network down: frozen on the current server, no status update, no failover (CS-18-09)";
    if (event.kind == EventKind::net_up) why = "network up: resumes where it left off; rounds that fell in the outage are skipped (sipfo's assumption)";
    if (event.kind == EventKind::server_down || event.kind == EventKind::server_reply) {
      why = fmt::format("scenario: {}", mode_text(event.mode));
    }
    if (event.kind == EventKind::phone_reboot) why = "scenario: the phone restarts; statuses start unknown";
    c_.note(t, event_name(event.kind), event.server, state(), why);
    if (event.kind == EventKind::phone_reboot) {
      c_.unbind(t);
      boot(t);
    }
  }

  LineState state() const override
  {
    if (frozen_) return LineState::frozen;
    if (c_.bound_server() >= 0) return LineState::registered;
    return reg_tx_ != 0 ? LineState::registering : LineState::unregistered;
  }

private:
  void reset()
  {
    list_.clear();
    status_.clear();
    options_tx_.clear();
    options_out_.clear();
    reg_tx_ = tick_ = refresh_ = requery_ = expiry_ = 0;
    booting_ = false;
  }

  // --- the candidate list ---------------------------------------------------
  static bool more_preferred(const SimCandidate& a, const SimCandidate& b)
  {
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.priority < b.priority;
  }

  bool preferred_mode() const { return preferred_; }

  // Preferred mode when some candidate is strictly more preferred than another:
  // the function resolve decides equal_priority_no_failback by.
  static bool has_preference(const std::vector<SimCandidate>& list)
  {
    std::vector<handset::RankedServer> servers;
    for (const auto& c : list) servers.push_back({std::to_string(c.server), c.rank, c.priority, c.weight, true});
    return handset::has_preferred_server(servers, handset::PreferenceRule::rank_then_priority);
  }

  std::optional<std::size_t> index_of(int server) const
  {
    for (std::size_t i = 0; i < list_.size(); ++i) {
      if (list_[i].server == server) return i;
    }
    return std::nullopt;
  }

  // Builds the list from DNS (or keeps it when DNS does not answer). Statuses of
  // servers still listed carry over, `failed` ones start again (P-A2); a removed
  // active server stays until it fails (P-A6).
  void rebuild(SimTime t, bool at_boot)
  {
    const auto& epoch = c_.world.epoch_at(t);
    if (epoch.uses_dns && !epoch.dns_up) {
      c_.note(t, "dns.query", -1, state(), at_boot ? "DNS unreachable at boot: no candidate" : "DNS unreachable: the list is kept");
      return;
    }
    std::vector<SimCandidate> list = epoch.candidates;
    std::vector<Status> status(list.size(), Status::unknown);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (const auto old = index_of(list[i].server); old && status_[*old] != Status::failed) status[i] = status_[*old];
    }
    const int active = c_.bound_server();
    if (active >= 0 && std::none_of(list.begin(), list.end(), [&](const SimCandidate& s) { return s.server == active; })) {
      if (const auto old = index_of(active)) {
        list.push_back(list_[*old]);
        status.push_back(status_[*old]);
      }
    }
    // The same list as before (a re-query in a quiet stretch) keeps its mode.
    const bool same = list.size() == list_.size() &&
                      std::equal(list.begin(), list.end(), list_.begin(), [](const SimCandidate& x, const SimCandidate& y) {
                        return x.server == y.server && x.rank == y.rank && x.priority == y.priority && x.weight == y.weight;
                      });
    list_ = std::move(list);
    status_ = std::move(status);
    if (!same || at_boot) preferred_ = has_preference(list_);
    options_tx_.assign(list_.size(), 0);
    options_out_.assign(list_.size(), TransactionOutcome{});
    if (!at_boot && c_.keeps(true)) {
      c_.note(t, "dns.query", -1, state(),
              fmt::format("re-query: {} candidate(s); stays on its server until it fails (CS-18-09 Method 4; sipfo's assumption)", list_.size()),
              true);
    }
  }

  TransactionRules rules_for(const SimCandidate& candidate, Method method) const
  {
    TransactionRules rules;
    rules.transport = candidate.transport;
    rules.method = method;
    rules.t1 = c_.p.t1;
    rules.t2 = c_.p.t2;
    rules.timer_f = timer_f(c_.p);
    rules.rtt = c_.p.rtt;
    rules.sampling = c_.p.sampling;
    rules.retries = -1; // a ping or a REGISTER ends `down` at Timer F (§5)
    return rules;
  }

  // --- OPTIONS rounds ------------------------------------------------------
  void tick(SimTime t)
  {
    if (tick_in_bulk(t)) return;
    tick_ = c_.arm(TimerKind::tick, t + c_.p.options_interval);
    if (frozen_) {
      if (c_.recording()) c_.note(t, "options.skipped", -1, state(), "network down: no ping round (CS-18-09 What if the network is down?; sipfo's assumption)", true);
      return;
    }
    bool instant = false;
    for (std::size_t i = 0; i < list_.size(); ++i) {
      const auto rules = rules_for(list_[i], Method::options);
      options_out_[i] = run_transaction(c_.world, list_[i].server, t, rules);
      c_.count_sends(list_[i].server, t, options_out_[i].sends, rules);
      if (options_out_[i].end == t) {
        options_tx_[i] = answered_now; // ends at this instant: handled below, not queued
        instant = true;
      } else {
        options_tx_[i] = c_.arm(TimerKind::transaction, options_out_[i].end, static_cast<int>(i));
      }
    }
    // A ping answered at once (C2, rtt 0) ends at this instant. Queued, it would
    // be the next timer to run (transaction timers come first at an instant, C4,
    // and nothing else is due at `t` before it), in list order: the same order
    // here, without a trip through the queue for every ping of every round.
    if (!instant) return;
    for (std::size_t i = 0; i < list_.size(); ++i) {
      if (options_tx_[i] == answered_now) options_done(t, i);
    }
  }
  static constexpr std::uint32_t answered_now = 0xffffffffU;

  // --- quiet stretches in one step ------------------------------------------
  // While the world holds (until the next scenario event, C4) and before the next
  // DNS re-query, a phone registered with an `up` server whose pings all confirm
  // the statuses it has, and with no more preferred server up, does the same every
  // round: pings that change nothing, refreshes that succeed, an expiry timer that
  // re-arms. Those rounds are tallied in one step (count_periodic) and the timers
  // re-armed after them; the step-by-step path gives the same counts, bindings
  // and moves (tests/unit/replay/test_bulk.cpp). Not used while a timeline is kept.
  bool tick_in_bulk(SimTime t)
  {
    if (!c_.bulk() || frozen_ || booting_ || reg_tx_ != 0 || refresh_ == 0 || expiry_ == 0) return false;
    const int active = c_.bound_server();
    const auto a = index_of(active);
    if (!a || status_[*a] != Status::up || refresh_at_ <= t) return false;
    const SimTime period = c_.p.options_interval;
    const SimTime horizon = std::min(c_.quiet_until, requery_at_); // everything covered ends before it
    std::vector<TransactionOutcome>& pings = options_out_;
    SimTime longest = 0;
    std::uint64_t queued = 0; // transaction timers a round would queue
    for (std::size_t i = 0; i < list_.size(); ++i) {
      if (options_tx_[i] != 0 || (status_[i] != Status::up && status_[i] != Status::down)) return false;
      if (preferred_mode() && status_[i] == Status::up && more_preferred(list_[i], list_[*a])) return false;
      pings[i] = run_transaction(c_.world, list_[i].server, t, rules_for(list_[i], Method::options));
      if (status_of(pings[i]) != status_[i]) return false;
      longest = std::max(longest, pings[i].end - t);
      if (pings[i].end != t) ++queued;
    }
    if (longest >= period || t + longest >= horizon) return false;
    const std::int64_t rounds = (horizon - 1 - longest - t) / period + 1;
    if (rounds < 2) return false;
    const SimTime next_tick = t + rounds * period;

    // Refreshes due before the next uncovered round whose REGISTER ends before the horizon.
    const auto reg_rules = rules_for(list_[*a], Method::register_);
    const SimTime first = refresh_at_;
    const auto reg = run_transaction(c_.world, active, first, reg_rules);
    if (reg.how != TransactionOutcome::End::answered || reg.code >= 300) return false;
    const SimTime reg_busy = reg.end - first;
    const SimTime reg_period = reg_busy + refresh_period();
    if (reg_period >= c_.p.expires || first + reg_busy >= c_.bound_until()) return false;
    std::int64_t refreshes = 0;
    if (first < next_tick && first + reg_busy < horizon) {
      refreshes = std::min((next_tick - 1 - first) / reg_period, (horizon - 1 - reg_busy - first) / reg_period) + 1;
    }
    const SimTime last_done = first + (refreshes - 1) * reg_period + reg_busy;

    // The expiry timer's re-arms in the stretch: each finds the binding renewed
    // by the refreshes done before it (a REGISTER answered at once is done by the
    // refresh timer, which runs after the expiry timer at one instant; C4).
    auto bound_until_at = [&](SimTime x) {
      if (refreshes == 0 || x < first + reg_busy) return c_.bound_until();
      std::int64_t done = (x - first - reg_busy) / reg_period; // the last refresh done at or before x
      if (reg_busy == 0 && first + done * reg_period == x) --done;
      done = std::min(done, refreshes - 1);
      return done < 0 ? c_.bound_until() : first + done * reg_period + reg_busy + c_.p.expires;
    };
    SimTime expiry_at = expiry_at_;
    std::uint64_t expiries = 0;
    while (expiry_at < next_tick && expiry_at < horizon) {
      const SimTime until = bound_until_at(expiry_at);
      if (until <= expiry_at) return false; // the binding would lapse: not quiet
      expiry_at = until;
      ++expiries;
    }

    // The stretch holds: tally it and re-arm the timers after it.
    for (std::size_t i = 0; i < list_.size(); ++i) {
      c_.count_periodic(list_[i].server, t, period, rounds, pings[i].sends, rules_for(list_[i], Method::options));
    }
    tick_ = c_.arm(TimerKind::tick, next_tick);
    if (refreshes > 0) {
      c_.count_periodic(active, first, reg_period, refreshes, reg.sends, reg_rules);
      if (c_.p.digest) c_.count_periodic(active, first + reg_busy, reg_period, refreshes, 1, reg_rules);
      c_.bind(active, last_done, last_done + c_.p.expires);
      reg_out_ = reg;
      reg_target_ = *a;
      reg_purpose_ = Purpose::refresh;
      reg_leaving_ = active;
      refresh_ = c_.arm(TimerKind::refresh, refresh_at_ = last_done + refresh_period());
    }
    if (expiries > 0) expiry_ = c_.arm(TimerKind::expiry, expiry_at_ = expiry_at);
    const auto per_refresh = static_cast<std::uint64_t>(reg_busy > 0 ? 2 : 1);
    c_.add_events(static_cast<std::uint64_t>(rounds - 1) + static_cast<std::uint64_t>(rounds) * queued +
                  static_cast<std::uint64_t>(refreshes) * per_refresh + expiries);
    return true;
  }

  static Status status_of(const TransactionOutcome& out)
  {
    // S001: up = a final response < 500; down = 408 or a local 503; P-A1: a
    // 5xx sent by the server is down too.
    if (out.how == TransactionOutcome::End::answered && out.code < 500) return Status::up;
    return Status::down;
  }

  void options_done(SimTime t, std::size_t i)
  {
    options_tx_[i] = 0;
    const auto& out = options_out_[i];
    const int server = list_[i].server;
    if (frozen_) {
      c_.note(t, "options.ignored", server, state(), "network down: no status update (CS-18-09)", true);
      return;
    }
    const auto old = status_[i];
    if (old != Status::failed) status_[i] = status_of(out);
    const bool changed = status_[i] != old;
    if (c_.keeps(!changed)) c_.note(t, fmt::format("options.{}", status_name(status_[i])), server, state(),
            fmt::format("OPTIONS {} (CS-18-09 Call server status){}", answer_text(out),
                        changed ? fmt::format(": {} -> {}", status_name(old), status_name(status_[i])) : ""),
            !changed);
    if (booting_) {
      const bool all_done = std::all_of(options_tx_.begin(), options_tx_.end(), [](std::uint32_t tx) { return tx == 0; });
      const bool first = c_.p.boot_register == PivotBootRegister::first_up && status_[i] == Status::up;
      if (all_done || first) {
        booting_ = false;
        choose_and_register(t, Purpose::boot, -1);
      }
      return;
    }
    if (reg_tx_ != 0) return; // a REGISTER is under way; its result decides
    const int active = c_.bound_server();
    if (active < 0) {
      if (status_[i] == Status::up) choose_and_register(t, Purpose::retry, -1); // P-A5
      return;
    }
    if (server == active && status_[i] == Status::down) {
      c_.detect(t);
      choose_and_register(t, Purpose::failover, active);
      return;
    }
    const auto a = index_of(active);
    if (preferred_mode() && status_[i] == Status::up && a && more_preferred(list_[i], list_[*a])) {
      choose_and_register(t, Purpose::failback, active);
    }
  }

  static std::string answer_text(const TransactionOutcome& out)
  {
    switch (out.how) {
    case TransactionOutcome::End::timeout: return fmt::format("timed out after {} sends (408)", out.sends);
    case TransactionOutcome::End::refused: return "refused (local 503)";
    case TransactionOutcome::End::answered: break;
    }
    return fmt::format("answered {}", out.code);
  }

  // --- registration ----------------------------------------------------------
  // The candidate to register with: the most preferred `up` one (load balancing:
  // the next `up` after the active one in list order), else an `unknown` one in
  // list order (P-A4). `leaving` is never chosen.
  std::optional<std::size_t> choose(int leaving) const
  {
    std::optional<std::size_t> best;
    const bool preferred = preferred_mode();
    const auto from = index_of(leaving);
    const std::size_t n = list_.size();
    for (std::size_t step = 0; step < n; ++step) {
      const std::size_t i = (!preferred && from) ? (*from + 1 + step) % n : step;
      if (list_[i].server == leaving || status_[i] != Status::up) continue;
      if (!preferred) return i;
      if (!best || more_preferred(list_[i], list_[*best])) best = i;
    }
    if (best) return best;
    for (std::size_t i = 0; i < n; ++i) {
      if (list_[i].server != leaving && status_[i] == Status::unknown) return i;
    }
    return std::nullopt;
  }

  void choose_and_register(SimTime t, Purpose purpose, int leaving)
  {
    const auto target = choose(purpose == Purpose::failback ? -1 : leaving);
    if (!target || (purpose == Purpose::failback && list_[*target].server == leaving)) {
      if (purpose != Purpose::failback) {
        c_.note(t, "no.candidate", leaving, state(),
                "no candidate up or unknown: waits for an OPTIONS round that finds one (sipfo's assumption)");
      }
      return;
    }
    register_with(t, *target, purpose, leaving);
  }

  // `now_ok`: the caller is a timer of a later kind than `transaction` with
  // nothing else pending at `t` that a queued transaction timer would follow, so
  // a REGISTER answered at once (C2) may end right here (C4 order kept).
  void register_with(SimTime t, std::size_t i, Purpose purpose, int leaving, bool now_ok = false)
  {
    const auto rules = rules_for(list_[i], Method::register_);
    reg_out_ = run_transaction(c_.world, list_[i].server, t, rules);
    reg_target_ = i;
    reg_purpose_ = purpose;
    reg_leaving_ = leaving;
    c_.count_sends(list_[i].server, t, reg_out_.sends, rules);
    const bool ok = reg_out_.how == TransactionOutcome::End::answered && reg_out_.code < 300;
    if (ok && c_.p.digest) c_.count_sends(list_[i].server, reg_out_.end, 1, rules);
    const bool now = now_ok && reg_out_.end == t;
    reg_tx_ = now ? answered_now : c_.arm(TimerKind::transaction, reg_out_.end, -1);
    if (c_.keeps(purpose == Purpose::refresh && ok))
      c_.note(t, "register", list_[i].server, state(), purpose_why(purpose, list_[i].server, leaving),
            purpose == Purpose::refresh && ok);
    if (now) register_done(t);
  }

  std::string purpose_why(Purpose purpose, int server, int leaving) const
  {
    switch (purpose) {
    case Purpose::boot: return fmt::format("boot: the most preferred up candidate, {} (CS-18-09)", c_.name(server));
    case Purpose::refresh:
      return fmt::format("refresh every {} (min(register_refresh_max, expires/2); CS-18-09)", span(refresh_period()));
    case Purpose::failover:
      return fmt::format("{} is down: {} (CS-18-09 Method 4; sipfo's assumption)", c_.name(leaving),
                         preferred_mode() ? "the most preferred up candidate" : "the next up candidate in list order");
    case Purpose::failback:
      return fmt::format("{} is up and more preferred than {}: failback (CS-18-09 Preferred server examples)",
                         c_.name(server), c_.name(leaving));
    case Purpose::retry: return "a candidate is up again: register (sipfo's assumption)";
    }
    return "";
  }

  SimTime refresh_period() const { return renewal_delay(Model::pivot, c_.p, c_.p.expires); }

  void register_done(SimTime t)
  {
    reg_tx_ = 0;
    const auto& out = reg_out_;
    const std::size_t i = reg_target_;
    if (i >= list_.size()) return;
    const int server = list_[i].server;
    if (frozen_) {
      c_.note(t, "register.ignored", server, state(), "network down: the outcome is not evaluated (CS-18-09)", true);
      return;
    }
    if (out.how == TransactionOutcome::End::answered && out.code < 300) {
      const int previous = c_.bound_server();
      if (reg_purpose_ == Purpose::failback && previous >= 0 && previous != server) {
        // "unregister from its currently active server": one REGISTER with expires 0.
        if (const auto a = index_of(previous)) c_.count_sends(previous, t, 1, rules_for(list_[*a], Method::register_));
      }
      status_[i] = Status::up;
      c_.bind(server, t, t + c_.p.expires);
      refresh_ = c_.arm(TimerKind::refresh, refresh_at_ = t + refresh_period());
      // One expiry timer at a time: when it fires early it is re-armed for the
      // binding's current end, so refreshes do not pile timers up.
      if (expiry_ == 0) expiry_ = c_.arm(TimerKind::expiry, expiry_at_ = t + c_.p.expires);
      const int from = previous >= 0 ? previous : reg_leaving_;
      const bool moved = from >= 0 && from != server;
      const bool back = reg_purpose_ == Purpose::failback;
      if (moved) c_.move(t, from, server, back ? "more preferred server up (OPTIONS)" : fmt::format("{} down", c_.name(from)), back);
      if (c_.keeps(!moved && reg_purpose_ == Purpose::refresh))
        c_.note(t, moved ? (back ? "failback" : "failover") : "registered", server, state(),
              fmt::format("{} {}; refresh in {}", out.code, c_.name(server), span(refresh_period())),
              !moved && reg_purpose_ == Purpose::refresh);
      return;
    }
    const bool failed = out.how == TransactionOutcome::End::answered &&
                        (out.code == 401 || out.code == 403 || out.code == 404);
    const auto old = status_[i];
    status_[i] = failed ? Status::failed : Status::down;
    c_.note(t, fmt::format("register.{}", status_name(status_[i])), server, state(),
            fmt::format("REGISTER {}: {} -> {} (CS-18-09{})", answer_text(out), status_name(old), status_name(status_[i]),
                        failed ? " Failed; sticky until the next DNS rebuild, sipfo's assumption" : ""));
    if (reg_purpose_ == Purpose::failback) return; // stays where it is
    if (reg_purpose_ == Purpose::refresh) {
      c_.detect(t);
      choose_and_register(t, Purpose::failover, server);
      return;
    }
    choose_and_register(t, reg_purpose_ == Purpose::boot ? Purpose::boot : reg_purpose_, reg_leaving_ >= 0 ? reg_leaving_ : server);
  }

  void refresh(SimTime t)
  {
    refresh_ = 0;
    const int active = c_.bound_server();
    if (active < 0) return;
    if (frozen_ || reg_tx_ != 0) {
      refresh_ = c_.arm(TimerKind::refresh, refresh_at_ = t + refresh_period());
      if (frozen_) c_.note(t, "refresh.skipped", active, state(), "network down: frozen (CS-18-09 What if the network is down?; sipfo's assumption)", true);
      return;
    }
    if (const auto a = index_of(active)) register_with(t, *a, Purpose::refresh, active, true);
  }

  void requery(SimTime t)
  {
    requery_ = c_.arm(TimerKind::requery, requery_at_ = t + c_.p.dns_requery);
    if (frozen_) return;
    rebuild(t, false);
  }

  void expired(SimTime t)
  {
    expiry_ = 0;
    if (c_.bound_server() < 0) return;
    if (c_.bound_until() > t) {
      expiry_ = c_.arm(TimerKind::expiry, expiry_at_ = c_.bound_until());
      return;
    }
    const int server = c_.bound_server();
    c_.unbind(t);
    c_.note(t, "unregistered", server, state(), "the binding expired without a refresh");
  }

  PhoneContext& c_;
  std::vector<SimCandidate> list_;
  std::vector<Status> status_;
  std::vector<std::uint32_t> options_tx_;
  std::vector<TransactionOutcome> options_out_;
  TransactionOutcome reg_out_;
  std::size_t reg_target_ = 0;
  Purpose reg_purpose_ = Purpose::boot;
  int reg_leaving_ = -1;
  bool booting_ = false;
  bool frozen_ = false;
  bool preferred_ = false;
  std::uint32_t reg_tx_ = 0, tick_ = 0, refresh_ = 0, requery_ = 0, expiry_ = 0;
  SimTime refresh_at_ = 0, requery_at_ = 0, expiry_at_ = 0; // when those timers are due
};

} // namespace

std::unique_ptr<Machine> make_pivot_machine(PhoneContext& context)
{
  return std::make_unique<PivotMachine>(context);
}

} // namespace sipfo::replay
