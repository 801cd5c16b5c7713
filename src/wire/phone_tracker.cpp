#include "phone_tracker.hpp"

#include "connection_check.hpp"
#include "register_outcome.hpp"
#include "retransmit_schedule.hpp"
#include "story_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::wire {

namespace {

using util::FindingCode;

constexpr std::size_t max_servers = 256;

// What the next visit needs of a REGISTER transaction: everything but the
// strings, which a copy per REGISTER would allocate anew.
SipTransaction brief(const SipTransaction& transaction)
{
  SipTransaction copy;
  copy.client = transaction.client;
  copy.server = transaction.server;
  copy.protocol = transaction.protocol;
  copy.sends = transaction.sends;
  if (const SipResponseSeen* final = final_response(transaction)) copy.responses = {*final};
  copy.has_credentials = transaction.has_credentials;
  copy.expires_asked = transaction.expires_asked;
  copy.end = transaction.end;
  return copy;
}

} // namespace

PhoneTracker::PhoneTracker(const pcap::Address& phone, const StoryLimits& limits)
    : dns(limits.first_kept, limits.last_kept),
      sip([this](SipTransaction&& transaction) { committed(std::move(transaction)); }),
      tcp([this](ConnectionAttempt&& attempt) { committed(std::move(attempt)); }),
      phone_(phone),
      transactions_(limits.first_kept, limits.last_kept),
      connections_(limits.first_kept, limits.last_kept),
      visits_(limits.first_kept, limits.last_kept),
      changes_(limits.first_kept, limits.last_kept)
{
}

void PhoneTracker::incomplete(const PacketMark& packet)
{
  ++incomplete_count_;
  if (incomplete_evidence_.size() < FindingList::max_evidence) incomplete_evidence_.push_back(packet);
}

void PhoneTracker::fail(const PacketMark& packet, FindingCode cause)
{
  if (!last_failure_ || last_failure_->packet.time <= packet.time) last_failure_ = Failure{packet, cause};
}

void PhoneTracker::committed(SipTransaction&& transaction)
{
  ++sip_transactions_;
  check_schedule(transaction);
  if (transaction.method == "REGISTER") register_committed(transaction);
  transactions_.push(std::move(transaction));
}

void PhoneTracker::check_schedule(const SipTransaction& transaction)
{
  auto comparison = compare_retransmissions(transaction);
  if (!comparison || comparison->follows) return;
  StoryFinding finding;
  finding.code = FindingCode::sip_retransmit_schedule;
  finding.observed = "retransmitted at " + seconds_list(comparison->observed);
  finding.expected = fmt::format("{} (T1 = 500 ms doubling{}; each interval within 100 ms or 10 %)",
                                 seconds_list(comparison->expected),
                                 transaction.method == "INVITE" ? "" : ", capped at T2 = 4 s");
  finding.text = fmt::format("{} to {} over UDP: {}; RFC 3261 schedules {}", transaction.method,
                             transaction.server.to_string(), finding.observed, seconds_list(comparison->expected));
  finding.source = fmt::format("{}; the tolerance for capture jitter is sipfo's assumption", comparison->section);
  finding.evidence.assign(transaction.sends.begin(),
                          transaction.sends.begin() + static_cast<std::ptrdiff_t>(
                                                          std::min(transaction.sends.size(), FindingList::max_evidence)));
  findings_.add(std::move(finding), transaction.server.to_string());
}

void PhoneTracker::register_committed(const SipTransaction& transaction)
{
  ++registers_;
  if (register_targets_.size() < max_servers &&
      std::none_of(register_targets_.begin(), register_targets_.end(),
                   [&](const auto& target) { return target.first.address == transaction.server.address; }))
    register_targets_.emplace_back(transaction.server, transaction.sends.front());
  visit(transaction);
  last_register_result_ = register_result(transaction);
  switch (last_register_result_) {
  case RegisterResult::registered:
    last_decisive_success_ = true;
    break;
  case RegisterResult::failed: {
    ++registrations_failed_;
    const FindingCode cause = failure_cause(transaction);
    const SipResponseSeen* final = final_response(transaction);
    const PacketMark at = final ? final->packet : transaction.sends.back();
    fail(at, cause);
    last_decisive_success_ = false;
    last_decisive_failure_ = Failure{at, cause};
    StoryFinding finding;
    finding.code = cause;
    if (final) {
      finding.observed = final_text(*final);
      finding.text = fmt::format("REGISTER to {}: {}{}", transaction.server.to_string(), final_text(*final),
                                 transaction.has_credentials ? " after credentials were sent" : "");
    } else {
      finding.observed = fmt::format("no final response to {} send{} in {} s", transaction.sends.size(),
                                     transaction.sends.size() == 1 ? "" : "s", short_seconds(rfc3261_timer_f));
      finding.text = fmt::format("REGISTER to {}: {}", transaction.server.to_string(), finding.observed);
    }
    finding.evidence = {transaction.sends.front()};
    if (final) finding.evidence.push_back(final->packet);
    findings_.add(std::move(finding), transaction.server.to_string());
    break;
  }
  case RegisterResult::unregistered:
  case RegisterResult::negotiating:
  case RegisterResult::unfinished: break;
  }
}

// The capture ended before Timer F of `last`, but the phone had already gone
// to another server at `next`: for the phone that server did not answer, so it
// is the failure the failover recovered from (not counted in
// registrations_failed, which counts transactions that ended on the wire).
void PhoneTracker::abandoned(const SipTransaction& last, const PacketMark& next)
{
  fail(last.sends.back(), FindingCode::server_timeout_failover);
  StoryFinding finding;
  finding.code = FindingCode::server_timeout_failover;
  finding.observed = fmt::format("no answer to {} send{}; the phone moved on after {} s", last.sends.size(),
                                 last.sends.size() == 1 ? "" : "s", short_seconds(next.time - last.sends.front().time));
  finding.text = fmt::format("REGISTER to {}: {}", last.server.to_string(), finding.observed);
  finding.evidence = {last.sends.front(), next};
  findings_.add(std::move(finding), last.server.to_string());
}

void PhoneTracker::visit(const SipTransaction& transaction)
{
  ServerVisit* current = visits_.back();
  if (current != nullptr && current->server == transaction.server && current->protocol == transaction.protocol) {
    ++current->transactions;
    current->last = std::max(current->last, last_packet(transaction), [](const auto& a, const auto& b) { return a.time < b.time; });
    current->end = transaction.end;
    const SipResponseSeen* final = final_response(transaction);
    current->final_code = final ? final->code : 0;
    last_register_ = brief(transaction);
    return;
  }
  const PacketMark first = transaction.sends.front();
  auto rank = [&](const pcap::Endpoint& server, pcap::IpProtocol protocol) {
    auto found = std::find(server_order_.begin(), server_order_.end(), std::make_pair(server, protocol));
    return found == server_order_.end() ? server_order_.size() : static_cast<std::size_t>(found - server_order_.begin());
  };
  if (current != nullptr && last_register_) {
    const SipTransaction& last = *last_register_;
    ServerChange change;
    change.packet = first;
    change.from = current->server;
    change.to = transaction.server;
    change.why = why_left(last, first);
    const bool left_failed = register_result(last) == RegisterResult::failed || !final_response(last);
    if (!final_response(last) && last.end == TransactionEnd::unfinished) abandoned(last, first);
    if (left_failed) change.kind = ServerChangeKind::failover;
    else if (rank(transaction.server, transaction.protocol) < rank(current->server, current->protocol))
      change.kind = ServerChangeKind::failback;
    else change.kind = ServerChangeKind::move;
    // RFC 3261 17.1.2.2: without a final response the transaction lasts until
    // Timer F; a phone that went elsewhere before it ran out gave up early.
    const auto waited = first.time - last.sends.front().time;
    if (!final_response(last) && waited + schedule_tolerance(rfc3261_timer_f) < rfc3261_timer_f) {
      StoryFinding finding;
      finding.code = FindingCode::server_abandoned_early;
      finding.observed = fmt::format("went to {} after {} send{} in {} s without an answer", transaction.server.to_string(),
                                     last.sends.size(), last.sends.size() == 1 ? "" : "s", short_seconds(waited));
      finding.expected = fmt::format("kept the transaction until Timer F, 64*T1 = {} s", short_seconds(rfc3261_timer_f));
      finding.text = fmt::format("REGISTER to {}: {}; RFC 3261 waits until Timer F ({} s)", last.server.to_string(),
                                 finding.observed, short_seconds(rfc3261_timer_f));
      finding.source = "RFC 3261 17.1.2.2 (Timer F); RFC 3263 4.3; 10 % tolerance: sipfo's assumption";
      finding.evidence = {last.sends.front(), last.sends.back(), first};
      findings_.add(std::move(finding), last.server.to_string());
    }
    changes_.push(std::move(change));
  }
  if (server_order_.size() < max_servers && rank(transaction.server, transaction.protocol) == server_order_.size())
    server_order_.emplace_back(transaction.server, transaction.protocol);
  ServerVisit next;
  next.server = transaction.server;
  next.protocol = transaction.protocol;
  next.first = first;
  next.last = last_packet(transaction);
  next.transactions = 1;
  next.end = transaction.end;
  const SipResponseSeen* final = final_response(transaction);
  next.final_code = final ? final->code : 0;
  visits_.push(std::move(next));
  last_register_ = brief(transaction);
}

void PhoneTracker::committed(ConnectionAttempt&& attempt)
{
  if (attempt.tls && attempt.server_hello) tls_established_ = true;
  if (auto finding = connection_finding(attempt, end_)) {
    fail(attempt.syn, finding->code);
    findings_.add(std::move(*finding), attempt.server.to_string());
  }
  connections_.push(std::move(attempt));
}

std::optional<FindingCode> PhoneTracker::cause_without_register() const
{
  if (findings_.has(FindingCode::tls_handshake_failed)) return FindingCode::tls_handshake_failed;
  if (findings_.has(FindingCode::sip_transport_failure)) return FindingCode::sip_transport_failure;
  const DnsSummary& summary = dns.summary();
  if (summary.exchanges > 0 && summary.noerror == 0) {
    const std::uint64_t answered = summary.nodata + summary.nxdomain + summary.failed;
    if (answered == 0 || summary.failed > 0) return FindingCode::dns_unreachable;
    return summary.nodata > 0 ? FindingCode::dns_records_missing : FindingCode::dns_name_missing;
  }
  if (sip_transactions_ == 0) return FindingCode::capture_no_sip;
  return std::nullopt;
}

PhoneStory PhoneTracker::finish(pcap::CaptureTime end, std::uint64_t capture_notes,
                                const std::vector<PacketMark>& capture_evidence)
{
  end_ = end;
  dns.advance(end, true);
  sip.advance(end, true);
  tcp.finish();
  PhoneStory story;
  story.phone = phone_;
  story.registers = registers_;
  story.registrations_failed = registrations_failed_;
  // server_not_in_dns: only when the phone's DNS is in the capture at all.
  const DnsSummary& summary = dns.summary();
  if (summary.exchanges > 0) {
    for (const auto& [server, packet] : register_targets_) {
      const std::string address = server.address.to_string();
      if (std::find(summary.addresses.begin(), summary.addresses.end(), address) != summary.addresses.end()) continue;
      StoryFinding finding;
      finding.code = FindingCode::server_not_in_dns;
      finding.observed = fmt::format("REGISTER sent to {}", address);
      finding.expected = "an address from an A or AAAA answer to the phone";
      finding.text = fmt::format("REGISTER to {}: no A or AAAA answer in the capture gave {}", server.to_string(), address);
      finding.evidence = {packet};
      findings_.add(std::move(finding), server.to_string());
    }
  }
  std::vector<PacketMark> incomplete = incomplete_evidence_;
  for (const auto& packet : capture_evidence) {
    if (incomplete.size() < FindingList::max_evidence) incomplete.push_back(packet);
  }
  if (incomplete_count_ + capture_notes > 0) {
    StoryFinding finding;
    finding.code = FindingCode::capture_incomplete;
    finding.count = incomplete_count_ + capture_notes;
    finding.observed = fmt::format("{} decoder note{} on the phone's packets", finding.count, finding.count == 1 ? "" : "s");
    finding.text = fmt::format("the capture lost or cut packets of this phone ({})", finding.observed);
    finding.evidence = std::move(incomplete);
    findings_.add(std::move(finding), "");
  }
  // The verdict, in parse-log's words.
  if (registers_ == 0) {
    story.verdict = PhoneVerdict::no_registration;
    story.root_cause = cause_without_register();
  } else if (last_decisive_success_ == true) {
    story.verdict = last_failure_ ? PhoneVerdict::recovered : PhoneVerdict::registered;
    story.root_cause = last_failure_ ? last_failure_->cause : FindingCode::registered_ok;
  } else if (!last_decisive_success_ && !last_failure_ &&
             (last_register_result_ == RegisterResult::unfinished || last_register_result_ == RegisterResult::negotiating)) {
    // Nothing on the wire decided the registration: saying FAILED would claim
    // what the capture does not show (it stopped too soon).
    story.verdict = PhoneVerdict::unfinished;
  } else {
    story.verdict = PhoneVerdict::failed;
    if (last_decisive_failure_) story.root_cause = last_decisive_failure_->cause;
    else if (last_failure_) story.root_cause = last_failure_->cause;
  }
  if (story.root_cause && *story.root_cause != FindingCode::registered_ok && !findings_.has(*story.root_cause)) {
    StoryFinding finding;
    finding.code = *story.root_cause;
    finding.text = std::string(util::finding_kind(*story.root_cause).summary);
    // SIP inside TLS is on the wire but not readable: say so rather than "no SIP".
    if (*story.root_cause == FindingCode::capture_no_sip && tls_established_)
      finding.text = "no SIP request in clear from the phone: its TLS connections carried SIP sipfo cannot read "
                     "(TLS is not decrypted)";
    if (summary.first_query) finding.evidence = {*summary.first_query};
    findings_.add(std::move(finding), "");
  }
  story.omitted_dns = dns.omitted();
  story.omitted_transactions = transactions_.omitted();
  story.omitted_connections = connections_.omitted();
  story.omitted_visits = visits_.omitted();
  story.omitted_changes = changes_.omitted();
  story.dns = dns.take();
  story.transactions = transactions_.take();
  story.connections = connections_.take();
  story.visits = visits_.take();
  story.changes = changes_.take();
  story.findings = findings_.take();
  return story;
}

} // namespace sipfo::wire
