#include "connection_check.hpp"

#include "story_text.hpp"

#include <fmt/format.h>

namespace sipfo::wire {

using util::FindingCode;

namespace {

// The alert's name, or "alert" for a value without one.
std::string alert_word(std::uint8_t description)
{
  const std::string name = pcap::tls_alert_name(description);
  return name.empty() ? "alert" : name;
}

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
                                   alert_word(alert->alert_description),
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
