#include "sipfo/render/probe_report.hpp"

#include "probe_parts.hpp"

#include "sipfo/sip/endpoint.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

namespace sipfo::render {

namespace {

using handset::make_finding;

std::string retry_after_text(const probe::Exchange& exchange)
{
  return exchange.retry_after ? fmt::format(", Retry-After {} s", exchange.retry_after->count()) : "";
}

// A TLS certificate problem (RFC 5922 7.3), verified or not (--insecure).
void add_certificate_finding(const probe::TargetResult& result, const std::string& where,
                             std::vector<handset::Finding>& out)
{
  if (!result.certificate || result.certificate->problem == sip::CertificateProblem::none) return;
  const auto& check = *result.certificate;
  std::string message = fmt::format("{}: {}", where, check.detail.empty() ? "verification failed" : probe_parts::printable(check.detail));
  if (!check.checked_name.empty()) message += fmt::format("; checked against {}", check.checked_name);
  if (!check.subject.empty()) message += fmt::format("; certificate subject {}", probe_parts::printable(check.subject));
  out.push_back(make_finding(sip::certificate_problem_code(check.problem), std::move(message), where));
}

// What an exchange that did not succeed says about the server; false when
// there is nothing to say. `method` names the request.
bool add_exchange_finding(const probe::Exchange& exchange, const char* method, const std::string& where,
                          bool certificate_explains, std::vector<handset::Finding>& out)
{
  if (exchange.origin == probe::Origin::local) {
    if (exchange.code == 408) {
      out.push_back(make_finding("sip_no_response",
                                 fmt::format("{} sent no response to {} in {} ({} sends)", where, method,
                                             util::format_duration(exchange.rtt), exchange.sends),
                                 where));
      return true;
    }
    if (certificate_explains) return true; // the certificate finding says why
    out.push_back(make_finding("sip_transport_failure",
                               fmt::format("{}: {} (sipfo's own 503 for the {})", where,
                                           probe_parts::printable(exchange.reason), method),
                               where));
    return true;
  }
  if (exchange.code >= 500 || exchange.code == 408) { // seed 001: a 408 is down too
    out.push_back(make_finding("sip_server_error",
                               fmt::format("{} answered {} with {} {}{}", where, method, exchange.code,
                                           probe_parts::printable(exchange.reason), retry_after_text(exchange)),
                               where));
    return true;
  }
  return false;
}

void add_register_finding(const probe::Exchange& registration, const std::string& where,
                          std::vector<handset::Finding>& out)
{
  if (!probe::is_account_failure(registration.code) || registration.origin == probe::Origin::local) return;
  const bool challenged = registration.code == 401 || registration.code == 407;
  if (challenged && !registration.credentials_sent) {
    out.push_back(make_finding("register_no_password",
                               fmt::format("{} challenged the REGISTER ({}) and no password was given", where,
                                           registration.code),
                               where));
    return;
  }
  out.push_back(make_finding("register_rejected",
                             fmt::format("{} answered REGISTER with {} {}{}", where, registration.code,
                                         probe_parts::printable(registration.reason),
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
    out.push_back(make_finding("unregister_failed",
                               fmt::format("{} answered the removal of the probe contact with {}", where,
                                           exchange_text(result.unregistration)),
                               where));
  }
  if (result.ignored_messages > 0) {
    out.push_back(make_finding("sip_malformed_response",
                               fmt::format("{}: {} message(s) ignored; the last: {}", where, result.ignored_messages,
                                           probe_parts::printable(result.last_ignored)),
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

util::ExitStatus probe_run_status(const probe::ProbeReport& report, std::span<const handset::Finding> findings)
{
  if (report.exit_status != util::ExitStatus::ok) return report.exit_status;
  for (const auto& finding : findings) {
    if (finding.severity != handset::Severity::info) return util::ExitStatus::warning;
  }
  return util::ExitStatus::ok;
}

} // namespace sipfo::render
