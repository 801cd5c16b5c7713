#include "sipfo/check/probe_check.hpp"

#include "sipfo/sip/endpoint.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

namespace sipfo::check {

namespace {

using handset::make_finding;

// Server-supplied text (reason phrases, subjects) made safe for a terminal and cut to a line.
std::string printable(std::string_view text)
{
  return util::printable(text, 80);
}

// "481 Call Leg/Transaction Does Not Exist", "500 Server Internal Error (server)",
// "408 (local: no response)": who made the code up.
std::string exchange_text(const probe::Exchange& exchange)
{
  if (exchange.origin == probe::Origin::local) return fmt::format("{} (local: {})", exchange.code, printable(exchange.reason));
  return fmt::format("{} {}{}", exchange.code, printable(exchange.reason), exchange.code >= 500 ? " (server)" : "");
}

std::string retry_after_text(const probe::Exchange& exchange)
{
  return exchange.retry_after ? fmt::format(", Retry-After {} s", exchange.retry_after->count()) : "";
}

// The finding for a certificate problem other than none (RFC 5922 7.3).
handset::FindingCode certificate_finding(sip::CertificateProblem problem)
{
  switch (problem) {
  case sip::CertificateProblem::expired: return handset::FindingCode::tls_cert_expired;
  case sip::CertificateProblem::not_yet_valid: return handset::FindingCode::tls_cert_not_yet_valid;
  case sip::CertificateProblem::name_mismatch: return handset::FindingCode::tls_name_mismatch;
  case sip::CertificateProblem::unknown_ca: return handset::FindingCode::tls_unknown_ca;
  case sip::CertificateProblem::none:
  case sip::CertificateProblem::other: break;
  }
  return handset::FindingCode::tls_cert_invalid;
}

// A TLS certificate problem (RFC 5922 7.3), verified or not (--insecure).
void add_certificate_finding(const probe::TargetResult& result, const std::string& where,
                             std::vector<handset::Finding>& out)
{
  if (!result.certificate || result.certificate->problem == sip::CertificateProblem::none) return;
  const auto& check = *result.certificate;
  std::string message = fmt::format("{}: {}", where, check.detail.empty() ? "verification failed" : printable(check.detail));
  if (!check.checked_name.empty()) message += fmt::format("; checked against {}", check.checked_name);
  if (!check.subject.empty()) message += fmt::format("; certificate subject {}", printable(check.subject));
  out.push_back(make_finding(certificate_finding(check.problem), std::move(message), where));
}

// What an exchange that did not succeed says about the server; false when
// there is nothing to say. `method` names the request.
bool add_exchange_finding(const probe::Exchange& exchange, const char* method, const std::string& where,
                          bool certificate_explains, std::vector<handset::Finding>& out)
{
  if (exchange.origin == probe::Origin::local) {
    if (exchange.code == 408 && exchange.stalled_in != sip::ConnectionPhase::established) {
      const bool tls = exchange.stalled_in == sip::ConnectionPhase::tls_handshake;
      out.push_back(make_finding(tls ? handset::FindingCode::tls_handshake_timeout : handset::FindingCode::tcp_connect_timeout,
                                 fmt::format("{}: the {} did not complete in {}, so no {} reached the SIP server", where,
                                             tls ? "TLS handshake" : "TCP connection",
                                             util::format_duration(exchange.rtt), method),
                                 where));
      return true;
    }
    if (exchange.code == 408) {
      out.push_back(make_finding(handset::FindingCode::sip_no_response,
                                 fmt::format("{} sent no response to {} in {} ({} sends)", where, method,
                                             util::format_duration(exchange.rtt), exchange.sends),
                                 where));
      return true;
    }
    if (certificate_explains) return true; // the certificate finding says why
    out.push_back(make_finding(handset::FindingCode::sip_transport_failure,
                               fmt::format("{}: {} (sipfo's own 503 for the {})", where,
                                           printable(exchange.reason), method),
                               where));
    return true;
  }
  if (exchange.code >= 500 || exchange.code == 408) { // CS-18-09: a 408 is down too
    out.push_back(make_finding(handset::FindingCode::sip_server_error,
                               fmt::format("{} answered {} with {} {}{}", where, method, exchange.code,
                                           printable(exchange.reason), retry_after_text(exchange)),
                               where));
    return true;
  }
  return false;
}

// A 401/407 that sipfo could not answer although it had a password.
bool add_challenge_finding(const probe::Exchange& registration, const std::string& where,
                           std::vector<handset::Finding>& out)
{
  const char* header = registration.code == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
  const std::string detail = printable(registration.challenge_detail);
  switch (registration.challenge_problem) {
  case sip::ChallengeProblem::none: return false;
  case sip::ChallengeProblem::unsupported_algorithm:
    out.push_back(make_finding(handset::FindingCode::register_algorithm_unsupported,
                               fmt::format("{} challenged the REGISTER ({}) with digest algorithm \"{}\", which sipfo "
                                           "does not implement, so the account was not checked",
                                           where, registration.code, detail),
                               where));
    return true;
  case sip::ChallengeProblem::missing:
    out.push_back(make_finding(handset::FindingCode::register_challenge_malformed,
                               fmt::format("{} answered the REGISTER with {} but no {} header (RFC 3261 21.4.2 "
                                           "requires one), so no phone can answer it",
                                           where, registration.code, header),
                               where));
    return true;
  case sip::ChallengeProblem::other_scheme:
    out.push_back(make_finding(handset::FindingCode::register_challenge_malformed,
                               fmt::format("{} answered the REGISTER with {} and a {} challenge, not Digest "
                                           "(RFC 3261 22.4), so no phone can answer it",
                                           where, registration.code, detail),
                               where));
    return true;
  case sip::ChallengeProblem::malformed:
    out.push_back(make_finding(handset::FindingCode::register_challenge_malformed,
                               fmt::format("{} answered the REGISTER with {} and a malformed {} header ({}), so no "
                                           "phone can answer it",
                                           where, registration.code, header, detail),
                               where));
    return true;
  }
  return false;
}

// A 3xx to REGISTER (RFC 3261 21.3): where it points, and that sipfo stops there.
void add_redirect_finding(const probe::Exchange& registration, const std::string& where,
                          std::vector<handset::Finding>& out)
{
  constexpr std::size_t shown = 4;
  std::string targets;
  for (std::size_t i = 0; i < registration.redirect_contacts.size() && i < shown; ++i) {
    targets += (i == 0 ? "" : ", ") + printable(registration.redirect_contacts[i]);
  }
  if (registration.redirect_contacts.size() > shown) {
    targets += fmt::format(" and {} more", registration.redirect_contacts.size() - shown);
  }
  if (targets.empty()) targets = "no Contact (nowhere)";
  out.push_back(make_finding(handset::FindingCode::register_redirected,
                             fmt::format("{} redirected the REGISTER with {} {} to {}: the phone does not register "
                                         "with this server; whether it follows the redirect is not documented "
                                         "(sipfo's assumption: it does not, so this server is not usable)",
                                         where, registration.code, printable(registration.reason),
                                         targets),
                             where));
}

void add_register_finding(const probe::Exchange& registration, const std::string& where,
                          std::vector<handset::Finding>& out)
{
  if (registration.origin == probe::Origin::local) return;
  if (registration.code >= 300 && registration.code < 400) {
    add_redirect_finding(registration, where, out);
    return;
  }
  if (!probe::is_account_failure(registration.code)) {
    if (registration.code >= 400 && registration.code < 500 && registration.code != 408) {
      out.push_back(make_finding(handset::FindingCode::register_refused,
                                 fmt::format("{} answered REGISTER with {} {}: the phone does not register with "
                                             "this server",
                                             where, registration.code, printable(registration.reason)),
                                 where));
    }
    return;
  }
  const bool challenged = registration.code == 401 || registration.code == 407;
  if (challenged && !registration.credentials_sent && add_challenge_finding(registration, where, out)) return;
  if (challenged && !registration.credentials_sent) {
    out.push_back(make_finding(handset::FindingCode::register_no_password,
                               fmt::format("{} challenged the REGISTER ({}) and no password was given", where,
                                           registration.code),
                               where));
    return;
  }
  out.push_back(make_finding(handset::FindingCode::register_rejected,
                             fmt::format("{} answered REGISTER with {} {}{}", where, registration.code,
                                         printable(registration.reason),
                                         registration.credentials_sent ? " after credentials were sent" : ""),
                             where));
}

void add_candidate_findings(const probe::CandidateReport& candidate, std::vector<handset::Finding>& out)
{
  const auto& result = candidate.result;
  const std::string where = util::printable(sip::endpoint_text(result.target.endpoint));
  add_certificate_finding(result, where, out);
  const bool certificate_explains = result.certificate && result.certificate->problem != sip::CertificateProblem::none;
  bool said = result.options && add_exchange_finding(*result.options, "OPTIONS", where, certificate_explains, out);
  if (result.registration) {
    if (!said) said = add_exchange_finding(*result.registration, "REGISTER", where, certificate_explains, out);
    add_register_finding(*result.registration, where, out);
  }
  if (result.unregistration && (result.unregistration->code < 200 || result.unregistration->code >= 300)) {
    out.push_back(make_finding(handset::FindingCode::unregister_failed,
                               fmt::format("{} answered the removal of the probe contact with {}", where,
                                           exchange_text(*result.unregistration)),
                               where));
  }
  if (result.ignored_messages > 0) {
    out.push_back(make_finding(handset::FindingCode::sip_malformed_response,
                               fmt::format("{}: {} message(s) ignored; the last: {}", where, result.ignored_messages,
                                           printable(result.last_ignored)),
                               where));
  }
}

} // namespace

std::vector<handset::Finding> probe_findings(const probe::ProbeReport& report)
{
  std::vector<handset::Finding> out;
  for (const auto& candidate : report.candidates) add_candidate_findings(candidate, out);
  return out;
}

util::ExitStatus probe_status(const probe::ProbeReport& report, RunFindings findings,
                              const ProbeThresholds& thresholds)
{
  auto status = report.exit_status;
  for (const auto& finding : findings.resolve) {
    if (finding.severity == handset::Severity::error) status = util::worst(status, util::ExitStatus::warning);
  }
  for (const auto& finding : findings.probe) {
    if (finding.severity != handset::Severity::info) status = util::worst(status, util::ExitStatus::warning);
  }
  for (const auto& alert : threshold_alerts(report, thresholds)) status = util::worst(status, alert.status);
  return status;
}

} // namespace sipfo::check
