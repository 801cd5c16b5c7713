// parse-pcap --profile rfc3263: hand-built stories against plain RFC 3263.
// Hand-derived: no vendor retry count, so every silent server gets Timer F
// (64 x T1 = 32 s, 11 sends: RFC 3261 17.1.2.2); equal SRV priorities may come in
// any order (RFC 2782); every REGISTER starts at the top of the list, so the
// renewal after a failover goes to the first server; RFC 5626 backoff 30/1800 s.
#include "test_model_fixture.hpp"

#include <doctest/doctest.h>

using namespace model_test;
using sipfo::util::FindingCode;

namespace {

void eslab_dns(Story& story, std::uint16_t p2_priority)
{
  story.dns("eslab.local.", dns::RrType::naptr, 0.0, {naptr("eslab.local.", "_sip._udp.eslab.local.")});
  story.dns("_sip._udp.eslab.local.", dns::RrType::srv, 0.1,
            {srv("_sip._udp.eslab.local.", 1, 50, "p1.eslab.local."),
             srv("_sip._udp.eslab.local.", p2_priority, 50, "p2.eslab.local.")});
  story.dns("p1.eslab.local.", dns::RrType::a, 0.2, {a("p1.eslab.local.", "10.0.0.1")});
  story.dns("p2.eslab.local.", dns::RrType::a, 0.3, {a("p2.eslab.local.", "10.0.0.2")});
}

} // namespace

TEST_CASE("model check rfc3263: a conforming story gives no finding")
{
  // The phone asks A only (no AAAA): the AAAA questions the profile asks are
  // not in the capture, which is no deviation.
  Story story;
  eslab_dns(story, 2);
  story.reg(server(1), 1.0, timer_f_sends, std::nullopt); // silent: Timer F
  story.reg(server(2), 33.0, {0});                        // 200 at 33.05
  story.reg(server(1), 33.05 + 3540, {0});                // renewal: top of the list
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::rfc3263));
  CHECK_MESSAGE(findings.empty(), (findings.empty() ? std::string() : findings.front().text));
}

TEST_CASE("model check rfc3263: equal priorities in the other order are not a deviation")
{
  Story story;
  story.dns("eslab.local.", dns::RrType::naptr, 0.0, {naptr("eslab.local.", "_sip._udp.eslab.local.")});
  story.dns("_sip._udp.eslab.local.", dns::RrType::srv, 0.1,
            {srv("_sip._udp.eslab.local.", 1, 50, "p1.eslab.local."), srv("_sip._udp.eslab.local.", 1, 50, "p2.eslab.local.")});
  story.dns("p2.eslab.local.", dns::RrType::a, 0.2, {a("p2.eslab.local.", "10.0.0.2")});
  story.dns("p1.eslab.local.", dns::RrType::a, 0.3, {a("p1.eslab.local.", "10.0.0.1")});
  story.reg(server(2), 1.0, timer_f_sends, std::nullopt);
  story.reg(server(1), 33.0, {0});
  story.reg(server(1), 33.05 + 3540, {0}); // equal priorities: no server to go back to
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::rfc3263));
  CHECK_MESSAGE(findings.empty(), (findings.empty() ? std::string() : findings.front().text));
}

TEST_CASE("model check rfc3263: the next server after 4 sends instead of Timer F")
{
  Story story;
  eslab_dns(story, 2);
  story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
  story.reg(server(2), 8.5, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::rfc3263));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_retry_count);
  CHECK(findings[0].observed == "went to the next server after 4 sends, at 7.5 s");
  CHECK(findings[0].expected == "after 11 sends, at 32 s (Timer F)");
  CHECK(findings[0].text.find("RFC 3263's rule is Timer F") != std::string::npos);
  CHECK(findings[0].source.starts_with("RFC 3263 4.3"));
}

TEST_CASE("model check rfc3263: priority 2 before priority 1 is a server-order deviation")
{
  Story story;
  eslab_dns(story, 2);
  story.reg(server(2), 1.0, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::rfc3263));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_server_order);
  CHECK(findings[0].source == "RFC 2782 Usage rules; RFC 3263 4.4");
  CHECK(findings[0].expected.ends_with("equal priorities in any order (RFC 2782 weighted random)"));
}

TEST_CASE("model check rfc3263: a retry 10 s after every server failed, RFC 5626 says 30-60 s")
{
  Story story;
  story.reg(server(1), 1.0, timer_f_sends, std::nullopt);  // fails at 33
  story.reg(server(2), 33.0, timer_f_sends, std::nullopt); // fails at 65
  story.reg(server(1), 75.0, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::rfc3263));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_retry_backoff);
  CHECK(findings[0].observed == "tried again 10 s after the last server failed");
  CHECK(findings[0].expected == "30 s to 1 min (W = min(30 min, 30 s x 2^1) = 1 min, a wait in [W/2, W])");
  CHECK(findings[0].source ==
        "backoff_base_all_failed, RFC 5626 4.5; backoff_max, RFC 5626 4.5");
}

TEST_CASE("model check rfc3263: retransmissions after Timer F")
{
  Story story;
  story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5, 35.5}, std::nullopt);
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::rfc3263));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_sip_timers);
  CHECK(findings[0].text.find("past Timer F (32 s)") != std::string::npos);
  CHECK(findings[0].source == "timer_f, RFC 3261 17.1.2.2");
}

TEST_CASE("model check rfc3263: after a 100 Trying a non-INVITE is retransmitted every T2")
{
  // 100 Trying at 0.2 s: the transaction is Proceeding when Timer E fires at 0.5 s,
  // so E is reset to T2: 4.5, 8.5 (RFC 3261 17.1.2.2), not 1.5, 3.5.
  Story story;
  auto& tx = story.reg(server(1), 1.0, {0, 0.5, 4.5, 8.5}, reply(200, 0.05));
  wire::SipResponseSeen trying;
  trying.packet = story.mark(1.0 + 0.2);
  trying.code = 100;
  trying.reason = "Trying";
  tx.responses.insert(tx.responses.begin(), trying);
  const auto conforming = wire::check_against_model(story.done(), expect(replay::Model::rfc3263));
  CHECK(of_code(conforming, FindingCode::model_sip_timers).empty());
}
