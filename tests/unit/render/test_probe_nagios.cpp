// `--format=nagios`: the Monitoring Plugins guidelines' output. The status word
// matches the exit status, the servers not up are named, the perfdata carries
// units, min/max and the -w/-c ranges, and the long output has a line per candidate.

#include "probe_run_fixture.hpp"

#include "sipfo/check/probe_thresholds.hpp"
#include "sipfo/render/nagios.hpp"
#include "sipfo/render/probe_report.hpp"

#include <doctest/doctest.h>

using namespace sipfo;

TEST_CASE("render::probe_nagios: WARNING names the down servers, one long line per candidate")
{
  CHECK(render::probe_nagios(test::pivot_run()) ==
        "SIP WARNING - 1/3 up (2 down), active 10.0.0.1:5060/udp; 10.0.0.2:5060/udp down, 10.0.0.3:5060/tcp down"
        " | 'up'=1;;;0;3 'down'=2;;;0;3 'failed'=0;;;0;3 'unknown'=0;;;0;3 'rtt_10.0.0.1:5060/udp'=12ms;;;0"
        " 'rtt_10.0.0.2:5060/udp'=U;;;0 'rtt_10.0.0.3:5060/tcp'=U;;;0\n"
        "P1:1 10.0.0.1:5060/udp up (active): OPTIONS 200 OK in 12 ms, REGISTER 200 OK\n"
        "P2:1 10.0.0.2:5060/udp down: OPTIONS 503 Service Unavailable (server, Retry-After 30 s) in 5 ms, "
        "REGISTER 503 Service Unavailable (server)\n"
        "P3:1 10.0.0.3:5060/tcp down: OPTIONS 503 (local: connection refused), REGISTER 503 (local: connection refused)\n"
        "warning sip_server_error: 10.0.0.2:5060/udp answered OPTIONS with 503 Service Unavailable, Retry-After 30 s\n"
        "warning sip_transport_failure: 10.0.0.3:5060/tcp: connection refused (sipfo's own 503 for the OPTIONS)\n");
}

TEST_CASE("render::probe_nagios: thresholds go into the perfdata and the long output")
{
  auto run = test::pivot_run();
  run.input.thresholds = check::parse_probe_thresholds("2:,10", "1:,100");
  const auto out = render::probe_nagios(run);
  CHECK(out.find(" 'up'=1;2:;1:;0;3 ") != std::string::npos);
  CHECK(out.find(" 'rtt_10.0.0.1:5060/udp'=12ms;10;100;0 ") != std::string::npos);
  CHECK(out.find("\nWARNING: 1 up, outside the warning range 2:\n") != std::string::npos);
  CHECK(out.find("\nWARNING: 10.0.0.1:5060/udp answered OPTIONS in 12 ms, outside the warning range 10\n") !=
        std::string::npos);
}

TEST_CASE("render::probe_nagios: OK and CRITICAL")
{
  render::ProbeRun ok;
  auto up = test::target_result("10.0.0.1", 5060, sip::Transport::udp, 1);
  up.options = test::server_answer(200, "OK", 3);
  ok.probe = probe::make_report({up}, probe::RegisterCheck::off);
  ok.exit_status = ok.probe.exit_status;
  CHECK(render::probe_nagios(ok) ==
        "SIP OK - 1/1 up, active 10.0.0.1:5060/udp | 'up'=1;;;0;1 'down'=0;;;0;1 'failed'=0;;;0;1 'unknown'=0;;;0;1 "
        "'rtt_10.0.0.1:5060/udp'=3ms;;;0\n"
        "1:1 10.0.0.1:5060/udp up (active): OPTIONS 200 OK in 3 ms\n");

  render::ProbeRun critical;
  auto failed = test::target_result("10.0.0.1", 5060, sip::Transport::udp, 1);
  failed.options = test::server_answer(200, "OK", 3);
  failed.registration = test::server_answer(404, "Not Found", 4);
  critical.probe = probe::make_report({failed}, probe::RegisterCheck::on);
  critical.exit_status = critical.probe.exit_status;
  CHECK(render::probe_nagios(critical).starts_with(
    "SIP CRITICAL - 0/1 up (1 failed), no active server; 10.0.0.1:5060/udp failed | 'up'=0;;;0;1 'down'=0;;;0;1 "
    "'failed'=1;;;0;1 'unknown'=0;;;0;1 'rtt_10.0.0.1:5060/udp'=U;;;0\n"));
}

TEST_CASE("render::nagios::plugin_output: labels and text cannot break the format")
{
  // A quote or '=' in a label, a '|' or a line break in the text: each would
  // end a field early, so each is replaced.
  const render::nagios::Perfdata item{"a'b=c", 1.5, "s", "", "", std::nullopt, std::nullopt};
  CHECK(render::nagios::perfdata_text(item) == "'a_b_c'=1.5s");
  CHECK(render::nagios::plugin_output("SIP", util::ExitStatus::unknown, "x | y\nz", {item}, {"long | line"}) ==
        "SIP UNKNOWN - x / y\\nz | 'a_b_c'=1.5s\nlong / line\n");
  const render::nagios::Perfdata undetermined{"rtt", std::nullopt, "ms", "", "", 0.0, std::nullopt};
  CHECK(render::nagios::perfdata_text(undetermined) == "'rtt'=U;;;0");
}
