#include "phone_tracker.hpp"

#include "retransmit_schedule.hpp"
#include "story_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::wire {

namespace {

using util::FindingCode;

constexpr std::size_t max_servers = 256;

const SipResponseSeen* final_response(const SipTransaction& transaction)
{
  for (const auto& response : transaction.responses) {
    if (response.code >= 200) return &response;
  }
  return nullptr;
}

// What a closed REGISTER transaction says about the registration.
enum class RegisterResult {
  registered,   // 2xx with a binding asked for
  unregistered, // 2xx to Expires 0: not a registration
  negotiating,  // a challenge answered without credentials yet (RFC 3261 22.2), 423 (10.2.8), a 3xx redirect (8.1.3.4)
  failed,       // timed out, or a 4xx-6xx that is no step of the exchange
  unfinished,   // the capture ended first
};

RegisterResult register_result(const SipTransaction& transaction)
{
  switch (transaction.end) {
  case TransactionEnd::success:
    return transaction.expires_asked == 0u ? RegisterResult::unregistered : RegisterResult::registered;
  case TransactionEnd::timed_out: return RegisterResult::failed;
  case TransactionEnd::unfinished: return RegisterResult::unfinished;
  case TransactionEnd::rejected: break;
  }
  const SipResponseSeen* final = final_response(transaction);
  const int code = final ? final->code : 0;
  if (code < 400 || code == 423) return RegisterResult::negotiating;
  if ((code == 401 || code == 407) && !transaction.has_credentials) return RegisterResult::negotiating;
  return RegisterResult::failed;
}

// parse-log's cause for a failed REGISTER. RFC 3261 21.4.2/21.4.4/21.4.8: 401
// and 407 to a request that carried credentials, and 403 after them, mean the
// credentials were refused (Technical Bulletin CS-18-09, Call server status, Failed).
FindingCode failure_cause(const SipTransaction& transaction)
{
  if (transaction.end == TransactionEnd::timed_out) return FindingCode::server_timeout_failover;
  const SipResponseSeen* final = final_response(transaction);
  const int code = final ? final->code : 0;
  if ((code == 401 || code == 403 || code == 407) && transaction.has_credentials) return FindingCode::auth_rejected;
  if (code == 404) return FindingCode::user_unknown;
  return FindingCode::server_rejected;
}

std::string final_text(const SipResponseSeen& response)
{
  return response.reason.empty() ? fmt::to_string(response.code) : fmt::format("{} {}", response.code, response.reason);
}

// "no answer after 3 sends (3.5 s)" or "503 Service Unavailable".
std::string why_left(const SipTransaction& last, const PacketMark& next)
{
  if (const SipResponseSeen* final = final_response(last)) return final_text(*final);
  return fmt::format("no answer after {} send{} ({} s)", last.sends.size(), last.sends.size() == 1 ? "" : "s",
                     short_seconds(next.time - last.sends.front().time));
}

PacketMark last_packet(const SipTransaction& transaction)
{
  PacketMark last = transaction.sends.back();
  for (const auto& response : transaction.responses) {
    if (response.packet.time >= last.time) last = response.packet;
  }
  return last;
}

std::string alert_name(std::uint8_t description)
{
  // RFC 8446 6.2 / RFC 5246 7.2.2: the ones a failed handshake shows.
  switch (description) {
  case 0: return "close_notify";
  case 10: return "unexpected_message";
  case 20: return "bad_record_mac";
  case 40: return "handshake_failure";
  case 42: return "bad_certificate";
  case 43: return "unsupported_certificate";
  case 44: return "certificate_revoked";
  case 45: return "certificate_expired";
  case 46: return "certificate_unknown";
  case 47: return "illegal_parameter";
  case 48: return "unknown_ca";
  case 49: return "access_denied";
  case 50: return "decode_error";
  case 51: return "decrypt_error";
  case 70: return "protocol_version";
  case 71: return "insufficient_security";
  case 80: return "internal_error";
  case 86: return "inappropriate_fallback";
  case 109: return "missing_extension";
  case 112: return "unrecognized_name";
  case 116: return "certificate_required";
  case 120: return "no_application_protocol";
  default: return "alert";
  }
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
  switch (register_result(transaction)) {
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

void PhoneTracker::visit(const SipTransaction& transaction)
{
  ServerVisit* current = visits_.back();
  if (current != nullptr && current->server == transaction.server && current->protocol == transaction.protocol) {
    ++current->transactions;
    current->last = std::max(current->last, last_packet(transaction), [](const auto& a, const auto& b) { return a.time < b.time; });
    current->end = transaction.end;
    const SipResponseSeen* final = final_response(transaction);
    current->final_code = final ? final->code : 0;
    last_register_ = transaction;
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
  last_register_ = transaction;
}

void PhoneTracker::committed(ConnectionAttempt&& attempt)
{
  const std::string server = attempt.server.to_string();
  if (!attempt.established && attempt.reset && !attempt.closed_by_phone) {
    StoryFinding finding;
    finding.code = FindingCode::sip_transport_failure;
    finding.observed = "the server answered the SYN with RST";
    finding.text = fmt::format("TCP connection to {} refused (RST)", server);
    finding.evidence = {attempt.syn, *attempt.closed};
    findings_.add(std::move(finding), server);
    fail(attempt.syn, FindingCode::sip_transport_failure);
  } else if (!attempt.established && (attempt.closed || end_ - attempt.syn.time >= syn_unanswered_after)) {
    StoryFinding finding;
    finding.code = FindingCode::sip_transport_failure;
    finding.observed = "no SYN-ACK";
    finding.source = "Technical Bulletin CS-18-09, Call server status (Down); a SYN unanswered for 3 s of capture "
                     "counts as failed: sipfo's assumption";
    finding.text = fmt::format("TCP connection to {}: the SYN was not answered", server);
    finding.evidence = {attempt.syn};
    if (attempt.closed) finding.evidence.push_back(*attempt.closed);
    findings_.add(std::move(finding), server);
    fail(attempt.syn, FindingCode::sip_transport_failure);
  } else if (attempt.tls) {
    if (attempt.server_hello) tls_established_ = true;
    // RFC 8446 6.2: a fatal alert ends the handshake; a connection closed
    // before the ServerHello never had one.
    const auto& alert = attempt.alert;
    const bool fatal_alert = alert && !alert->encrypted_alert && alert->alert_level == 2;
    const bool alert_in_handshake = alert && !alert->encrypted_alert && !attempt.server_hello;
    const bool closed_before_hello = attempt.closed && !attempt.server_hello;
    if (fatal_alert || alert_in_handshake || closed_before_hello) {
      StoryFinding finding;
      finding.code = FindingCode::tls_handshake_failed;
      if (alert && !alert->encrypted_alert) {
        finding.observed = fmt::format("TLS alert {} ({}) from the {}", alert->alert_description,
                                       alert_name(alert->alert_description),
                                       alert->flow.source == attempt.client ? "phone" : "server");
        finding.evidence = {attempt.syn, mark_of(attempt.syn.file, alert->packet)};
      } else {
        finding.observed = fmt::format("closed by the {} {} the ServerHello", attempt.closed_by_phone ? "phone" : "server",
                                       attempt.server_hello ? "after" : "before");
        finding.evidence = {attempt.syn, *attempt.closed};
      }
      finding.text = fmt::format("TLS to {}{}: {}", server,
                                 attempt.server_name.empty() ? "" : fmt::format(" (SNI {})", attempt.server_name),
                                 finding.observed);
      findings_.add(std::move(finding), server);
      fail(attempt.syn, FindingCode::tls_handshake_failed);
    }
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
