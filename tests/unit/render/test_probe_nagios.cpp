// `--format=nagios`: one line in the Nagios plugin format, state word matching
// the exit status, performance data with empty warn/crit/min fields.

#include "probe_run_fixture.hpp"

#include "sipfo/render/probe_report.hpp"

#include <doctest/doctest.h>

using namespace sipfo;

TEST_CASE("render::probe_nagios: WARNING with the active server's OPTIONS rtt")
{
  CHECK(render::probe_nagios(test::pivot_run()) ==
        "SIPFO PROBE WARNING - 1/3 up (2 down), active 10.0.0.1:5060/udp | up=1;;; down=2;;; failed=0;;; "
        "unknown=0;;; rtt_ms=12;;;\n");
}

TEST_CASE("render::probe_nagios: OK and CRITICAL")
{
  render::ProbeRun ok;
  auto up = test::target_result("10.0.0.1", 5060, sip::Transport::udp, 1);
  up.options = test::server_answer(200, "OK", 3);
  ok.probe = probe::make_report({up}, probe::RegisterCheck::off);
  ok.exit_status = ok.probe.exit_status;
  CHECK(render::probe_nagios(ok) ==
        "SIPFO PROBE OK - 1/1 up, active 10.0.0.1:5060/udp | up=1;;; down=0;;; failed=0;;; unknown=0;;; rtt_ms=3;;;\n");

  render::ProbeRun critical;
  auto failed = test::target_result("10.0.0.1", 5060, sip::Transport::udp, 1);
  failed.options = test::server_answer(200, "OK", 3);
  failed.registration = test::server_answer(404, "Not Found", 4);
  critical.probe = probe::make_report({failed}, probe::RegisterCheck::on);
  critical.exit_status = critical.probe.exit_status;
  CHECK(render::probe_nagios(critical) ==
        "SIPFO PROBE CRITICAL - 0/1 up (1 failed), no active server | up=0;;; down=0;;; failed=1;;; unknown=0;;; "
        "rtt_ms=U;;;\n");
}
