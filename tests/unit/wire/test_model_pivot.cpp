// parse-pcap --profile pivot: hand-built stories against the PIVOT model.
// Hand-derived (CS-18-09; handset-models §5): the candidates come from
// _sip._udp SRV, preferred by priority; the REGISTER refresh is min(300 s,
// granted / 2) = 300 s for a 3600 s grant; a silent server is down after Timer F
// (32 s, 11 sends); once the preferred server answers OPTIONS again the phone
// registers back with it in that round.
#include "test_model_fixture.hpp"

#include <doctest/doctest.h>

using namespace model_test;
using sipfo::util::FindingCode;

namespace {

// Boot: SRV and A, OPTIONS to both at 0.5 s, REGISTER p1 at 1 s (200 at 1.05).
Story booted()
{
  Story story;
  story.dns("_sip._udp.eslab.local.", dns::RrType::srv, 0.0,
            {srv("_sip._udp.eslab.local.", 1, 10, "p1.eslab.local."), srv("_sip._udp.eslab.local.", 2, 10, "p2.eslab.local.")});
  story.dns("p1.eslab.local.", dns::RrType::a, 0.1, {a("p1.eslab.local.", "10.0.0.1")});
  story.dns("p2.eslab.local.", dns::RrType::a, 0.2, {a("p2.eslab.local.", "10.0.0.2")});
  story.request("OPTIONS", server(1), 0.5, {0}, reply(200, 0.02));
  story.request("OPTIONS", server(2), 0.5, {0}, reply(200, 0.02));
  story.reg(server(1), 1.0, {0});
  return story;
}

// p1 goes silent: the refresh at 301.05 gets no answer (Timer F), p2 at 333.05
// (200 at 333.1); p1 answers OPTIONS again at 600 s; p2 refreshed at 633.1 s.
Story failed_over()
{
  auto story = booted();
  story.reg(server(1), 301.05, timer_f_sends, std::nullopt);
  story.reg(server(2), 333.05, {0});
  story.request("OPTIONS", server(1), 600.0, {0}, reply(200, 0.02));
  return story;
}

} // namespace

TEST_CASE("model check pivot: a conforming story gives no finding")
{
  auto story = failed_over();
  story.reg(server(1), 600.5, {0}); // back in the same OPTIONS round
  story.reg(server(1), 900.55, {0}); // refresh 300 s later
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::pivot));
  CHECK_MESSAGE(findings.empty(), (findings.empty() ? std::string() : findings.front().text));
}

TEST_CASE("model check pivot: a refresh after 59 min instead of 5 min")
{
  auto story = booted();
  story.reg(server(1), 1.05 + 3540, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::pivot));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_registration_period);
  CHECK(findings[0].observed == "renewed 59 min after the 200");
  CHECK(findings[0].expected == "5 min (min(register_refresh_max 5 min, granted 1 h / 2))");
  CHECK(findings[0].source == "register_refresh_max, CS-18-09 Call server status");
}

TEST_CASE("model check pivot: the preferred server answers OPTIONS but the phone stays on the other")
{
  auto story = failed_over();
  story.reg(server(2), 633.1, {0});  // refresh with p2 again
  story.reg(server(2), 933.15, {0}); // and again
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::pivot));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_failback);
  CHECK(findings[0].observed == "no failback");
  CHECK(findings[0].expected == "back in the same OPTIONS round (within 37 s)");
  CHECK(findings[0].source == "options_interval, CS-18-09 Preferred server examples");
}

TEST_CASE("model check pivot: OPTIONS retransmitted on a 1 s T1")
{
  auto story = booted();
  story.request("OPTIONS", server(2), 300.5, {0, 1, 3}, reply(200, 0.02));
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::pivot));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_sip_timers);
  CHECK(findings[0].observed == "retransmitted at 1.0, 3.0 s");
  CHECK(findings[0].expected == "0.5, 1.5 s (T1 = 500 ms doubling up to T2 = 4 s)");
}
