// Concurrent registration (handset-models §4.1 "Static list", §4.3, §6 "Fallback,
// concurrent (default)"): every server entry has its own registration flow
//   REGISTER -> registered (refresh at expires - overlap) | failed -> backoff -> REGISTER
// and the working server is the first entry whose registration lives. Each entry
// is a list of one, so every REGISTER runs to Timer F (2.2: the last server).

#include "concurrent_machine.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::replay {

bool uses_concurrent_flows(const Scenario& scenario) noexcept
{
  const auto& p = scenario.parameters;
  if (scenario.model == Model::yealink) return p.static_list && p.redundancy_type == 0;
  if (scenario.model == Model::spectralink84) return p.static_list;
  return false;
}

namespace {

// One server entry's registration flow.
struct Flow {
  SimCandidate entry;
  SimTime until = 0;          // its registration lives while t < until
  int failures = 0;           // failed attempts in a row (RFC 5626 4.5)
  bool busy = false;          // a REGISTER is under way
  TransactionOutcome outcome; // of the REGISTER under way
  std::uint32_t tx = 0, refresh = 0, expiry = 0, retry = 0;
};

// Yealink has two server slots (account.X.sip_server.1/2, S003).
std::size_t entry_limit(Model model) noexcept
{
  return model == Model::yealink ? 2 : 64;
}

class ConcurrentMachine final : public Machine {
public:
  explicit ConcurrentMachine(PhoneContext& context) : c_(context) {}

  void boot(SimTime at) override
  {
    flows_.clear();
    last_working_ = -1;
    const auto& candidates = c_.world.epoch_at(at).candidates;
    const auto count = std::min(candidates.size(), entry_limit(c_.scenario.model));
    for (std::size_t i = 0; i < count; ++i) flows_.push_back(Flow{candidates[i], 0, 0, false, {}, 0, 0, 0, 0});
    if (flows_.empty()) {
      c_.note(at, "register.failed", -1, state(), "no server entry: nothing to register with");
      return;
    }
    for (std::size_t i = 0; i < flows_.size(); ++i) send(i, at, "boot");
  }

  void on_timer(const PhoneEvent& event) override
  {
    for (std::size_t i = 0; i < flows_.size(); ++i) {
      auto& flow = flows_[i];
      if (event.token == flow.tx) return transaction_done(i, event.at);
      if (event.token == flow.refresh) return send(i, event.at, "renewal");
      if (event.token == flow.retry) return send(i, event.at, "retry after backoff");
      if (event.token == flow.expiry) return expired(i, event.at);
    }
  }

  void on_scenario(const ScenarioEvent& event) override
  {
    const auto t = event.at;
    c_.note(t, event_name(event.kind), event.server, state(),
            event.kind == EventKind::server_down || event.kind == EventKind::server_reply
              ? fmt::format("scenario: {}", mode_text(event.mode))
              : std::string("scenario"));
    if (event.kind == EventKind::phone_reboot) {
      c_.unbind(t);
      boot(t);
      return;
    }
    if (event.kind != EventKind::server_drop || !c_.p.reregister_on_drop) return;
    for (std::size_t i = 0; i < flows_.size(); ++i) {
      const auto& flow = flows_[i];
      if (flow.entry.server == event.server && flow.entry.transport != handset::Transport::udp && flow.until > t &&
          !flow.busy) {
        if (event.server == c_.bound_server()) c_.detect(t);
        send(i, t, "connection dropped (sipfo's assumption)");
      }
    }
  }

  LineState state() const override
  {
    if (c_.bound_server() >= 0) return LineState::registered;
    const bool busy = std::any_of(flows_.begin(), flows_.end(), [](const Flow& f) { return f.busy; });
    return busy ? LineState::registering : LineState::unregistered;
  }

private:
  TransactionRules rules_for(const Flow& flow) const
  {
    TransactionRules rules;
    rules.transport = flow.entry.transport;
    rules.method = Method::register_;
    rules.t1 = c_.p.t1;
    rules.t2 = c_.p.t2;
    rules.timer_f = timer_f(c_.p);
    rules.rtt = c_.p.rtt;
    rules.sampling = c_.p.sampling;
    rules.retries = c_.p.retries;
    rules.retry_interval = c_.p.retry_timeout;
    rules.last_in_list = true; // an entry is a list of one: Timer F (2.2)
    return rules;
  }

  void send(std::size_t i, SimTime t, const char* reason)
  {
    auto& flow = flows_[i];
    flow.refresh = flow.retry = 0;
    if (flow.busy) return;
    const auto rules = rules_for(flow);
    flow.outcome = run_transaction(c_.world, flow.entry.server, t, rules);
    flow.busy = true;
    c_.count_sends(flow.entry.server, t, flow.outcome.sends, rules);
    const bool ok = flow.outcome.how == TransactionOutcome::End::answered && flow.outcome.code < 300;
    if (ok && c_.p.digest) c_.count_sends(flow.entry.server, flow.outcome.end, 1, rules); // C6
    const bool routine = ok && flow.until > t && std::string_view(reason) == "renewal";
    if (c_.recording()) {
      c_.note(t, "register", flow.entry.server, state(),
              fmt::format("{}: REGISTER to {}, server entry {} of {} registered concurrently ({})", reason,
                          c_.name(flow.entry.server), i + 1, flows_.size(), source()),
              routine);
    }
    flow.tx = c_.arm(TimerKind::transaction, flow.outcome.end);
  }

  const char* source() const
  {
    return c_.scenario.model == Model::yealink ? "fallback.redundancy_type 0, Yealink Server Redundancy, REGISTER Fallback"
                                               : "static list, sipfo's assumption";
  }

  void transaction_done(std::size_t i, SimTime t)
  {
    auto& flow = flows_[i];
    flow.tx = 0;
    flow.busy = false;
    const auto& out = flow.outcome;
    if (out.how == TransactionOutcome::End::answered && out.code < 300) {
      registered(i, t);
      return;
    }
    if (c_.bound_server() < 0 || c_.bound_server() == flow.entry.server) c_.detect(t);
    ++flow.failures;
    SimTime wait = retry_wait(flow.failures, c_.p, c_.scenario.jitter, c_.prng);
    wait = std::max(wait, out.retry_after); // RFC 3261 21.5.4
    flow.retry = c_.arm(TimerKind::backoff, t + wait);
    if (c_.recording()) {
      c_.note(t, out.how == TransactionOutcome::End::timeout   ? "timeout"
                 : out.how == TransactionOutcome::End::refused ? "refused"
                                                               : "rejected",
              flow.entry.server, state(),
              fmt::format("{} failed ({} in a row): retry in {} (this entry's own backoff)",
                          c_.name(flow.entry.server), flow.failures, span_text(wait)));
    }
    if (c_.bulk()) fail_in_bulk(i, t + wait);
  }

  // The retries of a failing entry until the world changes, in one step: with a
  // fixed retry wait (no random draw) every retry in a quiet stretch fails the
  // same way, and nothing else reads this entry's retries (its registration's end
  // and expiry timer are untouched), so the cycle "REGISTER, Timer F, wait" is
  // tallied `rounds` times and the retry timer re-armed after the last one.
  void fail_in_bulk(std::size_t i, SimTime retry_at)
  {
    auto& flow = flows_[i];
    if (c_.p.retry_style != RetryStyle::fixed || !c_.detected()) return;
    const auto rules = rules_for(flow);
    const auto out = run_transaction(c_.world, flow.entry.server, retry_at, rules);
    if (out.how == TransactionOutcome::End::answered && out.code < 300) return;
    const SimTime busy = out.end - retry_at;                          // REGISTER to its end
    // The fixed style draws nothing: the same wait for every failure count.
    const SimTime wait = std::max(retry_wait(flow.failures + 1, c_.p, c_.scenario.jitter, c_.prng), out.retry_after);
    const SimTime period = busy + wait;
    // Retries whose REGISTER starts and ends before the world may change.
    const SimTime last_end = c_.quiet_until - 1;
    if (period <= 0 || retry_at + busy > last_end) return;
    const std::int64_t rounds = (last_end - busy - retry_at) / period + 1;
    if (rounds < 2) return;
    c_.count_periodic(flow.entry.server, retry_at, period, rounds, out.sends, rules);
    flow.failures += static_cast<int>(std::min<std::int64_t>(rounds, 1'000'000'000));
    flow.retry = c_.arm(TimerKind::backoff, retry_at + rounds * period);
    c_.add_events(static_cast<std::uint64_t>(rounds) * 2); // a retry timer and a transaction timer each
  }

  void registered(std::size_t i, SimTime t)
  {
    auto& flow = flows_[i];
    const auto& p = c_.p;
    flow.failures = 0;
    const bool renewed = flow.until > t; // a routine refresh of a live registration
    flow.until = t + p.expires;
    const SimTime renew_after = renewal_delay(c_.scenario.model, p, p.expires);
    flow.refresh = c_.arm(TimerKind::refresh, t + renew_after);
    flow.expiry = c_.arm(TimerKind::expiry, flow.until);
    update_working(t, flow.entry.server, "registered");
    if (c_.recording()) {
      c_.note(t, "registered", flow.entry.server, state(),
              fmt::format("{} {}; renew in {} (expires {} - overlap {})", flow.outcome.code,
                          c_.name(flow.entry.server), span_text(renew_after), span_text(p.expires),
                          span_text(p.overlap)),
              renewed);
    }
  }

  void expired(std::size_t i, SimTime t)
  {
    auto& flow = flows_[i];
    flow.expiry = 0;
    if (flow.until > t) return;
    c_.note(t, "unregistered", flow.entry.server, state(), "this entry's registration expired without a renewal");
    update_working(t, flow.entry.server, "'s registration expired");
  }

  // The working server: the first entry whose registration lives (§4.3, §6).
  // `reason`: what happened to `server` ("registered"), formatted only when a move needs it.
  void update_working(SimTime t, int server, std::string_view reason)
  {
    int working = -1;
    std::size_t working_index = flows_.size();
    for (std::size_t i = 0; i < flows_.size(); ++i) {
      if (flows_[i].until > t) {
        working = flows_[i].entry.server;
        working_index = i;
        break;
      }
    }
    const int before = c_.bound_server();
    if (working < 0) {
      if (before >= 0) c_.unbind(t);
      return;
    }
    const int from = before >= 0 ? before : last_working_;
    c_.bind(working, t, flows_[working_index].until);
    if (from >= 0 && from != working) {
      const bool back = working_index < index_of(from);
      const auto why = fmt::format("{}{}{}", c_.name(server), reason.starts_with('\'') ? "" : " ", reason);
      c_.move(t, from, working, why, back);
      c_.note(t, back ? "failback" : "failover", working, state(),
              fmt::format("{}: the working server is now {}, the first entry registered", why, c_.name(working)));
    }
    last_working_ = working;
  }

  std::size_t index_of(int server) const
  {
    for (std::size_t i = 0; i < flows_.size(); ++i) {
      if (flows_[i].entry.server == server) return i;
    }
    return flows_.size();
  }

  PhoneContext& c_;
  std::vector<Flow> flows_;
  int last_working_ = -1;
};

} // namespace

std::unique_ptr<Machine> make_concurrent_machine(PhoneContext& context)
{
  return std::make_unique<ConcurrentMachine>(context);
}

} // namespace sipfo::replay
