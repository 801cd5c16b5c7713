// parse-pcap --profile yealink: hand-built stories against the Yealink model.
// Hand-derived (Yealink Server Redundancy; handset-models §6): retry_counts 3 =
// 4 sends, the next server at 7.5 s; failback_mode 0 (newRequests): the renewal
// 3540 s after the 200 goes to the primary; after every server failed a fixed
// reg_fail_retry_interval of 30 s; DNSTTL: back when the A record's TTL runs out.
#include "test_model_fixture.hpp"

#include <doctest/doctest.h>

using namespace model_test;
using sipfo::util::FindingCode;

namespace {

void eslab_dns(Story& story, std::uint32_t p2_ttl = 300)
{
  story.dns("eslab.local.", dns::RrType::naptr, 0.0, {naptr("eslab.local.", "_sip._udp.eslab.local.")});
  story.dns("_sip._udp.eslab.local.", dns::RrType::srv, 0.1,
            {srv("_sip._udp.eslab.local.", 1, 10, "p1.eslab.local."), srv("_sip._udp.eslab.local.", 2, 10, "p2.eslab.local.")});
  story.dns("p1.eslab.local.", dns::RrType::a, 0.2, {a("p1.eslab.local.", "10.0.0.1")});
  story.dns("p2.eslab.local.", dns::RrType::a, 0.3, {a("p2.eslab.local.", "10.0.0.2", p2_ttl)});
}

} // namespace

TEST_CASE("model check yealink: a conforming story gives no finding")
{
  Story story;
  eslab_dns(story);
  story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
  story.reg(server(2), 8.5, timer_f_sends, std::nullopt); // fails at 40.5
  story.reg(server(1), 70.5, {0, 0.5, 1.5, 3.5}, std::nullopt); // 30 s later
  story.reg(server(2), 78.0, {0});                        // 200 at 78.05
  story.reg(server(1), 78.05 + 3540, {0});                // newRequests: renewal to p1
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::yealink));
  CHECK_MESSAGE(findings.empty(), (findings.empty() ? std::string() : findings.front().text));
}

TEST_CASE("model check yealink: a retry 60 s after every server failed, the fixed interval is 30 s")
{
  Story story;
  story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
  story.reg(server(2), 8.5, timer_f_sends, std::nullopt);
  story.reg(server(1), 100.5, {0});
  const auto findings = wire::check_against_model(story.done(), expect(replay::Model::yealink));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_retry_backoff);
  CHECK(findings[0].observed == "tried again 1 min after the last server failed");
  CHECK(findings[0].expected == "30 s (a fixed 30 s)");
  CHECK(findings[0].source == "reg_fail_retry_interval, Yealink Administrator's Guide");
}

TEST_CASE("model check yealink: retry_counts 1 expects the next server after 2 sends")
{
  auto expectation = expect(replay::Model::yealink);
  expectation.parameters.retries = 1; // retry_counts = 1: 2 sends, next at 1.5 s
  Story story;
  story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
  story.reg(server(2), 8.5, {0});
  const auto findings = wire::check_against_model(story.done(), expectation);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_retry_count);
  CHECK(findings[0].observed == "went to the next server after 4 sends, at 7.5 s");
  CHECK(findings[0].expected == "after 1 retry (2 sends), at 1.5 s");
  CHECK(findings[0].source == "retry_counts, Yealink Server Redundancy, parameter table; sipfo's assumption");
}

TEST_CASE("model check yealink: DNSTTL goes back when the A record's TTL runs out")
{
  auto expectation = expect(replay::Model::yealink);
  expectation.parameters.failback = replay::FailbackMode::dns_ttl;
  const auto run = [&](bool back) {
    Story story;
    eslab_dns(story, 600); // p2's A record: TTL 10 min
    story.reg(server(1), 1.0, {0, 0.5, 1.5, 3.5}, std::nullopt);
    story.reg(server(2), 8.5, {0}); // 200 at 8.55
    if (back) story.reg(server(1), 8.55 + 600, {0});
    story.reg(back ? server(1) : server(2), 8.55 + (back ? 600 : 0) + 3540, {0});
    return wire::check_against_model(story.done(), expectation);
  };
  CHECK(run(true).empty());
  const auto findings = run(false);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == FindingCode::model_failback);
  CHECK(findings[0].observed == "no REGISTER to the first server in 59 min 0.05 s"); // to the renewal's 200
  CHECK(findings[0].expected == "back after 10 min (DNSTTL: the A record's TTL in the capture)");
  CHECK(findings[0].source == "failback_mode, Yealink Server Redundancy; Yealink Administrator's Guide");
}
