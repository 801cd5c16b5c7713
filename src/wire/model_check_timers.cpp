// The retransmission schedule the phone kept (T1, T2, Timer F; the 84's
// retryTimeOut) and how many sends it gave a silent server before the next one
// (retryMaxCount, retry_counts; RFC 3263: Timer F), against replay's transaction
// rules (replay/transaction.hpp), which the simulator runs too.
#include "model_check_parts.hpp"

#include "sipfo/replay/transaction.hpp"

#include <fmt/format.h>

#include <optional>

namespace sipfo::wire::model_check_detail {

namespace {

// A real phone's timers and the capture's time stamps: within 100 ms or 10 %.
constexpr SimTime timer_slack = 100;
constexpr double timer_fraction = 0.10;
// When the next server gets its REGISTER: within 500 ms or 10 %.
constexpr SimTime move_slack = 500;

replay::TransactionRules rules_for(const Check& check, const SipTransaction& transaction)
{
  replay::TransactionRules rules;
  rules.transport = transaction.protocol == pcap::IpProtocol::udp ? handset::Transport::udp : handset::Transport::tcp;
  rules.method = transaction.method == "INVITE" ? replay::Method::invite : replay::Method::register_;
  rules.t1 = check.p.t1;
  rules.t2 = check.p.t2;
  rules.timer_f = replay::timer_f(check.p);
  rules.retries = check.p.retries;
  // The 84's retryTimeOut paces its registration retries (Polycom UC Software 4.1.6 guide p.48).
  if (transaction.method == "REGISTER") rules.retry_interval = check.p.retry_timeout;
  return rules;
}

std::vector<SimTime> send_offsets(const SipTransaction& transaction)
{
  std::vector<SimTime> out;
  for (std::size_t k = 1; k < transaction.sends.size(); ++k) out.push_back(between(transaction.sends.front(), transaction.sends[k]));
  return out;
}

// The offsets the model sends at, from the first retransmission, while below `until`.
std::vector<SimTime> model_offsets(const replay::TransactionRules& rules, std::size_t at_most, SimTime until)
{
  std::vector<SimTime> out;
  for (int k = 1; out.size() < at_most; ++k) {
    const auto offset = replay::send_offset(k, rules);
    if (offset >= until) break;
    out.push_back(offset);
  }
  return out;
}

// The model's offsets for the observed retransmissions: Timer E from T1 doubling
// to T2, but every T2 once a provisional response arrived (RFC 3261 17.1.2.2,
// "Proceeding"), measured from the send before; none at or after Timer F.
std::vector<SimTime> model_schedule(const replay::TransactionRules& rules, const SipTransaction& transaction,
                                    const std::vector<SimTime>& observed)
{
  std::optional<pcap::CaptureTime> provisional;
  for (const auto& response : transaction.responses) {
    if (response.code < 200) {
      provisional = response.packet.time;
      break;
    }
  }
  std::vector<SimTime> out;
  for (std::size_t k = 0; k < observed.size(); ++k) {
    const bool proceeding = provisional && rules.method != replay::Method::invite && rules.retry_interval == 0 &&
                            transaction.sends[k].time >= *provisional;
    const SimTime offset = proceeding ? (k == 0 ? 0 : observed[k - 1]) + rules.t2
                                      : replay::send_offset(static_cast<int>(k) + 1, rules);
    if (offset >= rules.timer_f) break;
    out.push_back(offset);
  }
  return out;
}

std::string pacing_text(const replay::TransactionRules& rules)
{
  if (rules.retry_interval > 0) return fmt::format("every {} (retryTimeOut)", span(rules.retry_interval));
  if (rules.method == replay::Method::invite) return fmt::format("T1 = {} doubling (Timer A)", span(rules.t1));
  return fmt::format("T1 = {} doubling up to T2 = {}", span(rules.t1), span(rules.t2));
}

std::string pacing_source(const Check& check, const replay::TransactionRules& rules)
{
  if (rules.retry_interval > 0) return knob_source(check.model, "retryTimeOut");
  return fmt::format("{}; {}", knob_source(check.model, "t1"), knob_source(check.model, "t2"));
}

// The transaction that follows `transaction` on its line when it is a REGISTER
// to another server started before Timer F ran out (plus slack): a move.
const SipTransaction* next_server_transaction(const Check& check, const std::vector<Line>& lines,
                                              const SipTransaction& transaction)
{
  for (const auto& line : lines) {
    for (std::size_t i = 0; i + 1 < line.registers.size(); ++i) {
      if (line.registers[i] != &transaction) continue;
      const auto* next = line.registers[i + 1];
      if (same_server(*next, transaction) || !directly_after(check.phone, transaction, *next)) return nullptr;
      // Back to a server this pass tried: a new pass after a backoff, not the next server.
      const auto pass = passes(line);
      if (pass[i + 1] != pass[i]) return nullptr;
      const auto gap = between(transaction.sends.front(), next->sends.front());
      return gap <= replay::timer_f(check.p) + 5000 ? next : nullptr;
    }
  }
  return nullptr;
}

// An OPTIONS the server did not answer (a keep-alive or PIVOT's ping), then a
// REGISTER to another server before Timer F ran out: the phone gave that server up
// on this request, under the same retry rule (handset-models 2.2: signalling fails).
const SipTransaction* register_after_silence(const Check& check, const SipTransaction& options)
{
  const auto start = options.sends.front().time;
  for (const auto& tx : check.phone.transactions) {
    if (tx.method != "REGISTER" || tx.sends.empty() || tx.sends.front().time <= start) continue;
    if (between(start, tx.sends.front().time) > replay::timer_f(check.p) + 5000) return nullptr;
    return tx.server == options.server ? nullptr : &tx;
  }
  return nullptr;
}

void check_schedule(const Check& check, const SipTransaction& transaction, const replay::TransactionRules& rules,
                    bool moved)
{
  const auto observed = send_offsets(transaction);
  const auto timer_f = rules.timer_f;
  const auto expected = model_schedule(rules, transaction, observed);
  const auto key = fmt::format("timers {} {}", transaction.method, server_text(transaction.server, transaction.protocol));
  const auto where = fmt::format("{} to {}", transaction.method, server_text(transaction.server, transaction.protocol));
  // Each retransmission interval against the model's.
  for (std::size_t k = 0; k < observed.size(); ++k) {
    const SimTime seen = observed[k] - (k == 0 ? 0 : observed[k - 1]);
    if (k >= expected.size()) {
      // A send at or after Timer F: the transaction should have ended.
      add_finding(check,
                  make_finding(util::FindingCode::model_sip_timers,
                               fmt::format("{}: retransmitted at {} after the first send, past Timer F ({})", where,
                                           span(observed[k]), span(timer_f)),
                               "retransmitted at " + offsets_text(observed),
                               fmt::format("{} ({}), none at or after Timer F = {}", offsets_text(expected),
                                           pacing_text(rules), span(timer_f)),
                               knob_source(check.model, "timer_f"), transaction.sends),
                  key);
      return;
    }
    const SimTime model = expected[k] - (k == 0 ? 0 : expected[k - 1]);
    if (close(seen, model, timer_slack, timer_fraction)) continue;
    const auto t1_seen = observed.front();
    add_finding(check,
                make_finding(util::FindingCode::model_sip_timers,
                             fmt::format("{}: retransmitted at {} (first interval {}); {}'s model retransmits at {} ({})",
                                         where, offsets_text(observed), span(t1_seen), model_name(check.model),
                                         offsets_text(expected), pacing_text(rules)),
                             "retransmitted at " + offsets_text(observed),
                             fmt::format("{} ({})", offsets_text(expected), pacing_text(rules)),
                             pacing_source(check, rules), transaction.sends),
                key);
    return;
  }
  // A transaction that ran out with no answer and no move to another server:
  // its sends should go on until Timer F.
  if (transaction.end != TransactionEnd::timed_out || moved || rules.transport != handset::Transport::udp) return;
  const auto all = model_offsets(rules, 1000, timer_f);
  if (all.empty() || observed.size() >= all.size()) return;
  const SimTime last_seen_offset = observed.empty() ? 0 : observed.back();
  if (close(last_seen_offset, all.back(), timer_slack, timer_fraction)) return;
  add_finding(check,
              make_finding(util::FindingCode::model_sip_timers,
                           fmt::format("{}: stopped after {} send(s), the last at {}, with no answer; the transaction "
                                       "lasts until Timer F = {}, sends at {}",
                                       where, transaction.sends.size(), span(last_seen_offset), span(timer_f),
                                       offsets_text(all)),
                           observed.empty() ? std::string("one send, no retransmission") : "retransmitted at " + offsets_text(observed),
                           fmt::format("{} ({}), Timer F = {}", offsets_text(all), pacing_text(rules), span(timer_f)),
                           knob_source(check.model, "timer_f"), transaction.sends),
              key);
}

std::string retry_source(const Check& check)
{
  switch (check.model) {
  case replay::Model::spectralink84: return knob_source(check.model, "retryMaxCount");
  case replay::Model::yealink: return knob_source(check.model, "retry_counts");
  case replay::Model::rfc3263:
  case replay::Model::pivot: break;
  }
  return fmt::format("RFC 3263 4.3 (next server after a timeout); {}", knob_source(check.model, "timer_f"));
}

std::string sends_text(std::size_t sends)
{
  return sends == 1 ? std::string("1 send") : fmt::format("{} sends", sends);
}

// A REGISTER over UDP that got no final answer, then a REGISTER to another server:
// the sends and the instant against the model's rule (handset-models 2.2, R1).
void check_retries(const Check& check, const SipTransaction& transaction, const SipTransaction& next,
                   replay::TransactionRules rules)
{
  rules.last_in_list = false; // it went on to another server, so this one was not the last
  const auto give_up = replay::give_up_offset(rules);
  const auto expected_sends = 1 + model_offsets(rules, 1000, give_up).size();
  const auto moved_at = between(transaction.sends.front(), next.sends.front());
  const auto sends = transaction.sends.size();
  const bool count_ok = sends == expected_sends;
  const bool time_ok = close(moved_at, give_up, move_slack, timer_fraction);
  if (count_ok && time_ok) return;
  const auto where = server_text(transaction.server, transaction.protocol);
  const auto to = server_text(next.server, next.protocol);
  std::string rule;
  if (rules.retries < 0) {
    rule = fmt::format("{}'s rule is Timer F: {} over {}", model_name(check.model), sends_text(expected_sends), span(give_up));
  } else {
    rule = fmt::format("{}'s documented rule is {} {}: {}, the next server at {}", model_name(check.model),
                       rules.retries, rules.retries == 1 ? "retry" : "retries", sends_text(expected_sends), span(give_up));
    if (count_ok && !time_ok) rule += " (the instant is sipfo's assumption: when the next retransmission would be due)";
  }
  std::vector<PacketMark> evidence = transaction.sends;
  evidence.push_back(next.sends.front());
  add_finding(check,
              make_finding(util::FindingCode::model_retry_count,
                           fmt::format("{} to {} went unanswered and the phone registered with the next server ({}) "
                                       "after {}, at {}; {}",
                                       transaction.method, where, to,
                                       sends_text(sends), span(moved_at), rule),
                           fmt::format("went to the next server after {}, at {}", sends_text(sends), span(moved_at)),
                           rules.retries < 0
                             ? fmt::format("after {}, at {} (Timer F)", sends_text(expected_sends), span(give_up))
                             : fmt::format("after {} {} ({}), at {}", rules.retries,
                                           rules.retries == 1 ? "retry" : "retries", sends_text(expected_sends),
                                           span(give_up)),
                           retry_source(check), std::move(evidence)),
              "retries " + where);
}

} // namespace

void check_timers(const Check& check)
{
  const auto lines = register_lines(check.phone);
  for (const auto& transaction : check.phone.transactions) {
    if (transaction.sends.empty()) continue;
    const auto rules = rules_for(check, transaction);
    const bool unanswered = final_response(transaction) == nullptr;
    const SipTransaction* next = nullptr;
    if (unanswered && transaction.method == "REGISTER") next = next_server_transaction(check, lines, transaction);
    if (unanswered && transaction.method == "OPTIONS") next = register_after_silence(check, transaction);
    // Over TCP and TLS the phone does not retransmit (RFC 3261 17.1.2.2) and the
    // vendors' retry counts do not apply (handset-models R2): nothing to time.
    if (transaction.protocol != pcap::IpProtocol::udp) continue;
    check_schedule(check, transaction, rules, next != nullptr);
    if (next) check_retries(check, transaction, *next, rules);
  }
}

} // namespace sipfo::wire::model_check_detail
