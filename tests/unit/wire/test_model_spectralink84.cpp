// parse-pcap --profile spectralink-84: hand-built stories against the 84's model.
// Expected values are derived by hand from the documents (handset-models §2, §4):
// retryMaxCount 3 = 4 sends, the next server when the fifth would be due (7.5 s);
// renewal at 3600 - 60 = 3540 s; failBack.mode registration: the renewal goes to
// the primary; registerRetry 60/60: a wait of 30-60 s after every server failed.
#include "test_model_fixture.hpp"

#include <doctest/doctest.h>

using namespace model_test;
using sipfo::util::FindingCode;

namespace {

// NAPTR -> _sip._udp -> p1 (priority 1), p2 (priority 2): CS-14-17's chain.
void eslab_dns(Story& story)
{
  story.dns("eslab.local.", dns::RrType::naptr, 0.0, {naptr("eslab.local.", "_sip._udp.eslab.local.")});
  story.dns("_sip._udp.eslab.local.", dns::RrType::srv, 0.1,
            {srv("_sip._udp.eslab.local.", 1, 10, "p1.eslab.local."), srv("_sip._udp.eslab.local.", 2, 10, "p2.eslab.local.")});
  story.dns("p1.eslab.local.", dns::RrType::a, 0.2, {a("p1.eslab.local.", "10.0.0.1")});
  story.dns("p2.eslab.local.", dns::RrType::a, 0.3, {a("p2.eslab.local.", "10.0.0.2")});
}

// p1 silent at boot: 4 sends (0, 0.5, 1.5, 3.5 s), p2 at 7.5 s answers; the
// renewal 3540 s after p2's 200 goes to p1 (registration mode), which answers.
Story conforming()
{
  Story story;
  eslab_dns(story);
  story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
  story.reg(server(2), 8.5, {0});                 // 200 at 8.55
  story.reg(server(1), 8.55 + 3540, {0});         // the renewal, to the primary
  return story;
}

} // namespace

TEST_CASE("model check spectralink-84: a conforming story gives no finding")
{
  const auto findings = wire::check_against_model(conforming().done(), expect(replay::Model::spectralink84));
  CHECK_MESSAGE(findings.empty(), (findings.empty() ? std::string() : findings.front().text));
}

TEST_CASE("model check spectralink-84: the issue's example, T1 right but the next server after 1 send")
{
  Story story;
  // An OPTIONS retransmitted at 0.5, 1.5, 3.5 s: T1 = 500 ms as RFC 3261 says.
  story.request("OPTIONS", server(1), 0.0, {0, 0.5, 1.5, 3.5}, reply(200, 0.02));
  // The REGISTER to p1 is sent once; 0.5 s later the phone registers with p2.
  story.reg(server(1), 10.0, {0}, std::nullopt);
  story.reg(server(2), 10.5, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::spectralink84));
  CHECK(of_code(findings, FindingCode::model_sip_timers).empty());
  const auto retry = of_code(findings, FindingCode::model_retry_count);
  REQUIRE(retry.size() == 1);
  CHECK(retry[0].observed == "went to the next server after 1 send, at 500 ms");
  CHECK(retry[0].expected == "after 3 retries (4 sends), at 7.5 s");
  CHECK(retry[0].text.find("documented rule is 3") != std::string::npos);
  CHECK(retry[0].source == "retryMaxCount, Polycom UC Software 4.1.6 guide p.48; sipfo's assumption");
  CHECK(retry[0].severity == util::Severity::warning);
  REQUIRE(retry[0].evidence.size() == 2);
  CHECK(retry[0].evidence[1] == story.phone.transactions[2].sends[0]);
}

TEST_CASE("model check spectralink-84: T1 of 1 s is a timer deviation")
{
  Story story;
  story.reg(server(1), 1.0, {0, 1, 3, 7}, std::nullopt);
  story.reg(server(2), 16.0, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::spectralink84));
  const auto timers = of_code(findings, FindingCode::model_sip_timers);
  REQUIRE(timers.size() == 1);
  CHECK(timers[0].observed == "retransmitted at 1.0, 3.0, 7.0 s");
  CHECK(timers[0].expected == "0.5, 1.5, 3.5 s (T1 = 500 ms doubling up to T2 = 4 s)");
  CHECK(timers[0].source == "t1, RFC 3261 Table 4; t2, RFC 3261 Table 4");
  // 4 sends is the rule, but 15 s is not 7.5 s.
  const auto retry = of_code(findings, FindingCode::model_retry_count);
  REQUIRE(retry.size() == 1);
  CHECK(retry[0].observed == "went to the next server after 4 sends, at 15 s");
}

TEST_CASE("model check spectralink-84: renewal at half the grant instead of 3540 s")
{
  Story story;
  story.reg(server(1), 0.0, {0});                // 200 at 0.05
  story.reg(server(1), 0.05 + 1800, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::spectralink84));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_registration_period);
  CHECK(findings[0].observed == "renewed 30 min after the 200");
  CHECK(findings[0].expected == "59 min (granted 1 h - overlap 1 min)");
  CHECK(findings[0].source == "expires.overlap, Polycom UC Software 4.1.6 guide p.47");
}

TEST_CASE("model check spectralink-84: a renewal that stays on the secondary under failBack.mode registration")
{
  Story story;
  eslab_dns(story);
  story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
  story.reg(server(2), 8.5, {0});
  story.reg(server(2), 8.55 + 3540, {0}); // should have gone to p1 first
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::spectralink84));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_failback);
  CHECK(findings[0].observed == "renewed with 10.0.0.2:5060/udp");
  CHECK(findings[0].expected == "the renewal to 10.0.0.1:5060 first (registration)");
  CHECK(findings[0].source.starts_with("failOver.failBack.mode, 84-Series Administration Guide p.231"));
}

TEST_CASE("model check spectralink-84: duration mode goes back when failBack.timeout runs out")
{
  auto expectation = expect(replay::Model::spectralink84);
  expectation.parameters.failback = replay::FailbackMode::duration;
  expectation.parameters.failback_timeout = 600'000; // 10 min
  Story story;
  story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
  story.reg(server(2), 8.5, {0});           // 200 at 8.55
  story.reg(server(1), 8.55 + 600, {0});    // back after 10 min
  CHECK(wire::check_against_model(story.done(), expectation).empty());

  Story early;
  early.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
  early.reg(server(2), 8.5, {0});
  early.reg(server(1), 8.55 + 120, {0});    // back after 2 min
  const auto findings = wire::check_against_model(early.done(), expectation);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_failback);
  CHECK(findings[0].observed == "back to the first server after 2 min");
  CHECK(findings[0].expected.starts_with("back after 10 min (duration failOver.failBack.timeout"));
}

TEST_CASE("model check spectralink-84: DNS questions in another order than CS-14-17's")
{
  Story story;
  story.dns("eslab.local.", dns::RrType::naptr, 0.0, {naptr("eslab.local.", "_sip._udp.eslab.local.")});
  story.dns("_sip._udp.eslab.local.", dns::RrType::srv, 0.1,
            {srv("_sip._udp.eslab.local.", 1, 10, "p1.eslab.local."), srv("_sip._udp.eslab.local.", 2, 10, "p2.eslab.local.")});
  story.dns("p2.eslab.local.", dns::RrType::a, 0.2, {a("p2.eslab.local.", "10.0.0.2")});
  story.dns("p1.eslab.local.", dns::RrType::a, 0.3, {a("p1.eslab.local.", "10.0.0.1")});
  story.reg(server(1), 1.0, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::spectralink84));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_dns_questions);
  CHECK(findings[0].observed ==
        "NAPTR eslab.local, SRV _sip._udp.eslab.local, A p2.eslab.local, A p1.eslab.local");
  CHECK(findings[0].expected ==
        "NAPTR eslab.local, SRV _sip._udp.eslab.local, A p1.eslab.local, A p2.eslab.local");
  CHECK(findings[0].text.starts_with("question 3 was A p2.eslab.local; the 84's profile asks A p1.eslab.local"));
  CHECK(findings[0].source == "CS-14-17, DNS Configuration, Step 1");
  REQUIRE(findings[0].evidence.size() == 1);
  CHECK(findings[0].evidence[0] == story.phone.dns[2].queries[0]);
}

TEST_CASE("model check spectralink-84: a NAPTR the capture does not hold is not a deviation")
{
  // The phone had NAPTR cached (or the capture began after it): SRV and A only.
  Story story;
  story.dns("_sip._udp.eslab.local.", dns::RrType::srv, 0.1,
            {srv("_sip._udp.eslab.local.", 1, 10, "p1.eslab.local."), srv("_sip._udp.eslab.local.", 2, 10, "p2.eslab.local.")});
  story.dns("p1.eslab.local.", dns::RrType::a, 0.2, {a("p1.eslab.local.", "10.0.0.1")});
  story.dns("p2.eslab.local.", dns::RrType::a, 0.3, {a("p2.eslab.local.", "10.0.0.2")});
  story.reg(server(1), 1.0, {0});
  auto expectation = expect(replay::Model::spectralink84);
  expectation.setting = handset::ServerSetting{"eslab.local", 0, handset::TransportSetting::naptr};
  CHECK(wire::check_against_model(story.done(), expectation).empty());
}

TEST_CASE("model check spectralink-84: registering with priority 2 first is a server-order deviation")
{
  Story story;
  eslab_dns(story);
  story.reg(server(2), 1.0, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::spectralink84));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_server_order);
  CHECK(findings[0].observed == "10.0.0.2:5060/udp");
  CHECK(findings[0].expected ==
        "10.0.0.1:5060/udp (priority 1, weight 10), then 10.0.0.2:5060/udp (priority 2, weight 10)");
}

TEST_CASE("model check spectralink-84: the wait after every server failed against registerRetry 60/60")
{
  // p1: 4 sends, p2 (last): Timer F, 11 sends from 8.5 s, fails at 40.5 s.
  // W = min(60, 60 x 2^1) = 60 s: the retry comes 30-60 s later.
  const auto run = [](double retry_at) {
    Story story;
    story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
    story.reg(server(2), 8.5, timer_f_sends, std::nullopt);
    story.reg(server(1), retry_at, {0});
    return wire::check_against_model(story.done(), expect(replay::Model::spectralink84));
  };
  CHECK(run(40.5 + 45).empty());
  const auto findings = run(40.5 + 5);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_retry_backoff);
  CHECK(findings[0].observed == "tried again 5 s after the last server failed");
  CHECK(findings[0].expected == "30 s to 1 min (W = min(1 min, 1 min x 2^1) = 1 min, a wait in [W/2, W])");
  CHECK(findings[0].source.starts_with("registerRetry.baseTimeOut, Polycom UC Software 4.1.6 guide p.48"));
}

TEST_CASE("model check spectralink-84: --config names a server the phone never looked up")
{
  Story story;
  eslab_dns(story);
  story.reg(server(1), 1.0, {0});
  auto expectation = expect(replay::Model::spectralink84);
  expectation.setting = handset::ServerSetting{"voice.example.net", 0, handset::TransportSetting::naptr};
  const auto findings = of_code(wire::check_against_model(story.done(), expectation), FindingCode::model_dns_questions);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].observed == "NAPTR eslab.local");
  CHECK(findings[0].expected == "questions about voice.example.net (voice.example.net, transport naptr, port 0)");
  CHECK(findings[0].evidence[0] == story.phone.dns[0].queries[0]);
}

TEST_CASE("model check spectralink-84: a keep-alive the primary leaves unanswered moves the registration by the same rule")
{
  // Registered with p1; at 300 s its OPTIONS goes unanswered: 4 sends, then
  // REGISTER with p2 at 7.5 s (retryMaxCount 3). No renewal is due then, and
  // that REGISTER is no early renewal: it answers the failure.
  const auto run = [](std::initializer_list<double> sends, double moved_after) {
    Story story;
    story.reg(server(1), 0.0, {0});
    story.request("OPTIONS", server(1), 300.0, sends, std::nullopt);
    story.reg(server(2), 300.0 + moved_after, {0});
    return wire::check_against_model(story.done(), expect(replay::Model::spectralink84));
  };
  const auto conforming = run({0, 0.5, 1.5, 3.5}, 7.5);
  CHECK_MESSAGE(conforming.empty(), (conforming.empty() ? std::string() : conforming.front().text));
  const auto findings = run({0}, 0.5);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_retry_count);
  CHECK(findings[0].text.starts_with("OPTIONS to 10.0.0.1:5060/udp went unanswered and the phone registered with "
                                     "the next server (10.0.0.2:5060/udp) after 1 send, at 500 ms"));
}
