// The sequential-registration machine (handset-models §3, §4.3, §6):
//   RESOLVE -> TRY(k) -> REGISTERED(k) -> renewal -> RESOLVE ...
//   TRY(k) fails -> TRY(k+1); list exhausted -> BACKOFF(n) -> RESOLVE -> TRY(primary).

#include "registrar_machine.hpp"


#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace sipfo::replay {

namespace {

enum class Pass : std::uint8_t {
  none,
  boot,      // C1: the first REGISTER after boot
  renewal,   // refresh before expiry (2.6)
  retry,     // after a backoff (2.5)
  failback,  // S84-A4: the failback timer fired, one REGISTER to the primary
  reconnect, // Q11: the server dropped our TCP/TLS connection
};

const char* pass_reason(Pass pass)
{
  switch (pass) {
  case Pass::boot: return "boot";
  case Pass::renewal: return "renewal";
  case Pass::retry: return "retry after backoff";
  case Pass::failback: return "failback timer";
  case Pass::reconnect: return "connection dropped (sipfo's assumption)";
  case Pass::none: break;
  }
  return "";
}

std::string span(SimTime ms)
{
  return span_text(ms);
}

bool sticky(FailbackMode mode) noexcept
{
  return mode == FailbackMode::dns_ttl || mode == FailbackMode::duration;
}

// RFC 2782 "Usage rules" inside each run of equal (group, priority): weight-0
// records first, running sums, r uniform in [0, sum], first with sum >= r.
void reorder_weighted(std::vector<SimCandidate>& list, Prng& prng)
{
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = start + 1;
    while (end < list.size() && list[end].group == list[start].group && list[end].priority == list[start].priority) ++end;
    std::vector<SimCandidate> pool(list.begin() + static_cast<std::ptrdiff_t>(start),
                                   list.begin() + static_cast<std::ptrdiff_t>(end));
    std::stable_partition(pool.begin(), pool.end(), [](const SimCandidate& c) { return c.weight == 0; });
    for (std::size_t out = start; out < end; ++out) {
      SimTime sum = 0;
      for (const auto& c : pool) sum += c.weight;
      const SimTime r = prng.uniform(0, sum);
      SimTime running = 0;
      auto pick = pool.begin();
      for (auto it = pool.begin(); it != pool.end(); ++it) {
        running += it->weight;
        if (running >= r) {
          pick = it;
          break;
        }
      }
      list[out] = *pick;
      pool.erase(pick);
    }
    start = end;
  }
}

class RegistrarMachine final : public Machine {
public:
  RegistrarMachine(PhoneContext& context, const RegistrarRules& rules) : c_(context), rules_(rules) {}

  void boot(SimTime at) override
  {
    reset();
    const auto& p = c_.p;
    SimTime wait = 0;
    if (p.surge_prevention > 0) {
      wait = c_.scenario.jitter == Jitter::min   ? 0
             : c_.scenario.jitter == Jitter::max ? p.surge_prevention
                                                 : c_.prng.uniform(0, p.surge_prevention);
    }
    if (wait > 0) {
      c_.note(at, "boot", -1, state(),
              fmt::format("reg_surge_prevention: first REGISTER after {} (Yealink Administrator's Guide)", span(wait)));
      boot_ = c_.arm(TimerKind::boot, at + wait);
    } else {
      start_pass(at, Pass::boot);
    }
  }

  void on_timer(const PhoneEvent& event) override
  {
    const auto t = event.at;
    switch (event.kind) {
    case TimerKind::transaction:
      if (event.token == tx_) transaction_done(t);
      break;
    case TimerKind::expiry:
      if (event.token == expiry_) expired(t);
      break;
    case TimerKind::refresh:
      if (event.token == refresh_) start_pass(t, Pass::renewal);
      break;
    case TimerKind::failback:
      if (event.token == failback_) failback_due(t);
      break;
    case TimerKind::backoff:
      if (event.token == backoff_) start_pass(t, Pass::retry);
      if (event.token == resume_) {
        resume_ = 0;
        try_current(t);
      }
      break;
    case TimerKind::boot:
      if (event.token == boot_) start_pass(t, Pass::boot);
      break;
    case TimerKind::tick:
    case TimerKind::requery: break;
    }
  }

  void on_scenario(const ScenarioEvent& event) override
  {
    const auto t = event.at;
    c_.note(t, event_name(event.kind), event.server, state(), scenario_why(event));
    if (event.kind == EventKind::phone_reboot) {
      c_.unbind(t);
      boot(t);
      return;
    }
    if (event.kind == EventKind::server_drop && event.server == c_.bound_server() && c_.p.reregister_on_drop &&
        bound_transport_ != handset::Transport::udp) {
      c_.detect(t);
      start_pass(t, Pass::reconnect);
    }
  }

  LineState state() const override
  {
    if (c_.bound_server() >= 0) return LineState::registered;
    return pass_ != Pass::none ? LineState::registering : LineState::unregistered;
  }

private:
  void reset()
  {
    tx_ = refresh_ = expiry_ = failback_ = backoff_ = boot_ = resume_ = 0;
    pass_ = Pass::none;
    list_.clear();
    list_until_ = -1;
    failures_ = 0;
    home_ = -1;
    failback_pending_ = false;
  }

  static std::string scenario_why(const ScenarioEvent& event)
  {
    switch (event.kind) {
    case EventKind::server_down:
    case EventKind::server_reply: return fmt::format("scenario: {}", mode_text(event.mode));
    case EventKind::net_down: return "scenario: every server unreachable, DNS times out (sipfo's assumption)";
    case EventKind::dns_change: return fmt::format("scenario: zone {} from now on", event.zone);
    case EventKind::phone_reboot: return "scenario: the phone restarts and registers as at boot";
    default: return "scenario";
    }
  }

  // --- RESOLVE -------------------------------------------------------------
  void start_pass(SimTime t, Pass pass)
  {
    if (pass_ != Pass::none) return; // a pass under way ends in its own renewal or backoff
    pass_ = pass;
    first_failed_ = -1;
    retry_after_ = 0;
    if (t >= list_until_) {
      const auto& epoch = c_.world.epoch_at(t);
      if (epoch.uses_dns && !epoch.dns_up) {
        const SimTime delay = c_.p.dns_timeout * std::max(1, epoch.queries);
        c_.note(t, "dns.query", -1, state(),
                fmt::format("{}: cache expired, DNS unreachable: {} queries time out ({} each)", pass_reason(pass),
                            std::max(1, epoch.queries), span(c_.p.dns_timeout)));
        dns_failed_ = true;
        tx_ = c_.arm(TimerKind::transaction, t + delay);
        return;
      }
      list_ = epoch.candidates;
      if (rules_.reorder_each_resolution) reorder_weighted(list_, c_.prng);
      // handset::has_preferred_server, as resolve decides equal_priority_no_failback;
      // rfc3263 draws a new order for every resolution instead (RFC 2782).
      preferred_ = rules_.reorder_each_resolution || epoch.preferred;
      list_until_ = epoch.cache_ttl == never ? never : t + epoch.cache_ttl;
      if (epoch.uses_dns && c_.recording()) {
        c_.note(t, "dns.query", -1, state(),
                fmt::format("{} candidate(s); cached for {} (RFC 3263 4, smallest TTL)", list_.size(),
                            epoch.cache_ttl == never ? std::string("ever") : span(epoch.cache_ttl)),
                true);
      }
    }
    if (list_.empty()) {
      c_.note(t, "register.failed", -1, state(), "480: no usable DNS record, nothing to try (CS-14-17 Failed Registration Log)");
      pass_failed(t);
      return;
    }
    order_.resize(list_.size());
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    const auto home = index_of(home_);
    if (pass == Pass::failback) {
      order_ = {0};
    } else if (((pass == Pass::renewal && sticky(c_.p.failback)) || !preferred_) && home && *home != 0) {
      std::rotate(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(*home),
                  order_.begin() + static_cast<std::ptrdiff_t>(*home) + 1);
    }
    pos_ = 0;
    try_current(t);
  }

  std::optional<std::size_t> index_of(int server) const
  {
    for (std::size_t i = 0; i < list_.size(); ++i) {
      if (list_[i].server == server) return i;
    }
    return std::nullopt;
  }

  // --- TRY(k) --------------------------------------------------------------
  TransactionRules rules_for(const SimCandidate& candidate) const
  {
    TransactionRules rules;
    rules.transport = candidate.transport;
    rules.method = Method::register_;
    rules.t1 = c_.p.t1;
    rules.t2 = c_.p.t2;
    rules.timer_f = timer_f(c_.p);
    rules.rtt = c_.p.rtt;
    rules.sampling = c_.p.sampling;
    rules.retries = c_.p.retries;
    rules.retry_interval = c_.p.retry_timeout;
    // The vendors' rule: the last server of the list gets the full Timer F (2.2).
    rules.last_in_list = pos_ + 1 == order_.size() && pass_ != Pass::failback;
    return rules;
  }

  void try_current(SimTime t)
  {
    const auto& candidate = list_[order_[pos_]];
    const auto rules = rules_for(candidate);
    outcome_ = run_transaction(c_.world, candidate.server, t, rules);
    tx_rules_ = rules;
    tx_server_ = candidate.server;
    tx_transport_ = candidate.transport;
    c_.count_sends(candidate.server, t, outcome_.sends, rules);
    const bool ok = outcome_.how == TransactionOutcome::End::answered && outcome_.code < 300;
    if (ok && c_.p.digest) c_.count_sends(candidate.server, outcome_.end, 1, rules); // C6: the challenged one
    const bool routine = pass_ == Pass::renewal && pos_ == 0 && ok && candidate.server == c_.bound_server();
    if (c_.recording()) c_.note(t, "register", candidate.server, pass_ == Pass::none ? state() : (c_.bound_server() >= 0 ? LineState::registered : LineState::registering),
            fmt::format("{}: REGISTER to {}{}", pass_reason(pass_), c_.name(candidate.server),
                        pos_ == 0 ? pass_first_why() : std::string(", the next server (RFC 3263 4.3)")),
            routine);
    tx_ = c_.arm(TimerKind::transaction, outcome_.end);
  }

  std::string pass_first_why() const
  {
    switch (pass_) {
    case Pass::renewal:
      return order_.front() == 0 ? fmt::format(", the primary first ({})", rules_.renewal_rule)
                                 : fmt::format(", the last used server ({} {})", failback_mode_name(c_.p.failback),
                                               rules_.renewal_rule);
    case Pass::failback: return fmt::format(" ({})", rules_.failback_rule);
    case Pass::retry: return ", the most preferred first (sipfo's assumption)";
    default: return ", the most preferred first";
    }
  }

  void transaction_done(SimTime t)
  {
    tx_ = 0;
    if (dns_failed_) {
      dns_failed_ = false;
      c_.note(t, "register.failed", -1, state(), "480: no DNS answer (CS-14-17 Failed Registration Log)");
      pass_failed(t);
      return;
    }
    const int server = tx_server_;
    const auto& out = outcome_;
    if (out.how == TransactionOutcome::End::answered && out.code < 300) {
      registered(t, server);
      return;
    }
    const bool next_server = out.how != TransactionOutcome::End::answered || out.code == 503;
    if (next_server && (server == c_.bound_server() || c_.bound_server() < 0)) c_.detect(t);
    if (first_failed_ < 0) first_failed_ = server;
    retry_after_ = std::max(retry_after_, out.retry_after);
    const auto why = failure_why(out);
    if (pass_ == Pass::failback) {
      pass_ = Pass::none;
      c_.note(t, event_for(out), server, state(), why + "; stays on " + c_.name(home_) + ", failback timer re-armed (sipfo's assumption)");
      arm_failback(t);
      return;
    }
    if (next_server && pos_ + 1 < order_.size()) {
      if (successive_wait(t, server)) {
        c_.note(t, event_for(out), server, state(),
                fmt::format("{}: the fallback server once this registration expires at {} (Yealink Server Redundancy, REGISTER Fallback)", why,
                            span(c_.bound_until())));
        return;
      }
      c_.note(t, event_for(out), server, state(), why + ": next server (RFC 3263 4.3)");
      ++pos_;
      try_current(t);
      return;
    }
    c_.note(t, event_for(out), server, state(),
            next_server ? why + ": no server left" : why + ": a final answer other than 503 ends the attempt (RFC 3263 4.3; sipfo's assumption)");
    pass_failed(t);
  }

  static const char* event_for(const TransactionOutcome& out)
  {
    switch (out.how) {
    case TransactionOutcome::End::timeout: return "timeout";
    case TransactionOutcome::End::refused: return "refused";
    case TransactionOutcome::End::answered: break;
    }
    return "rejected";
  }

  std::string failure_why(const TransactionOutcome& out) const
  {
    switch (out.how) {
    case TransactionOutcome::End::refused:
      return "ICMP unreachable / TCP reset: a local 503 (RFC 3261 8.1.3.1)";
    case TransactionOutcome::End::timeout:
      if (tx_rules_.transport != handset::Transport::udp) {
        return fmt::format("no answer over {} within Timer F {} (sipfo's assumption)", handset::transport_name(tx_rules_.transport),
                           span(tx_rules_.timer_f));
      }
      if (tx_rules_.last_in_list || tx_rules_.retries < 0) {
        return fmt::format("no answer to {} sends, Timer F {} (RFC 3261 17.1.2.2){}", out.sends, span(tx_rules_.timer_f),
                           tx_rules_.last_in_list && tx_rules_.retries >= 0 ? ", last server" : "");
      }
      return fmt::format("no answer to {} sends, given up at {} ({})", out.sends, span(give_up_offset(tx_rules_)),
                         rules_.retry_rule);
    case TransactionOutcome::End::answered: break;
    }
    if (out.retry_after > 0) return fmt::format("{} from the server, Retry-After {}", out.code, span(out.retry_after));
    return fmt::format("{} from the server", out.code);
  }

  // Yealink successive fallback (S003): the phone moves to the fallback server only
  // once the working server's registration has expired; the pass resumes then.
  bool successive_wait(SimTime t, int server)
  {
    if (rules_.model != Model::yealink || !c_.p.static_list || c_.p.redundancy_type != 1) return false;
    if (server != c_.bound_server() || c_.bound_until() <= t) return false;
    ++pos_;
    resume_ = c_.arm(TimerKind::backoff, c_.bound_until(), 1);
    return true;
  }

  // --- BACKOFF -------------------------------------------------------------
  void pass_failed(SimTime t)
  {
    pass_ = Pass::none;
    ++failures_;
    SimTime wait = retry_wait(failures_, c_.p, c_.scenario.jitter, c_.prng);
    std::string why;
    if (c_.p.retry_style == RetryStyle::fixed) {
      why = fmt::format("every server failed: retry in {} ({})", span(wait), rules_.backoff_rule);
    } else {
      const auto window = backoff_window(failures_, c_.p.backoff_base, c_.p.backoff_max);
      why = fmt::format("every server failed ({} in a row): W = min({}, {} x 2^{}) = {}, wait {} (jitter {}; {})", failures_,
                        span(c_.p.backoff_max), span(c_.p.backoff_base), failures_, span(window), span(wait),
                        jitter_name(c_.scenario.jitter), rules_.backoff_rule);
    }
    if (retry_after_ > wait) {
      wait = retry_after_;
      why += fmt::format("; Retry-After lengthens it to {} (RFC 3261 21.5.4)", span(wait));
    }
    backoff_ = c_.arm(TimerKind::backoff, t + wait);
    c_.note(t, "backoff", -1, state(), why);
  }

  // --- REGISTERED(k) -------------------------------------------------------
  void registered(SimTime t, int server)
  {
    const Pass pass = pass_;
    pass_ = Pass::none;
    failures_ = 0;
    const int previous = c_.bound_server() >= 0 ? c_.bound_server() : (home_ >= 0 ? home_ : first_failed_);
    const auto& p = c_.p;
    c_.bind(server, t, t + p.expires);
    bound_transport_ = tx_transport_;
    const SimTime renew_after = renewal_delay(rules_.model, p, p.expires);
    refresh_ = c_.arm(TimerKind::refresh, t + renew_after);
    expiry_ = c_.arm(TimerKind::expiry, t + p.expires);
    const bool moved = previous >= 0 && previous != server;
    if (moved) {
      const auto from = index_of(previous), to = index_of(server);
      const bool back = from && to && *to < *from;
      std::string reason = back ? (pass == Pass::failback ? rules_.failback_rule : "renewal tried the primary first")
                                : fmt::format("{} failed", c_.name(first_failed_ >= 0 ? first_failed_ : previous));
      c_.move(t, previous, server, reason, back);
    }
    const bool primary = !list_.empty() && list_.front().server == server;
    if (server != home_) {
      home_ = server;
      failback_ = 0;
      if (!primary && preferred_) arm_failback(t);
    }
    if (failback_pending_ && !primary) {
      failback_pending_ = false;
      start_pass(t, Pass::failback);
      return;
    }
    if (c_.recording()) c_.note(t, moved ? (index_of(previous) && index_of(server) && *index_of(server) < *index_of(previous) ? "failback" : "failover")
                     : "registered",
            server, state(),
            fmt::format("{} {}; renew in {} (expires {} - overlap {})", outcome_.code, c_.name(server),
                        span(renew_after), span(p.expires), span(p.overlap)),
            !moved && pass == Pass::renewal && pos_ == 0);
  }

  void arm_failback(SimTime t)
  {
    const auto& p = c_.p;
    SimTime interval = 0;
    if (p.failback == FailbackMode::duration) interval = p.failback_timeout; // 0 = never until k fails
    if (p.failback == FailbackMode::dns_ttl) {
      const auto home = index_of(home_);
      interval = home ? std::max<SimTime>(list_[*home].a_ttl, 1000) : 0;
    }
    failback_ = interval > 0 ? c_.arm(TimerKind::failback, t + interval) : 0;
  }

  void failback_due(SimTime t)
  {
    failback_ = 0;
    if (pass_ != Pass::none) {
      failback_pending_ = true; // after the pass under way
      return;
    }
    start_pass(t, Pass::failback);
  }

  void expired(SimTime t)
  {
    expiry_ = 0;
    if (c_.bound_server() < 0 || c_.bound_until() > t) return;
    const int server = c_.bound_server();
    c_.unbind(t);
    c_.note(t, "unregistered", server, state(), "the binding expired without a renewal");
  }

  PhoneContext& c_;
  RegistrarRules rules_;
  std::vector<SimCandidate> list_;
  SimTime list_until_ = -1;
  std::vector<std::size_t> order_;
  bool preferred_ = true; // false: no primary to fail back to (load balancing)
  std::size_t pos_ = 0;
  Pass pass_ = Pass::none;
  int failures_ = 0;
  int home_ = -1;         // the server of the last successful registration
  int first_failed_ = -1; // the first server that failed in this pass
  SimTime retry_after_ = 0;
  bool dns_failed_ = false;
  bool failback_pending_ = false;
  handset::Transport bound_transport_ = handset::Transport::udp;
  // The transaction under way.
  TransactionOutcome outcome_;
  TransactionRules tx_rules_;
  int tx_server_ = -1;
  handset::Transport tx_transport_ = handset::Transport::udp;
  std::uint32_t tx_ = 0, refresh_ = 0, expiry_ = 0, failback_ = 0, backoff_ = 0, boot_ = 0, resume_ = 0;
};

} // namespace

std::unique_ptr<Machine> make_registrar_machine(PhoneContext& context, const RegistrarRules& rules)
{
  return std::make_unique<RegistrarMachine>(context, rules);
}

} // namespace sipfo::replay
