// What the phone did once registered, or once every server failed, against the
// replay model's rules: when it renewed (replay::renewal_delay), when it went back
// to its first server (the failback mode), and how long it waited before trying
// again (replay::retry_wait_range, RFC 5626 4.5).
#include "model_check_parts.hpp"

#include "sipfo/replay/backoff.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::wire::model_check_detail {

namespace {

// Renewals and failback timers: within 2 s or 0.5 %; backoff waits within 1 s or 5 %.
constexpr SimTime renewal_slack = 2000;
constexpr double renewal_fraction = 0.005;
constexpr SimTime backoff_slack = 1000;
constexpr double backoff_fraction = 0.05;

std::string where(const SipTransaction& transaction)
{
  return server_text(transaction.server, transaction.protocol);
}

SimTime granted_ms(const Check& check, const SipTransaction& transaction)
{
  const auto* response = final_response(transaction);
  if (response && response->granted_expires) return static_cast<SimTime>(*response->granted_expires) * 1000;
  if (transaction.expires_asked) return static_cast<SimTime>(*transaction.expires_asked) * 1000;
  return check.p.expires;
}

bool unregisters(const SipTransaction& transaction)
{
  return transaction.expires_asked && *transaction.expires_asked == 0;
}

std::string overlap_key(replay::Model model)
{
  switch (model) {
  case replay::Model::rfc3263: return "refresh_margin";
  case replay::Model::spectralink84: return "expires.overlap";
  case replay::Model::pivot: return "register_refresh_max";
  case replay::Model::yealink: return "register_expires_overlap";
  }
  return "";
}

std::string renewal_rule(const Check& check, SimTime granted)
{
  const auto& p = check.p;
  if (check.model == replay::Model::pivot) {
    return fmt::format("min(register_refresh_max {}, granted {} / 2)", span(p.register_refresh_max), span(granted));
  }
  if (granted > p.overlap) return fmt::format("granted {} - overlap {}", span(granted), span(p.overlap));
  return fmt::format("granted {} / 2: the overlap {} is not shorter", span(granted), span(p.overlap));
}

bool sticky(replay::FailbackMode mode) noexcept
{
  return mode == replay::FailbackMode::dns_ttl || mode == replay::FailbackMode::duration;
}

// --- renewal ---------------------------------------------------------------------

// Whether a request to `server` sent after `from` and before `to` failed (no final
// answer, or 503): a REGISTER after it answers that failure, not the renewal timer.
bool failed_between(const PhoneStory& phone, const pcap::Endpoint& server, pcap::CaptureTime from, pcap::CaptureTime to)
{
  return std::any_of(phone.transactions.begin(), phone.transactions.end(), [&](const SipTransaction& tx) {
    if (tx.sends.empty() || !(tx.server == server)) return false;
    const auto at = tx.sends.front().time;
    const auto* response = final_response(tx);
    return at > from && at < to && (!response || response->code == 503);
  });
}

void check_period(const Check& check, const Line& line)
{
  const auto& regs = line.registers;
  for (std::size_t i = 0; i + 1 < regs.size(); ++i) {
    const auto& done = *regs[i];
    const auto& next = *regs[i + 1];
    if (register_end(done) != RegisterEnd::success || unregisters(done) || unregisters(next)) continue;
    if (!directly_after(check.phone, done, next)) continue;
    // To another server: a failback timer or a PIVOT OPTIONS round moved it (checked below).
    if (!same_server(done, next) && (check.model == replay::Model::pivot || sticky(check.p.failback))) continue;
    const auto* response = final_response(done);
    if (failed_between(check.phone, done.server, response->packet.time, next.sends.front().time)) continue;
    const auto granted = granted_ms(check, done);
    const auto expected = replay::renewal_delay(check.model, check.p, granted);
    const auto observed = between(response->packet, next.sends.front());
    if (close(observed, expected, renewal_slack, renewal_fraction)) continue;
    add_finding(check,
                make_finding(util::FindingCode::model_registration_period,
                             fmt::format("registration with {} renewed {} after its {} {}; {}'s model renews after {} ({})",
                                         where(done), span(observed), response->code, response->reason,
                                         model_name(check.model), span(expected), renewal_rule(check, granted)),
                             fmt::format("renewed {} after the {}", span(observed), response->code),
                             fmt::format("{} ({})", span(expected), renewal_rule(check, granted)),
                             knob_source(check.model, overlap_key(check.model)),
                             {response->packet, next.sends.front()}),
                "period " + where(done));
  }
}

// --- failback --------------------------------------------------------------------

struct Stay {
  const Line* line = nullptr;
  std::size_t index = 0; // the successful REGISTER with the server failed over to
};

std::optional<Stay> registered_after(const std::vector<Line>& lines, const ServerChange& change)
{
  for (const auto& line : lines) {
    for (std::size_t i = 0; i < line.registers.size(); ++i) {
      const auto& tx = *line.registers[i];
      if (tx.server == change.to && tx.sends.front().time >= change.packet.time &&
          register_end(tx) == RegisterEnd::success) {
        return Stay{&line, i};
      }
    }
  }
  return std::nullopt;
}

std::optional<SimTime> a_record_ttl(const PhoneStory& phone, const pcap::Endpoint& server)
{
  const auto address = server.address.to_string();
  for (const auto& exchange : phone.dns) {
    if (!exchange.answer) continue;
    for (const auto& record : exchange.answer->records) {
      const auto* data = std::get_if<dns::AddressData>(&record.data);
      if (data && data->address == address) return static_cast<SimTime>(record.ttl) * 1000;
    }
  }
  return std::nullopt;
}

std::string failback_source(const Check& check)
{
  switch (check.model) {
  case replay::Model::spectralink84: return knob_source(check.model, "failOver.failBack.mode");
  case replay::Model::yealink: return knob_source(check.model, "failback_mode");
  case replay::Model::pivot: return knob_source(check.model, "options_interval");
  case replay::Model::rfc3263: break;
  }
  return "sipfo's assumption: every REGISTER starts at the top of the list (RFC 3263 is per request)";
}

void failback_finding(const Check& check, std::string text, std::string observed, std::string expected,
                      std::string source, std::vector<PacketMark> evidence, const pcap::Endpoint& to)
{
  add_finding(check,
              make_finding(util::FindingCode::model_failback, std::move(text), std::move(observed), std::move(expected),
                           std::move(source), std::move(evidence)),
              "failback " + to.to_string());
}

// newRequests, registration (and RFC 3263): the renewal tries the primary first.
void check_renewal_goes_home(const Check& check, const Stay& stay, const pcap::Endpoint& primary)
{
  const auto& regs = stay.line->registers;
  if (stay.index + 1 >= regs.size()) return;
  const auto& there = *regs[stay.index];
  const auto& next = *regs[stay.index + 1];
  if (!directly_after(check.phone, there, next) || unregisters(next)) return;
  if (next.server == primary || !same_server(next, there)) return;
  const auto mode = check.model == replay::Model::rfc3263 ? std::string("RFC 3263 (every request)")
                                                          : replay::failback_mode_name(check.p.failback);
  failback_finding(check,
                   fmt::format("after failing over to {}, the phone renewed with it again {} later; under {} the "
                               "renewal goes to the first server {} first",
                               where(there), span(between(there.sends.front(), next.sends.front())), mode,
                               primary.to_string()),
                   fmt::format("renewed with {}", where(next)),
                   fmt::format("the renewal to {} first ({})", primary.to_string(), mode), failback_source(check),
                   {there.sends.front(), next.sends.front()}, there.server);
}

// DNSTTL and duration: back to the primary when the timer runs out, not before.
void check_timer_failback(const Check& check, const Stay& stay, const pcap::Endpoint& primary, SimTime timer,
                          const std::string& timer_text)
{
  const auto& regs = stay.line->registers;
  const auto& there = *regs[stay.index];
  const auto* response = final_response(there);
  const auto from = response->packet;
  for (std::size_t k = stay.index + 1; k < regs.size(); ++k) {
    const auto& tx = *regs[k];
    if (!(tx.server == primary)) continue;
    // Only a move while the other server worked is a failback.
    if (register_end(*regs[k - 1]) != RegisterEnd::success || !directly_after(check.phone, *regs[k - 1], tx)) return;
    const auto observed = between(from, tx.sends.front());
    if (timer > 0 && close(observed, timer, renewal_slack, renewal_fraction)) return;
    failback_finding(check,
                     fmt::format("went back to {} {} after registering with {}; {}", primary.to_string(), span(observed),
                                 where(there),
                                 timer > 0 ? fmt::format("the failback timer is {} ({})", span(timer), timer_text)
                                           : fmt::format("timeout 0 means never while {} works ({})", where(there), timer_text)),
                     fmt::format("back to the first server after {}", span(observed)),
                     timer > 0 ? fmt::format("back after {} ({})", span(timer), timer_text)
                               : std::string("no failback while the server works"),
                     failback_source(check), {from, tx.sends.front()}, there.server);
    return;
  }
  if (timer <= 0) return;
  const auto waited = between(from.time, last_seen(check.phone));
  if (waited <= timer + std::max<SimTime>(renewal_slack, timer / 50)) return; // the capture ends too early to tell
  failback_finding(check,
                   fmt::format("stayed with {} for {} to the end of the capture; the failback timer sends it back to "
                               "{} after {} ({})",
                               where(there), span(waited), primary.to_string(), span(timer), timer_text),
                   fmt::format("no REGISTER to the first server in {}", span(waited)),
                   fmt::format("back after {} ({})", span(timer), timer_text), failback_source(check), {from},
                   there.server);
}

// PIVOT: the OPTIONS round that finds the primary up moves the registration back.
void check_pivot_failback(const Check& check, const Stay& stay, const pcap::Endpoint& primary)
{
  const auto& there = *stay.line->registers[stay.index];
  const auto since = final_response(there)->packet.time;
  const SipTransaction* ping = nullptr;
  for (const auto& tx : check.phone.transactions) {
    const auto* response = final_response(tx);
    if (tx.method == "OPTIONS" && tx.server == primary && !tx.sends.empty() && tx.sends.front().time > since && response &&
        response->code < 500) {
      ping = &tx;
      break;
    }
  }
  if (!ping) return;
  const auto up_at = final_response(*ping)->packet;
  const auto allowed = replay::timer_f(check.p) + 5000; // the rest of the round, then the REGISTER
  for (const auto* tx : stay.line->registers) {
    if (tx->server == primary && tx->sends.front().time >= since) {
      const auto delay = between(up_at, tx->sends.front());
      if (delay <= allowed) return;
      failback_finding(check,
                       fmt::format("{} answered OPTIONS, but the phone registered back with it only {} later",
                                   primary.to_string(), span(delay)),
                       fmt::format("back {} after the first server answered OPTIONS", span(delay)),
                       fmt::format("back in the same OPTIONS round (within {})", span(allowed)), failback_source(check),
                       {up_at, tx->sends.front()}, there.server);
      return;
    }
  }
  const auto waited = between(up_at.time, last_seen(check.phone));
  if (waited <= allowed) return;
  failback_finding(check,
                   fmt::format("{} answered OPTIONS, but the phone stayed with {} for the {} the capture still shows",
                               primary.to_string(), where(there), span(waited)),
                   "no failback", fmt::format("back in the same OPTIONS round (within {})", span(allowed)),
                   failback_source(check), {up_at}, there.server);
}

// Whether the profile's candidates rank `a` and `b` alike (equal priority: load
// balancing, no server to go back to). Unknown without a lookup in the capture.
bool ranked_alike(const Check& check, const pcap::Endpoint& a, const pcap::Endpoint& b)
{
  const auto find = [&](const pcap::Endpoint& e) -> const handset::Candidate* {
    for (const auto& c : check.candidates) {
      if (c.address == e.address.to_string() && c.port == e.port) return &c;
    }
    return nullptr;
  };
  const auto* x = find(a);
  const auto* y = find(b);
  if (!x || !y) return false;
  // PIVOT prefers by (serverspec rank, priority); the others rank SRV records by priority.
  if (check.model == replay::Model::pivot) return x->rank == y->rank && x->priority == y->priority;
  return x->origin == handset::Origin::srv && y->origin == handset::Origin::srv && x->priority == y->priority;
}

void check_failback(const Check& check, const std::vector<Line>& lines)
{
  const auto& phone = check.phone;
  if (phone.visits.empty() || check.p.static_list) return;
  const auto primary = phone.visits.front().server;
  for (const auto& change : phone.changes) {
    if (change.kind != ServerChangeKind::failover || change.to == primary) continue;
    if (ranked_alike(check, primary, change.to)) continue;
    const auto stay = registered_after(lines, change);
    if (!stay) continue;
    if (check.model == replay::Model::pivot) {
      check_pivot_failback(check, *stay, primary);
      continue;
    }
    const auto mode = check.model == replay::Model::rfc3263 ? replay::FailbackMode::new_requests : check.p.failback;
    switch (mode) {
    case replay::FailbackMode::new_requests:
    case replay::FailbackMode::registration: check_renewal_goes_home(check, *stay, primary); break;
    case replay::FailbackMode::duration:
      check_timer_failback(check, *stay, primary, check.p.failback_timeout,
                           fmt::format("{} {}", replay::failback_mode_name(mode),
                                       knob_source(check.model, check.model == replay::Model::yealink
                                                                    ? "failback_timeout"
                                                                    : "failOver.failBack.timeout")));
      break;
    case replay::FailbackMode::dns_ttl:
      if (const auto ttl = a_record_ttl(phone, change.to)) {
        check_timer_failback(check, *stay, primary, std::max<SimTime>(*ttl, 1000),
                             fmt::format("DNSTTL: the A record's TTL in the capture"));
      }
      break;
    }
  }
}

// --- backoff ---------------------------------------------------------------------

std::string backoff_source(const Check& check)
{
  switch (check.model) {
  case replay::Model::spectralink84:
    return fmt::format("{}; {}; RFC 5626 4.5", knob_source(check.model, "registerRetry.baseTimeOut"),
                       knob_source(check.model, "registerRetry.maxTimeOut"));
  case replay::Model::yealink:
    return check.p.retry_style == replay::RetryStyle::fixed
             ? knob_source(check.model, "reg_fail_retry_interval")
             : fmt::format("{}; {}; RFC 5626 4.5", knob_source(check.model, "reg_failed_retry_min_time"),
                           knob_source(check.model, "reg_failed_retry_max_time"));
  case replay::Model::rfc3263:
    return fmt::format("{}; {}", knob_source(check.model, "backoff_base_all_failed"), knob_source(check.model, "backoff_max"));
  case replay::Model::pivot: break;
  }
  return "";
}

std::string backoff_rule(const Check& check, int failures, replay::WaitRange range)
{
  const auto& p = check.p;
  if (p.retry_style == replay::RetryStyle::fixed) return fmt::format("a fixed {}", span(range.shortest));
  const auto window = replay::backoff_window(failures, p.backoff_base, p.backoff_max);
  return fmt::format("W = min({}, {} x 2^{}) = {}, a wait in [W/2, W]", span(p.backoff_max), span(p.backoff_base),
                     failures, span(window));
}

std::string wait_text(replay::WaitRange range)
{
  return range.shortest == range.longest ? span(range.shortest)
                                         : fmt::format("{} to {}", span(range.shortest), span(range.longest));
}

// Passes over the server list: a pass goes on while a server fails in a way that
// moves to the next (no answer, 503) and the next is new to the pass; it ends at
// a success, a final error, or a return to a server already tried (a new pass).
void check_backoff(const Check& check, const Line& line)
{
  const auto& regs = line.registers;
  const auto pass = passes(line);
  int failures = 0;
  for (std::size_t i = 0; i < regs.size(); ++i) {
    const auto& tx = *regs[i];
    const auto end = register_end(tx);
    if (end == RegisterEnd::success) {
      failures = 0;
      continue;
    }
    const auto* next = i + 1 < regs.size() ? regs[i + 1] : nullptr;
    const bool linked = next && directly_after(check.phone, tx, *next);
    if (next && pass[i + 1] == pass[i]) continue; // the pass goes on (next server, or the challenge answered)
    // Every server of the pass failed here.
    ++failures;
    if (!linked) continue;
    const auto* response = final_response(tx);
    // The model declares the last server dead at Timer F (handset-models 2.2).
    const auto failed_at = response ? response->packet.time
                                    : tx.sends.front().time + std::chrono::milliseconds(replay::timer_f(check.p));
    auto range = replay::retry_wait_range(failures, check.p);
    if (response && response->retry_after) {
      const auto after = static_cast<SimTime>(*response->retry_after) * 1000; // RFC 3261 21.5.4
      range = {std::max(range.shortest, after), std::max(range.longest, after)};
    }
    const auto waited = between(failed_at, next->sends.front().time);
    const auto slack = std::max<SimTime>(backoff_slack, static_cast<SimTime>(static_cast<double>(range.longest) * backoff_fraction));
    if (waited >= range.shortest - slack && waited <= range.longest + slack) continue;
    const auto failed_how = response ? fmt::format("its {} {}", response->code, response->reason)
                                     : fmt::format("Timer F ({} after its first send)", span(replay::timer_f(check.p)));
    add_finding(check,
                make_finding(util::FindingCode::model_retry_backoff,
                             fmt::format("every server failed (pass {} in a row, the last {} at {}); the phone tried again "
                                         "{} later; {}'s model waits {} ({})",
                                         failures, where(tx), failed_how, span(waited), model_name(check.model),
                                         wait_text(range), backoff_rule(check, failures, range)),
                             fmt::format("tried again {} after the last server failed", span(waited)),
                             fmt::format("{} ({})", wait_text(range), backoff_rule(check, failures, range)),
                             backoff_source(check), {tx.sends.front(), next->sends.front()}),
                "backoff " + line.address_of_record);
  }
}

} // namespace

void check_renewal(const Check& check)
{
  const auto lines = register_lines(check.phone);
  // An 84 or Yealink static list registers with every entry at once (handset-models
  // 4.1): its REGISTERs interleave and these sequential rules do not apply.
  const bool sequential = !check.p.static_list;
  for (const auto& line : lines) {
    check_period(check, line);
    if (sequential && check.model != replay::Model::pivot) check_backoff(check, line);
  }
  if (sequential) check_failback(check, lines);
}

} // namespace sipfo::wire::model_check_detail
