// The probe text output: the PIVOT-style table (CS-18-09 "Call server
// status"), the findings and the verdict, compared with strings written by hand.

#include "probe_run_fixture.hpp"

#include "sipfo/render/probe_report.hpp"

#include <doctest/doctest.h>

using namespace sipfo;

TEST_CASE("render::exchange_text: the server's code, sipfo's own code, nothing")
{
  CHECK(render::exchange_text(test::server_answer(200, "OK", 3)) == "200 OK");
  CHECK(render::exchange_text(test::server_answer(404, "Not Found", 3)) == "404 Not Found");
  auto busy = test::server_answer(503, "Service Unavailable", 3);
  CHECK(render::exchange_text(busy) == "503 Service Unavailable (server)");
  busy.retry_after = std::chrono::seconds(30);
  CHECK(render::exchange_text(busy) == "503 Service Unavailable (server, Retry-After 30 s)");
  CHECK(render::exchange_text(test::local_answer(503, "connection refused", 0)) == "503 (local: connection refused)");
  CHECK(render::exchange_text(test::local_answer(408, "no response (Timer F)", 32000)) ==
        "408 (local: no response (Timer F))");
  CHECK(render::exchange_text(std::nullopt) == "-");
}

TEST_CASE("render::exchange_text: a hostile reason phrase cannot drive the terminal")
{
  CHECK(render::exchange_text(test::server_answer(200, "OK\x1b[2J\r\n", 1)) == "200 OK\\x1b[2J\\r\\n");
  const auto long_reason = render::exchange_text(test::server_answer(200, std::string(200, 'x'), 1));
  CHECK(long_reason == "200 " + std::string(80, 'x') + "...");
}

TEST_CASE("render::probe_summary: counts, then the active server")
{
  const auto run = test::pivot_run();
  CHECK(render::probe_summary(run.probe) == "1/3 up (2 down), active 10.0.0.1:5060/udp");
  CHECK(render::probe_summary(probe::ProbeReport{}) == "no candidate server");
}

TEST_CASE("render::probe_text: header, table, findings, verdict (PIVOT list, --user)")
{
  const auto run = test::pivot_run();
  const std::string expected =
    ";; sipfo probe lab.test; 10.0.0.1; 10.0.0.2; 10.0.0.3  (profile pivot, transport udp, port 0)\n"
    ";; SIP: OPTIONS and REGISTER for 1512 (binding query, no Contact); T1 500 ms, Timer F 32 s\n"
    "\n"
    ";; CANDIDATES (as the phone's SIP status screen lists them; * = active)\n"
    "  PREF  SERVER             STATUS  OPTIONS                                               RTT  REGISTER                            RTT\n"
    "  P1:1  10.0.0.1:5060/udp  * up    200 OK                                              12 ms  200 OK                            30 ms\n"
    "  P2:1  10.0.0.2:5060/udp  down    503 Service Unavailable (server, Retry-After 30 s)   5 ms  503 Service Unavailable (server)   6 ms\n"
    "  P3:1  10.0.0.3:5060/tcp  down    503 (local: connection refused)                      0 ms  503 (local: connection refused)    0 ms\n"
    "\n"
    ";; FINDINGS\n"
    "  warning  sip_server_error: 10.0.0.2:5060/udp answered OPTIONS with 503 Service Unavailable, Retry-After 30 s\n"
    "           at:  10.0.0.2:5060/udp\n"
    "           fix: look at the server's state (overload, maintenance); Retry-After says how long it asks to be left alone\n"
    "  warning  sip_transport_failure: 10.0.0.3:5060/tcp: connection refused (sipfo's own 503 for the OPTIONS)\n"
    "           at:  10.0.0.3:5060/tcp\n"
    "           fix: check that the server listens on that port and transport\n"
    "\n"
    ";; WARNING: 1/3 up (2 down), active 10.0.0.1:5060/udp; see the findings\n";
  CHECK(render::probe_text(run, false) == expected);
}

TEST_CASE("render::probe_text: explicit targets, OPTIONS only, no active server")
{
  render::ProbeRun run;
  run.input.targets = {"[::1]:5062/udp"};
  auto result = test::target_result("::1", 5062, sip::Transport::udp, 1);
  auto timeout = test::local_answer(408, "no response (Timer F)", 6400);
  timeout.sends = 7;
  result.options = timeout;
  run.probe = probe::make_report({result}, probe::RegisterCheck::off);
  run.exit_status = run.probe.exit_status;
  run.input.t1 = std::chrono::milliseconds(100);
  run.input.timer_f = std::chrono::milliseconds(6400);
  const std::string expected =
    ";; sipfo probe [::1]:5062/udp  (1 target, no NAPTR/SRV)\n"
    ";; SIP: OPTIONS; T1 100 ms, Timer F 6.4 s\n"
    "\n"
    ";; CANDIDATES (in the order the phone tries them; * = active)\n"
    "  PREF  SERVER          STATUS  OPTIONS                               RTT\n"
    "  1:1   [::1]:5062/udp  down    408 (local: no response (Timer F))  6.4 s\n"
    "\n"
    ";; FINDINGS\n"
    "  none\n"
    "\n"
    ";; CRITICAL: 0/1 up (1 down), no active server; the phone would not register (no server answers OPTIONS below 500)\n";
  CHECK(render::probe_text(run, false) == expected);
}

TEST_CASE("render::probe_text: nothing to probe when DNS gave no candidate")
{
  render::ProbeRun run;
  run.input.spec = "nope.lab.test";
  run.input.profile = "spectralink-84";
  run.input.setting = {"nope.lab.test", 0, handset::TransportSetting::naptr};
  run.probe = probe::make_report({}, probe::RegisterCheck::off);
  run.exit_status = run.probe.exit_status;
  const auto text = render::probe_text(run, false);
  CHECK(text.find("  none: nothing to probe, the phone has no server to register to\n") != std::string::npos);
  CHECK(text.ends_with(";; CRITICAL: no candidate server; the phone has nothing to register to\n"));
}

TEST_CASE("render::probe_text: ESC and BEL in targets-file hosts, SPEC and --user are shown escaped")
{
  render::ProbeRun run;
  run.input.targets = {"a\x1b]0;owned\x07.test:5060/udp"};
  run.input.user = "15\x1b[2J12";
  auto result = test::target_result("::1", 5062, sip::Transport::udp, 1);
  result.options = test::local_answer(408, "no response (Timer F)", 6400);
  run.probe = probe::make_report({result}, probe::RegisterCheck::off);
  run.exit_status = run.probe.exit_status;
  std::string text = render::probe_text(run, false);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find(";; sipfo probe a\\x1b]0;owned\\x07.test:5060/udp  (1 target, no NAPTR/SRV)") != std::string::npos);
  CHECK(text.find("REGISTER for 15\\x1b[2J12") != std::string::npos);
  run.input.spec = "pbx\x07.test";
  text = render::probe_text(run, false);
  CHECK(text.find(";; sipfo probe pbx\\x07.test  (profile") != std::string::npos);
}

TEST_CASE("render::probe_header_text: --source, --from and --user-agent on a line of their own, only those given")
{
  auto run = test::pivot_run();
  const auto plain = render::probe_header_text(run);
  CHECK(plain.find(";; Sent as:") == std::string::npos); // none given: sipfo's defaults, no line

  run.input.source = "127.0.53.5:5070";
  run.input.from_uri = "sip:acl-check@sipfo.test";
  run.input.user_agent = "PolycomSpectraLink/4.0";
  CHECK(render::probe_header_text(run) ==
        plain + ";; Sent as: source 127.0.53.5:5070, From sip:acl-check@sipfo.test, User-Agent \"PolycomSpectraLink/4.0\"\n");

  run.input.source.clear();
  run.input.from_uri.clear();
  run.input.user_agent = "Phone\x1b[2J/1"; // checked at the command line; escaped here all the same
  CHECK(render::probe_header_text(run) == plain + ";; Sent as: User-Agent \"Phone\\x1b[2J/1\"\n");
  // The header is the first part of the whole text.
  CHECK(render::probe_text(run, false).starts_with(render::probe_header_text(run) + "\n"));
}
