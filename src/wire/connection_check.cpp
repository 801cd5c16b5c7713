#include "connection_check.hpp"

#include "story_text.hpp"

#include <fmt/format.h>

namespace sipfo::wire {

using util::FindingCode;

std::string tls_alert_name(std::uint8_t description)
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

namespace {

StoryFinding refused(const ConnectionAttempt& attempt)
{
  StoryFinding finding;
  finding.code = FindingCode::sip_transport_failure;
  finding.observed = "the server answered the SYN with RST";
  finding.text = fmt::format("TCP connection to {} refused (RST)", attempt.server.to_string());
  finding.evidence = {attempt.syn, *attempt.closed};
  return finding;
}

StoryFinding unanswered(const ConnectionAttempt& attempt)
{
  StoryFinding finding;
  finding.code = FindingCode::sip_transport_failure;
  finding.observed = "no SYN-ACK";
  finding.source = "Technical Bulletin CS-18-09, Call server status (Down); a SYN unanswered for 3 s of capture "
                   "counts as failed: sipfo's assumption";
  finding.text = fmt::format("TCP connection to {}: the SYN was not answered", attempt.server.to_string());
  finding.evidence = {attempt.syn};
  if (attempt.closed) finding.evidence.push_back(*attempt.closed);
  return finding;
}

// RFC 8446 6.2: a fatal alert ends the handshake; a connection closed before
// the ServerHello never had one. An encrypted alert after the handshake is
// most likely close_notify and says nothing.
std::optional<StoryFinding> handshake_failure(const ConnectionAttempt& attempt)
{
  const auto& alert = attempt.alert;
  const bool clear_alert = alert && !alert->encrypted_alert;
  const bool failed = (clear_alert && (alert->alert_level == 2 || !attempt.server_hello)) ||
                      (attempt.closed && !attempt.server_hello);
  if (!failed) return std::nullopt;
  StoryFinding finding;
  finding.code = FindingCode::tls_handshake_failed;
  if (clear_alert) {
    finding.observed = fmt::format("TLS alert {} ({}) from the {}", alert->alert_description,
                                   tls_alert_name(alert->alert_description),
                                   alert->flow.source == attempt.client ? "phone" : "server");
    finding.evidence = {attempt.syn, mark_of(attempt.syn.file, alert->packet)};
  } else {
    finding.observed = fmt::format("closed by the {} before the ServerHello", attempt.closed_by_phone ? "phone" : "server");
    finding.evidence = {attempt.syn, *attempt.closed};
  }
  finding.text = fmt::format("TLS to {}{}: {}", attempt.server.to_string(),
                             attempt.server_name.empty() ? "" : fmt::format(" (SNI {})", attempt.server_name),
                             finding.observed);
  return finding;
}

} // namespace

std::optional<StoryFinding> connection_finding(const ConnectionAttempt& attempt, pcap::CaptureTime end)
{
  if (!attempt.established) {
    if (attempt.reset && !attempt.closed_by_phone) return refused(attempt);
    if (attempt.closed || end - attempt.syn.time >= syn_unanswered_after) return unanswered(attempt);
    return std::nullopt;
  }
  if (!attempt.tls) return std::nullopt;
  return handshake_failure(attempt);
}

} // namespace sipfo::wire
