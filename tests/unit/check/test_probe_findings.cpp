// The findings the probe results call for, and how they weigh on the exit status.

#include "../render/probe_run_fixture.hpp"

#include "sipfo/check/probe_check.hpp"
#include "sipfo/render/probe_report.hpp"

#include <doctest/doctest.h>

using namespace sipfo;

namespace {

std::vector<handset::Finding> findings_of(probe::TargetResult result, probe::RegisterCheck check)
{
  return check::probe_findings(probe::make_report({std::move(result)}, check));
}

} // namespace

TEST_CASE("check::probe_findings: a certificate problem, not a second transport finding")
{
  auto result = test::target_result("10.0.0.5", 5061, sip::Transport::tls, 1);
  result.options = test::local_answer(503, "TLS certificate verification failed", 2);
  result.certificate = sip::CertificateCheck{sip::CertificateProblem::unknown_ca,
                                             "unable to get local issuer certificate", "CN=sip.lab.test", "10.0.0.5"};
  const auto findings = findings_of(result, probe::RegisterCheck::off);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "tls_unknown_ca");
  CHECK(findings[0].severity == handset::Severity::error);
  CHECK(findings[0].message ==
        "10.0.0.5:5061/tls: unable to get local issuer certificate; checked against 10.0.0.5; "
        "certificate subject CN=sip.lab.test");
  CHECK(findings[0].record == "10.0.0.5:5061/tls");
}

TEST_CASE("check::probe_findings: a silent server")
{
  auto result = test::target_result("10.0.0.6", 5060, sip::Transport::udp, 1);
  auto timeout = test::local_answer(408, "no response (Timer F)", 32000);
  timeout.sends = 11; // RFC 3261 17.1.2.2 with T1 500 ms (handset-models §2.1)
  result.options = timeout;
  const auto findings = findings_of(result, probe::RegisterCheck::off);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "sip_no_response");
  CHECK(findings[0].message == "10.0.0.6:5060/udp sent no response to OPTIONS in 32 s (11 sends)");
}

TEST_CASE("check::probe_findings: REGISTER refused, or challenged without a password")
{
  auto rejected = test::target_result("10.0.0.7", 5060, sip::Transport::udp, 1);
  rejected.options = test::server_answer(200, "OK", 1);
  rejected.registration = test::server_answer(403, "Forbidden", 2, true);
  auto findings = findings_of(rejected, probe::RegisterCheck::on);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "register_rejected");
  CHECK(findings[0].message == "10.0.0.7:5060/udp answered REGISTER with 403 Forbidden after credentials were sent");

  auto challenged = rejected;
  challenged.registration = test::server_answer(401, "Unauthorized (no password given)", 2, false);
  findings = findings_of(challenged, probe::RegisterCheck::on);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "register_no_password");
  CHECK(findings[0].message == "10.0.0.7:5060/udp challenged the REGISTER (401) and no password was given");
}

TEST_CASE("check::probe_findings: ignored messages and a failed removal in bind mode")
{
  auto result = test::target_result("10.0.0.8", 5060, sip::Transport::udp, 1);
  result.options = test::server_answer(200, "OK", 1);
  result.registration = test::server_answer(200, "OK", 2, true);
  result.unregistration = test::server_answer(500, "Server Internal Error", 2, true);
  result.ignored_messages = 2;
  result.last_ignored = "response matches no transaction";
  const auto findings = findings_of(result, probe::RegisterCheck::on);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].code == "unregister_failed");
  CHECK(findings[0].message ==
        "10.0.0.8:5060/udp answered the removal of the probe contact with 500 Server Internal Error (server)");
  CHECK(findings[1].code == "sip_malformed_response");
  CHECK(findings[1].message == "10.0.0.8:5060/udp: 2 message(s) ignored; the last: response matches no transaction");
}

TEST_CASE("check::probe_status: design §4, raised by a warning finding")
{
  auto result = test::target_result("10.0.0.5", 5061, sip::Transport::tls, 1);
  result.options = test::server_answer(200, "OK", 2);
  const auto clean = probe::make_report({result}, probe::RegisterCheck::off);
  CHECK(check::probe_status(clean, {{}, check::probe_findings(clean)}) == util::ExitStatus::ok);

  // --insecure: the server answers, but its certificate is expired.
  result.certificate = sip::CertificateCheck{sip::CertificateProblem::expired, "certificate has expired", "", ""};
  const auto insecure = probe::make_report({result}, probe::RegisterCheck::off);
  CHECK(check::probe_status(insecure, {{}, check::probe_findings(insecure)}) == util::ExitStatus::warning);

  const auto critical = test::pivot_run();
  auto none_up = critical.probe;
  none_up.exit_status = util::ExitStatus::critical;
  CHECK(check::probe_status(none_up, {}) == util::ExitStatus::critical);
}

TEST_CASE("check::probe_findings: the server's own 408 is down like its 5xx (CS-18-09)")
{
  auto result = test::target_result("10.0.0.9", 5060, sip::Transport::udp, 1);
  result.options = test::server_answer(408, "Request Timeout", 20);
  const auto findings = findings_of(result, probe::RegisterCheck::off);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "sip_server_error");
  CHECK(findings[0].message == "10.0.0.9:5060/udp answered OPTIONS with 408 Request Timeout");
}

TEST_CASE("check::probe_findings: a stalled TLS handshake is named as such, not as a silent SIP server")
{
  auto result = test::target_result("127.0.0.1", 5061, sip::Transport::tls, 1);
  auto stalled = test::local_answer(408, "TLS handshake not completed (Timer F)", 32000);
  stalled.stalled_in = sip::ConnectionPhase::tls_handshake;
  result.options = stalled;
  const auto findings = findings_of(result, probe::RegisterCheck::off);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "tls_handshake_timeout");
  CHECK(findings[0].message ==
        "127.0.0.1:5061/tls: the TLS handshake did not complete in 32 s, so no OPTIONS reached the SIP server");

  auto tcp = test::target_result("127.0.0.1", 5060, sip::Transport::tcp, 1);
  auto unconnected = test::local_answer(408, "TCP connection not established (Timer F)", 32000);
  unconnected.stalled_in = sip::ConnectionPhase::connecting;
  tcp.options = unconnected;
  const auto connect = findings_of(tcp, probe::RegisterCheck::off);
  REQUIRE(connect.size() == 1);
  CHECK(connect[0].code == "tcp_connect_timeout");
  CHECK(connect[0].message ==
        "127.0.0.1:5060/tcp: the TCP connection did not complete in 32 s, so no OPTIONS reached the SIP server");
}

TEST_CASE("check::probe_findings: a challenge sipfo cannot answer with the password it has")
{
  auto result = test::target_result("10.0.0.7", 5060, sip::Transport::udp, 1);
  result.options = test::server_answer(200, "OK", 1);
  auto unsupported = test::server_answer(401, "Unauthorized", 2, false);
  unsupported.challenge_problem = sip::ChallengeProblem::unsupported_algorithm;
  unsupported.challenge_detail = "SHA-1";
  result.registration = unsupported;
  auto findings = findings_of(result, probe::RegisterCheck::on);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "register_algorithm_unsupported");
  CHECK(findings[0].message.find("digest algorithm \"SHA-1\"") != std::string::npos);
  // The account was not checked: the candidate is not "failed" for it (status from OPTIONS).
  const auto report = probe::make_report({result}, probe::RegisterCheck::on);
  CHECK(report.candidates[0].status == probe::Status::up);

  auto malformed = test::server_answer(407, "Proxy Authentication Required", 2, false);
  malformed.challenge_problem = sip::ChallengeProblem::malformed;
  malformed.challenge_detail = "unterminated quoted string";
  result.registration = malformed;
  findings = findings_of(result, probe::RegisterCheck::on);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "register_challenge_malformed");
  CHECK(findings[0].severity == handset::Severity::error);
  CHECK(findings[0].message.find("malformed Proxy-Authenticate header (unterminated quoted string)") != std::string::npos);
}

TEST_CASE("check::probe_findings: a redirected REGISTER names its target and is never a silent critical")
{
  auto result = test::target_result("10.0.0.7", 5060, sip::Transport::udp, 1);
  result.options = test::server_answer(200, "OK", 1);
  auto redirect = test::server_answer(302, "Moved Temporarily", 2, false);
  redirect.redirect_contacts = {"<sip:1512@192.0.2.7:5060>"};
  result.registration = redirect;
  const auto report = probe::make_report({result}, probe::RegisterCheck::on);
  const auto findings = check::probe_findings(report);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "register_redirected");
  CHECK(findings[0].severity == handset::Severity::error);
  CHECK(findings[0].message.starts_with(
    "10.0.0.7:5060/udp redirected the REGISTER with 302 Moved Temporarily to <sip:1512@192.0.2.7:5060>:"));
  CHECK(check::probe_status(report, {{}, findings}) == util::ExitStatus::critical); // not registered anywhere

  auto other = test::server_answer(423, "Interval Too Brief", 2, false);
  result.registration = other;
  const auto refused = findings_of(result, probe::RegisterCheck::on);
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].code == "register_refused");
}
