// The story builder's bounds (StoryLimits) and RFC 3261's retransmission
// schedule as the builder measures it.
#include "story_events.hpp"

#include "wire/retransmit_schedule.hpp"

#include <doctest/doctest.h>

using namespace sipfo;
using namespace sipfo::wire;
using namespace sipfo::wire::test;
using util::FindingCode;

namespace {

const auto phone = endpoint("10.0.0.50", 5060);
const auto p1 = endpoint("10.0.0.1", 5060);

std::vector<double> seconds(const std::vector<std::chrono::nanoseconds>& offsets)
{
  std::vector<double> out;
  for (auto offset : offsets) out.push_back(std::chrono::duration<double>(offset).count());
  return out;
}

// One transaction sent at each offset (ms), answered 100 ms after the last send.
PhoneStory sent_at(std::initializer_list<int> offsets, const char* method = "REGISTER")
{
  StoryBuilder builder;
  Feed feed(builder);
  SipRequestSpec spec;
  spec.method = method;
  int last = 0;
  for (int offset : offsets) {
    feed.sip(std::chrono::milliseconds(offset), phone, p1, sip_request(spec));
    last = offset;
  }
  feed.sip(std::chrono::milliseconds(last + 100), p1, phone, sip_response(spec, 200, "OK"));
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  return std::move(story.phones[0]);
}

} // namespace

TEST_CASE("wire::expected_retransmissions: T1 doubling, capped at T2 except for INVITE (RFC 3261 17.1.1.2, 17.1.2.2)")
{
  CHECK(seconds(expected_retransmissions(false, 7)) == std::vector<double>{0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5});
  CHECK(seconds(expected_retransmissions(true, 6)) == std::vector<double>{0.5, 1.5, 3.5, 7.5, 15.5, 31.5});
}

TEST_CASE("wire::StoryBuilder: retransmissions on RFC 3261's schedule, with capture jitter, are no finding")
{
  auto exact = sent_at({0, 500, 1500, 3500, 7500, 11500, 15500});
  REQUIRE(exact.transactions.size() == 1);
  CHECK(exact.transactions[0].sends.size() == 7);
  CHECK_FALSE(find_finding(exact, FindingCode::sip_retransmit_schedule));
  auto jitter = sent_at({0, 520, 1490, 3550});
  CHECK_FALSE(find_finding(jitter, FindingCode::sip_retransmit_schedule));
}

TEST_CASE("wire::StoryBuilder: a 1 s retransmission interval is sip_retransmit_schedule")
{
  auto phone_story = sent_at({0, 1000, 2000, 3000});
  const auto* finding = find_finding(phone_story, FindingCode::sip_retransmit_schedule);
  REQUIRE(finding);
  CHECK(finding->observed == "retransmitted at 1, 2, 3 s");
  CHECK(finding->expected == "0.5, 1.5, 3.5 s (T1 = 500 ms doubling, capped at T2 = 4 s; each interval within 100 ms or 10 %)");
  CHECK(finding->source == "RFC 3261 17.1.2.2; the tolerance for capture jitter is sipfo's assumption");
  CHECK(finding->severity == util::Severity::warning);
  CHECK(finding->evidence.size() == 4);
}

TEST_CASE("wire::StoryBuilder: INVITE doubles past T2 (RFC 3261 17.1.1.2)")
{
  auto invite = sent_at({0, 500, 1500, 3500, 7500, 15500}, "INVITE");
  CHECK_FALSE(find_finding(invite, FindingCode::sip_retransmit_schedule));
  // The non-INVITE schedule (every 4 s after 7.5 s) is wrong for INVITE.
  auto capped = sent_at({0, 500, 1500, 3500, 7500, 11500}, "INVITE");
  const auto* finding = find_finding(capped, FindingCode::sip_retransmit_schedule);
  REQUIRE(finding);
  CHECK(finding->source.starts_with("RFC 3261 17.1.1.2;"));
}

TEST_CASE("wire::StoryBuilder: 10,000 transactions keep the first and last ones only")
{
  StoryOptions options;
  options.limits.first_kept = 8;
  options.limits.last_kept = 24;
  StoryBuilder builder(options);
  Feed feed(builder);
  for (std::uint32_t i = 1; i <= 10000; ++i) {
    SipRequestSpec spec;
    spec.method = "OPTIONS";
    spec.cseq = i;
    spec.branch = fmt::format("z9hG4bK{}", i);
    feed.sip(std::chrono::seconds(i), phone, p1, sip_request(spec));
    feed.sip(std::chrono::seconds(i) + 5ms, p1, phone, sip_response(spec, 200, "OK"));
  }
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.transactions.size() == 32);
  CHECK(p.omitted_transactions == 10000 - 32);
  CHECK(p.transactions[7].cseq == 8);
  CHECK(p.transactions[8].cseq == 10000 - 23);
  CHECK(p.transactions.back().cseq == 10000);
  CHECK(p.verdict == PhoneVerdict::no_registration);
  CHECK_FALSE(p.root_cause); // it sent SIP, only not REGISTER: nothing to blame
}

TEST_CASE("wire::StoryBuilder: max_phones bounds the addresses followed")
{
  StoryOptions options;
  options.limits.max_phones = 3;
  StoryBuilder builder(options);
  Feed feed(builder);
  for (int i = 1; i <= 5; ++i) {
    SipRequestSpec spec;
    spec.branch = fmt::format("z9hG4bK{}", i);
    feed.sip(std::chrono::seconds(i), endpoint(fmt::format("10.0.1.{}", i).c_str(), 5060), p1, sip_request(spec));
  }
  auto story = builder.finish(feed.packets());
  CHECK(story.phones.size() == 3);
  CHECK(story.phones_not_followed == 2);
}
