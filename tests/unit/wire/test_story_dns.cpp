// The story builder on DNS: queries paired with replies, retries, outcomes
// read as the dns layer reads them, and the causes a phone's DNS gives.
#include "story_events.hpp"

#include <doctest/doctest.h>

using namespace sipfo;
using namespace sipfo::wire;
using namespace sipfo::wire::test;
using util::FindingCode;

namespace {

const auto phone = endpoint("10.0.0.50", 33000);
const auto phone_sip = endpoint("10.0.0.50", 5060);
const auto resolver = endpoint("10.0.0.53", 53);
constexpr std::uint16_t type_a = 1;
constexpr std::uint16_t type_srv = 33;
constexpr std::uint16_t type_naptr = 35;
constexpr std::uint16_t nxdomain = 3;

} // namespace

TEST_CASE("wire::StoryBuilder: NXDOMAIN for every name asked and no REGISTER is dns_name_missing")
{
  StoryBuilder builder;
  Feed feed(builder);
  feed.dns(0ms, phone, resolver, dns_query(0x1111, "eslab.local", type_naptr));
  // The same question again before a reply, with a new id: a retry of the same exchange.
  feed.dns(1s, phone, resolver, dns_query(0x2222, "eslab.local", type_naptr));
  feed.dns(1010ms, resolver, phone, dns_reply(0x2222, "eslab.local", type_naptr, nxdomain, {}, 300, 36));
  feed.dns(1100ms, phone, resolver, dns_query(0x3333, "_sip._udp.eslab.local", type_srv));
  feed.dns(1110ms, resolver, phone, dns_reply(0x3333, "_sip._udp.eslab.local", type_srv, nxdomain, {}, 20, 36));
  feed.dns(1200ms, phone, resolver, dns_query(0x4444, "eslab.local", type_a));
  feed.dns(1210ms, resolver, phone, dns_reply(0x4444, "eslab.local", type_a, nxdomain, {}, 300, 36));
  auto story = builder.finish(feed.packets());

  CHECK(story.dns_messages == 7);
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.dns.size() == 3);
  const auto& naptr = p.dns[0];
  CHECK(naptr.question.name == "eslab.local.");
  CHECK(naptr.question.type == dns::RrType::naptr);
  CHECK(naptr.id == 0x1111);
  REQUIRE(naptr.queries.size() == 2);
  CHECK(naptr.queries[1].number == 2);
  REQUIRE(naptr.reply);
  CHECK(naptr.reply->number == 3);
  REQUIRE(naptr.answer);
  CHECK(naptr.answer->outcome == dns::Outcome::nxdomain);
  CHECK(naptr.answer->negative_ttl == 36u); // RFC 2308 5: min(SOA TTL 300, MINIMUM 36)
  CHECK(naptr.answer->source == "10.0.0.53@53");
  CHECK(naptr.answer->carrier == dns::Carrier::udp);
  CHECK(naptr.answer->elapsed == std::chrono::microseconds(1'010'000)); // from the first query
  CHECK(p.dns[1].answer->negative_ttl == 20u);

  CHECK(p.verdict == PhoneVerdict::no_registration);
  CHECK(p.root_cause == FindingCode::dns_name_missing);
  const auto* finding = find_finding(p, FindingCode::dns_name_missing);
  REQUIRE(finding);
  CHECK(finding->severity == util::Severity::error);
  CHECK(finding->evidence.front().number == 1);
}

TEST_CASE("wire::StoryBuilder: NODATA is dns_records_missing, no reply at all dns_unreachable")
{
  {
    StoryBuilder builder;
    Feed feed(builder);
    feed.dns(0ms, phone, resolver, dns_query(1, "_sip._udp.eslab.local", type_srv));
    feed.dns(5ms, resolver, phone, dns_reply(1, "_sip._udp.eslab.local", type_srv, nxdomain, {}, 60, 60));
    feed.dns(10ms, phone, resolver, dns_query(2, "eslab.local", type_a));
    feed.dns(15ms, resolver, phone, dns_reply(2, "eslab.local", type_a, 0, {}, 60, 60));
    auto story = builder.finish(feed.packets());
    REQUIRE(story.phones.size() == 1);
    CHECK(story.phones[0].dns[1].answer->outcome == dns::Outcome::nodata);
    CHECK(story.phones[0].root_cause == FindingCode::dns_records_missing);
  }
  {
    StoryBuilder builder;
    Feed feed(builder);
    feed.dns(0ms, phone, resolver, dns_query(1, "_sip._udp.eslab.local", type_srv));
    feed.dns(2s, phone, resolver, dns_query(1, "_sip._udp.eslab.local", type_srv));
    feed.dns(5s, phone, endpoint("10.0.0.54", 53), dns_query(1, "_sip._udp.eslab.local", type_srv));
    auto story = builder.finish(feed.packets());
    REQUIRE(story.phones.size() == 1);
    const auto& p = story.phones[0];
    REQUIRE(p.dns.size() == 2); // another server is another exchange
    CHECK(p.dns[0].queries.size() == 2);
    CHECK_FALSE(p.dns[0].answer);
    CHECK(p.root_cause == FindingCode::dns_unreachable);
  }
}

TEST_CASE("wire::StoryBuilder: a reply with another id or question closes nothing")
{
  StoryBuilder builder;
  Feed feed(builder);
  feed.dns(0ms, phone, resolver, dns_query(7, "eslab.local", type_a));
  feed.dns(5ms, resolver, phone, dns_reply(8, "eslab.local", type_a, 0, {{type_a, 60, a_rdata("10.0.0.1")}}));
  feed.dns(6ms, resolver, phone, dns_reply(7, "other.local", type_a, 0, {{type_a, 60, a_rdata("10.0.0.1")}}));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  REQUIRE(story.phones[0].dns.size() == 1);
  CHECK_FALSE(story.phones[0].dns[0].reply);
}

TEST_CASE("wire::StoryBuilder: REGISTER to an address no A answer gave is server_not_in_dns")
{
  const auto p1 = endpoint("10.0.0.1", 5060);
  const auto stray = endpoint("10.0.0.9", 5060);
  StoryBuilder builder;
  Feed feed(builder);
  feed.dns(0ms, phone, resolver, dns_query(1, "p1.eslab.local", type_a));
  feed.dns(5ms, resolver, phone, dns_reply(1, "p1.eslab.local", type_a, 0, {{type_a, 3600, a_rdata("10.0.0.1")}}));
  SipRequestSpec a;
  a.branch = "z9hG4bKa";
  SipRequestSpec b;
  b.branch = "z9hG4bKb";
  b.cseq = 2;
  feed.sip(10ms, phone_sip, p1, sip_request(a));
  feed.sip(20ms, p1, phone_sip, sip_response(a, 200, "OK"));
  const auto stray_packet = feed.sip(30ms, phone_sip, stray, sip_request(b));
  feed.sip(40ms, stray, phone_sip, sip_response(b, 200, "OK"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.dns.size() == 1);
  REQUIRE(p.dns[0].answer);
  CHECK(p.dns[0].answer->outcome == dns::Outcome::noerror);
  REQUIRE(p.dns[0].answer->records.size() == 1);
  CHECK(p.dns[0].answer->records[0].ttl == 3600u);
  const auto* finding = find_finding(p, FindingCode::server_not_in_dns);
  REQUIRE(finding);
  CHECK(finding->count == 1); // only 10.0.0.9; 10.0.0.1 came from DNS
  CHECK(finding->observed == "REGISTER sent to 10.0.0.9");
  CHECK(finding->evidence.front().number == stray_packet);
}
