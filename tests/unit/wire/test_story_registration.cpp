// The story builder on SIP registrations: transactions, visits, failovers and
// failbacks, the verdict and its cause. Expectations derived by hand from the
// events fed (RFC 3261 17.1.2.2 timers; parse-log's cause vocabulary).
#include "story_events.hpp"

#include <doctest/doctest.h>

using namespace sipfo;
using namespace sipfo::wire;
using namespace sipfo::wire::test;
using util::FindingCode;

namespace {

const auto phone = endpoint("10.0.0.50", 5060);
const auto p1 = endpoint("10.0.0.1", 5060);
const auto p2 = endpoint("10.0.0.2", 5060);

SipRequestSpec reg(const char* branch, std::uint32_t cseq, bool credentials = false)
{
  SipRequestSpec spec;
  spec.branch = branch;
  spec.cseq = cseq;
  spec.credentials = credentials;
  return spec;
}

} // namespace

TEST_CASE("wire::StoryBuilder: 84-style failover, three sends to p1 then p2 answers")
{
  StoryBuilder builder;
  Feed feed(builder);
  const auto a = reg("z9hG4bKa", 1);
  const auto b = reg("z9hG4bKb", 2);
  const auto c = reg("z9hG4bKc", 3);
  feed.sip(0ms, phone, p1, sip_request(a));    // #1
  feed.sip(500ms, phone, p1, sip_request(a));  // #2
  feed.sip(1500ms, phone, p1, sip_request(a)); // #3
  feed.sip(3500ms, phone, p2, sip_request(b)); // #4
  feed.sip(3520ms, p2, phone, sip_response(b, 200, "OK", "Contact: <sip:1512@10.0.0.50:5060>;expires=3600\r\n")); // #5
  feed.sip(40s, phone, p2, sip_request(c));    // #6
  feed.sip(40010ms, p2, phone, sip_response(c, 200, "OK", "Contact: <sip:1512@10.0.0.50:5060>;expires=3600\r\n"));
  auto story = builder.finish(feed.packets());

  CHECK(story.packets == 7);
  CHECK(story.sip_messages == 7);
  REQUIRE(story.phones.size() == 1);
  const auto& story_phone = story.phones[0];
  CHECK(story_phone.phone == phone.address);
  REQUIRE(story_phone.transactions.size() == 3);
  const auto& first = story_phone.transactions[0];
  CHECK(first.server == p1);
  CHECK(first.sends.size() == 3);
  CHECK(first.sends[2].number == 3);
  CHECK(first.end == TransactionEnd::timed_out); // the capture went on past 32 s
  CHECK(first.expires_asked == 3600u);
  CHECK(first.address_of_record == "sip:1512@eslab.local");
  const auto& second = story_phone.transactions[1];
  CHECK(second.end == TransactionEnd::success);
  REQUIRE(second.responses.size() == 1);
  CHECK(second.responses[0].granted_expires == 3600u);

  REQUIRE(story_phone.visits.size() == 2);
  CHECK(story_phone.visits[0].server == p1);
  CHECK(story_phone.visits[0].end == TransactionEnd::timed_out);
  CHECK(story_phone.visits[0].final_code == 0);
  CHECK(story_phone.visits[1].server == p2);
  CHECK(story_phone.visits[1].transactions == 2);
  CHECK(story_phone.visits[1].final_code == 200);
  CHECK(story_phone.visits[1].last.number == 7);

  REQUIRE(story_phone.changes.size() == 1);
  CHECK(story_phone.changes[0].kind == ServerChangeKind::failover);
  CHECK(story_phone.changes[0].packet.number == 4);
  CHECK(story_phone.changes[0].why == "no answer after 3 sends (3.5 s)");

  CHECK(story_phone.registers == 3);
  CHECK(story_phone.registrations_failed == 1);
  CHECK(story_phone.verdict == PhoneVerdict::recovered);
  CHECK(story_phone.root_cause == FindingCode::server_timeout_failover);

  const auto* early = find_finding(story_phone, FindingCode::server_abandoned_early);
  REQUIRE(early);
  CHECK(early->observed == "went to 10.0.0.2:5060 after 3 sends in 3.5 s without an answer");
  CHECK(early->severity == util::Severity::warning);
  CHECK(early->evidence.back().number == 4);
  // 0.5 and 1.5 s are RFC 3261's own schedule: no finding about it.
  CHECK_FALSE(find_finding(story_phone, FindingCode::sip_retransmit_schedule));
  CHECK(find_finding(story_phone, FindingCode::server_timeout_failover));
  // No DNS in the capture: where the address came from cannot be told.
  CHECK_FALSE(find_finding(story_phone, FindingCode::server_not_in_dns));
}

TEST_CASE("wire::StoryBuilder: a 401 challenge then 200 with credentials is a plain registration")
{
  StoryBuilder builder;
  Feed feed(builder);
  const auto a = reg("z9hG4bKa", 1);
  const auto b = reg("z9hG4bKb", 2, true);
  feed.sip(0ms, phone, p1, sip_request(a));
  feed.sip(10ms, p1, phone, sip_response(a, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"eslab\", nonce=\"n\"\r\n"));
  feed.sip(20ms, phone, p1, sip_request(b));
  feed.sip(30ms, p1, phone, sip_response(b, 200, "OK", "Contact: <sip:1512@10.0.0.50:5060>;expires=600\r\n"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.transactions.size() == 2);
  REQUIRE(p.transactions[0].responses.size() == 1);
  CHECK(p.transactions[0].responses[0].challenge);
  CHECK(p.transactions[0].end == TransactionEnd::rejected);
  CHECK_FALSE(p.transactions[0].has_credentials);
  CHECK(p.transactions[1].has_credentials);
  CHECK(p.transactions[1].responses[0].granted_expires == 600u);
  CHECK(p.registrations_failed == 0);
  CHECK(p.verdict == PhoneVerdict::registered);
  CHECK(p.root_cause == FindingCode::registered_ok);
  CHECK(p.changes.empty());
  CHECK(p.visits.size() == 1);
  CHECK(p.findings.empty());
}

TEST_CASE("wire::StoryBuilder: 403 after credentials is auth_rejected, 404 user_unknown, 503 server_rejected")
{
  struct Case {
    int code;
    const char* reason;
    FindingCode cause;
  };
  for (const Case& c : {Case{403, "Forbidden", FindingCode::auth_rejected}, Case{404, "Not Found", FindingCode::user_unknown},
                        Case{503, "Service Unavailable", FindingCode::server_rejected}}) {
    CAPTURE(c.code);
    StoryBuilder builder;
    Feed feed(builder);
    const auto a = reg("z9hG4bKa", 1);
    const auto b = reg("z9hG4bKb", 2, true);
    feed.sip(0ms, phone, p1, sip_request(a));
    feed.sip(10ms, p1, phone, sip_response(a, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"e\", nonce=\"n\"\r\n"));
    feed.sip(20ms, phone, p1, sip_request(b));
    feed.sip(30ms, p1, phone, sip_response(b, c.code, c.reason, "Retry-After: 30\r\n"));
    auto story = builder.finish(feed.packets());
    REQUIRE(story.phones.size() == 1);
    const auto& p = story.phones[0];
    CHECK(p.verdict == PhoneVerdict::failed);
    CHECK(p.root_cause == c.cause);
    CHECK(p.registrations_failed == 1);
    CHECK(p.transactions[1].responses[0].retry_after == 30u);
    const auto* finding = find_finding(p, c.cause);
    REQUIRE(finding);
    CHECK(finding->text == fmt::format("REGISTER to 10.0.0.1:5060: {} {} after credentials were sent", c.code, c.reason));
    CHECK(finding->severity == util::Severity::error);
    CHECK(finding->evidence.back().number == 4);
  }
}

TEST_CASE("wire::StoryBuilder: 403 without credentials is the server's refusal, not a password problem")
{
  StoryBuilder builder;
  Feed feed(builder);
  const auto a = reg("z9hG4bKa", 1);
  feed.sip(0ms, phone, p1, sip_request(a));
  feed.sip(10ms, p1, phone, sip_response(a, 403, "Forbidden"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  CHECK(story.phones[0].root_cause == FindingCode::server_rejected);
}

TEST_CASE("wire::StoryBuilder: failover after Timer F, then failback to the first server")
{
  StoryBuilder builder;
  Feed feed(builder);
  const auto a = reg("z9hG4bKa", 1);
  const auto b = reg("z9hG4bKb", 2);
  const auto c = reg("z9hG4bKc", 3);
  const auto d = reg("z9hG4bKd", 4);
  feed.sip(0ms, phone, p1, sip_request(a));
  feed.sip(10ms, p1, phone, sip_response(a, 200, "OK"));
  // RFC 3261 17.1.2.2 to the letter: 0.5, 1.5, 3.5, 7.5, then every 4 s to 31.5 s.
  for (int offset : {0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500})
    feed.sip(60s + std::chrono::milliseconds(offset), phone, p1, sip_request(b));
  const auto to_p2 = feed.sip(92100ms, phone, p2, sip_request(c));
  feed.sip(92110ms, p2, phone, sip_response(c, 200, "OK"));
  const auto back = feed.sip(200s, phone, p1, sip_request(d));
  feed.sip(200010ms, p1, phone, sip_response(d, 200, "OK"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.visits.size() == 3);
  CHECK(p.visits[0].server == p1);
  CHECK(p.visits[0].transactions == 2);
  CHECK(p.visits[0].end == TransactionEnd::timed_out);
  REQUIRE(p.changes.size() == 2);
  CHECK(p.changes[0].kind == ServerChangeKind::failover);
  CHECK(p.changes[0].packet.number == to_p2);
  CHECK(p.changes[0].why == "no answer after 11 sends (32.1 s)");
  CHECK(p.changes[1].kind == ServerChangeKind::failback);
  CHECK(p.changes[1].from == p2);
  CHECK(p.changes[1].to == p1);
  CHECK(p.changes[1].packet.number == back);
  CHECK(p.verdict == PhoneVerdict::recovered);
  CHECK(p.root_cause == FindingCode::server_timeout_failover);
  CHECK_FALSE(find_finding(p, FindingCode::server_abandoned_early)); // it waited out Timer F
  CHECK_FALSE(find_finding(p, FindingCode::sip_retransmit_schedule));
}

TEST_CASE("wire::StoryBuilder: a change of server while the last one answered is a move")
{
  StoryBuilder builder;
  Feed feed(builder);
  const auto a = reg("z9hG4bKa", 1);
  const auto b = reg("z9hG4bKb", 2);
  feed.sip(0ms, phone, p1, sip_request(a));
  feed.sip(10ms, p1, phone, sip_response(a, 200, "OK"));
  feed.sip(60s, phone, p2, sip_request(b));
  feed.sip(60010ms, p2, phone, sip_response(b, 200, "OK"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  REQUIRE(story.phones[0].changes.size() == 1);
  CHECK(story.phones[0].changes[0].kind == ServerChangeKind::move);
  CHECK(story.phones[0].changes[0].why == "200 OK");
  CHECK(story.phones[0].verdict == PhoneVerdict::registered);
}

TEST_CASE("wire::StoryBuilder: a REGISTER still waiting when the capture ends is unfinished")
{
  StoryBuilder builder;
  Feed feed(builder);
  feed.sip(0ms, phone, p1, sip_request(reg("z9hG4bKa", 1)));
  feed.sip(500ms, phone, p1, sip_request(reg("z9hG4bKa", 1)));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  REQUIRE(story.phones[0].transactions.size() == 1);
  CHECK(story.phones[0].transactions[0].end == TransactionEnd::unfinished);
  CHECK(story.phones[0].registrations_failed == 0);
  // Nothing decided the registration: not FAILED, and no cause is claimed.
  CHECK(story.phones[0].verdict == PhoneVerdict::unfinished);
  CHECK_FALSE(story.phones[0].root_cause);
}

TEST_CASE("wire::StoryBuilder: a registrar's own OPTIONS do not make it a phone, and --phone keeps one address")
{
  const auto a = reg("z9hG4bKa", 1);
  SipRequestSpec ping;
  ping.method = "OPTIONS";
  ping.branch = "z9hG4bKping";
  auto feed_all = [&](StoryBuilder& builder) {
    Feed feed(builder);
    feed.sip(0ms, phone, p1, sip_request(a));
    feed.sip(10ms, p1, phone, sip_response(a, 200, "OK"));
    feed.sip(20ms, p1, phone, sip_request(ping));
    feed.sip(30ms, endpoint("10.0.0.51", 5060), p1, sip_request(reg("z9hG4bKother", 1)));
    return feed.packets();
  };
  StoryBuilder all;
  auto story = all.finish(feed_all(all));
  REQUIRE(story.phones.size() == 2);
  CHECK(story.phones[0].phone == phone.address);
  CHECK(story.phones[1].phone == ip("10.0.0.51"));

  StoryOptions options;
  options.phone = ip("10.0.0.51");
  StoryBuilder one(options);
  auto only = one.finish(feed_all(one));
  REQUIRE(only.phones.size() == 1);
  CHECK(only.phones[0].phone == ip("10.0.0.51"));
}

TEST_CASE("wire::StoryBuilder: a send crossing the final response is a retransmission, one a minute later a new transaction")
{
  StoryBuilder builder;
  Feed feed(builder);
  const auto a = reg("z9hG4bKsame", 1);
  feed.sip(0ms, phone, p1, sip_request(a));
  feed.sip(500ms, p1, phone, sip_response(a, 200, "OK"));
  feed.sip(510ms, phone, p1, sip_request(a)); // crossed the 200 on the wire
  feed.sip(60s, phone, p1, sip_request(a));   // the same branch reused for the refresh
  feed.sip(60010ms, p1, phone, sip_response(a, 200, "OK"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.transactions.size() == 2);
  CHECK(p.transactions[0].sends.size() == 2);
  CHECK(p.transactions[1].sends.size() == 1);
  CHECK(p.transactions[1].end == TransactionEnd::success);
  CHECK(p.registrations_failed == 0);
}

TEST_CASE("wire::StoryBuilder: an INVITE that got 180 and no final is unfinished, not timed out (RFC 3261 17.1.1.2)")
{
  StoryBuilder builder;
  Feed feed(builder);
  SipRequestSpec invite;
  invite.method = "INVITE";
  invite.branch = "z9hG4bKinv";
  feed.sip(0ms, phone, p1, sip_request(invite));
  feed.sip(100ms, p1, phone, sip_response(invite, 180, "Ringing"));
  SipRequestSpec options;
  options.method = "OPTIONS";
  options.branch = "z9hG4bKopt";
  feed.sip(40s, phone, p1, sip_request(options)); // the capture goes on past 32 s
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.transactions.size() == 2);
  CHECK(p.transactions[0].method == "INVITE");
  CHECK(p.transactions[0].end == TransactionEnd::unfinished);
  CHECK(p.transactions[1].end == TransactionEnd::unfinished); // 40 s was its last instant
}

TEST_CASE("wire::StoryBuilder: 423 Interval Too Brief and a 302 are steps of the exchange, not failures")
{
  StoryBuilder builder;
  Feed feed(builder);
  const auto a = reg("z9hG4bKa", 1);
  const auto b = reg("z9hG4bKb", 2);
  const auto c = reg("z9hG4bKc", 3);
  feed.sip(0ms, phone, p1, sip_request(a));
  feed.sip(10ms, p1, phone, sip_response(a, 423, "Interval Too Brief", "Min-Expires: 7200\r\n"));
  feed.sip(20ms, phone, p1, sip_request(b));
  feed.sip(30ms, p1, phone, sip_response(b, 302, "Moved Temporarily", "Contact: <sip:10.0.0.2>\r\n"));
  feed.sip(40ms, phone, p2, sip_request(c));
  feed.sip(50ms, p2, phone, sip_response(c, 200, "OK"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  CHECK(p.registrations_failed == 0);
  CHECK(p.verdict == PhoneVerdict::registered);
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].kind == ServerChangeKind::move);
  CHECK(p.changes[0].why == "302 Moved Temporarily");
}

TEST_CASE("wire::StoryBuilder: an un-REGISTER (Expires 0) that succeeds registers nothing")
{
  StoryBuilder builder;
  Feed feed(builder);
  auto a = reg("z9hG4bKa", 1);
  a.expires = 0;
  feed.sip(0ms, phone, p1, sip_request(a));
  feed.sip(10ms, p1, phone, sip_response(a, 200, "OK"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  CHECK(story.phones[0].transactions[0].expires_asked == 0u);
  CHECK(story.phones[0].verdict == PhoneVerdict::failed);
  CHECK_FALSE(story.phones[0].root_cause);
}

TEST_CASE("wire::StoryBuilder: a capture that ends before Timer F still shows the failover the phone made")
{
  StoryBuilder builder;
  Feed feed(builder);
  const auto a = reg("z9hG4bKa", 1);
  const auto b = reg("z9hG4bKb", 2);
  feed.sip(0ms, phone, p1, sip_request(a));
  feed.sip(500ms, phone, p1, sip_request(a));
  feed.sip(1500ms, phone, p1, sip_request(a));
  feed.sip(3664ms, phone, p2, sip_request(b));
  feed.sip(3670ms, p2, phone, sip_response(b, 200, "OK"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  CHECK(p.transactions[0].end == TransactionEnd::unfinished); // the capture ended 3.7 s after its first send
  CHECK(p.registrations_failed == 0);
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].kind == ServerChangeKind::failover);
  CHECK(p.changes[0].why == "no answer after 3 sends (3.664 s)");
  CHECK(p.verdict == PhoneVerdict::recovered);
  CHECK(p.root_cause == FindingCode::server_timeout_failover);
  const auto* finding = find_finding(p, FindingCode::server_timeout_failover);
  REQUIRE(finding);
  CHECK(finding->observed == "no answer to 3 sends; the phone moved on after 3.664 s");
  CHECK(find_finding(p, FindingCode::server_abandoned_early));
}
