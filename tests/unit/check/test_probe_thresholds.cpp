// -w/-c UP[,RTT]: parsing, and how thresholds raise the status of a probe run.

#include "../render/probe_run_fixture.hpp"

#include "sipfo/check/probe_check.hpp"
#include "sipfo/check/probe_thresholds.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

using namespace sipfo;

namespace {

// Two UDP candidates that answer OPTIONS 200 in `rtt1` and `rtt2` ms.
probe::ProbeReport two_up(int rtt1, int rtt2)
{
  auto a = test::target_result("10.0.0.1", 5060, sip::Transport::udp, 1);
  a.options = test::server_answer(200, "OK", rtt1);
  auto b = test::target_result("10.0.0.2", 5060, sip::Transport::udp, 2);
  b.options = test::server_answer(200, "OK", rtt2);
  return probe::make_report({a, b}, probe::RegisterCheck::off);
}

std::string bad_threshold(const char* warning, const char* critical)
{
  try {
    check::parse_probe_thresholds(warning, critical);
  } catch (const util::InputError& error) {
    return util::format_input_error(error);
  }
  return "accepted";
}

} // namespace

TEST_CASE("check::parse_probe_thresholds: UP, UP,RTT and ,RTT")
{
  const auto t = check::parse_probe_thresholds("2:", "1:,1000");
  REQUIRE(t.up.warning);
  CHECK(t.up.warning->text == "2:");
  CHECK_FALSE(t.rtt_ms.warning);
  REQUIRE(t.up.critical);
  CHECK(t.up.critical->text == "1:");
  REQUIRE(t.rtt_ms.critical);
  CHECK(t.rtt_ms.critical->text == "1000");

  const auto rtt_only = check::parse_probe_thresholds(",~:200", "");
  CHECK_FALSE(rtt_only.up.warning);
  REQUIRE(rtt_only.rtt_ms.warning);
  CHECK(rtt_only.rtt_ms.warning->alerts(201));
  CHECK_FALSE(rtt_only.up.critical);
}

TEST_CASE("check::parse_probe_thresholds: bad ranges are one input-error line")
{
  CHECK(bad_threshold("5:2", "") ==
        "bad --warning UP range '5:2' (write a Monitoring Plugins range: 10, 10:, ~:10, 10:20 or @10:20)");
  CHECK(bad_threshold("", "1:,fast") ==
        "bad --critical RTT range 'fast' (write a Monitoring Plugins range: 10, 10:, ~:10, 10:20 or @10:20)");
  CHECK(bad_threshold("1,2,3", "").starts_with("bad --warning '1,2,3' (write UP[,RTT]"));
  CHECK(bad_threshold(",", "").starts_with("bad --warning ',' (write UP[,RTT]"));
}

TEST_CASE("check::probe_status: thresholds on servers up")
{
  const auto report = two_up(5, 5);
  CHECK(check::probe_status(report, {}) == util::ExitStatus::ok);
  CHECK(check::probe_status(report, {}, check::parse_probe_thresholds("2:", "")) == util::ExitStatus::ok);
  CHECK(check::probe_status(report, {}, check::parse_probe_thresholds("3:", "")) == util::ExitStatus::warning);
  CHECK(check::probe_status(report, {}, check::parse_probe_thresholds("3:", "3:")) == util::ExitStatus::critical);
  CHECK(check::probe_status(report, {}, check::parse_probe_thresholds("", "@2:2")) == util::ExitStatus::critical);
}

TEST_CASE("check::probe_status: thresholds on each up server's OPTIONS rtt")
{
  const auto report = two_up(50, 250);
  CHECK(check::probe_status(report, {}, check::parse_probe_thresholds(",200", "")) == util::ExitStatus::warning);
  CHECK(check::probe_status(report, {}, check::parse_probe_thresholds(",200", ",240")) == util::ExitStatus::critical);
  CHECK(check::probe_status(report, {}, check::parse_probe_thresholds(",300", ",1000")) == util::ExitStatus::ok);
  const auto alerts = check::threshold_alerts(report, check::parse_probe_thresholds(",200", ",240"));
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].status == util::ExitStatus::critical);
  CHECK(alerts[0].text == "10.0.0.2:5060/udp answered OPTIONS in 250 ms, outside the critical range 240");
}

TEST_CASE("check::probe_status: thresholds never soften the verdict")
{
  // P2 down, P3 refused: design §4 says warning; a generous -w/-c keeps it.
  const auto run = test::pivot_run();
  const auto findings = check::probe_findings(run.probe);
  CHECK(check::probe_status(run.probe, {{}, findings}, check::parse_probe_thresholds("0:", "0:")) ==
        util::ExitStatus::warning);
  // A sipfo-made 503 gives no rtt to judge: only the answered P1 (12 ms) is measured.
  CHECK(check::threshold_alerts(run.probe, check::parse_probe_thresholds(",10", "")).size() == 1);
}

TEST_CASE("check::probe_status: an error-level resolve finding never ends in OK")
{
  const auto report = two_up(5, 5);
  const std::vector<handset::Finding> resolve_error{handset::make_finding(handset::FindingCode::name_missing, "nosuch.test: NXDOMAIN")};
  const std::vector<handset::Finding> resolve_warning{handset::make_finding(handset::FindingCode::single_server, "one server")};
  CHECK(check::probe_status(report, {resolve_error, {}}) == util::ExitStatus::warning);
  CHECK(check::probe_status(report, {resolve_warning, {}}) == util::ExitStatus::ok);
}
