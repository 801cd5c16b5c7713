#include "sipfo/applog/dns_lookup_tracker.hpp"

#include "tracker_lines.hpp"

#include <doctest/doctest.h>

using namespace sipfo::applog;
using sipfo::applog::test::TrackerLines;

namespace {

struct Setup {
  LogStory story{false, {}, Explanations::dropped};
  RecordTracker records{story};
  ChainStepTracker steps{story};
  DnsLookupTracker lookups{story, records, steps};
  TrackerLines lines;

  Setup() { story.open_boot(1, BootStart::file_start); }

  template <class Handler>
  void feed(Handler handler, std::uint64_t number, EventKind id, const MessageFields& fields)
  {
    const auto fed = lines.make(id, fields);
    (lookups.*handler)(number, fed.line, fed.event);
  }
};

using T = DnsLookupTracker;

} // namespace

TEST_CASE("applog::DnsLookupTracker: a NAPTR lookup opens an attempt, its results and the short-name miss are its own")
{
  Setup s;
  s.feed(&T::on_lookup_start, 2, EventKind::lookup_start, {.host = "voice.example.org", .type = "NAPTR"});
  REQUIRE(s.story.attempt() != nullptr);
  s.feed(&T::on_cache_miss, 3, EventKind::cache_miss, {.host = "voice.example.org", .type = "NAPTR"});
  s.feed(&T::on_cache_miss, 4, EventKind::cache_miss, {.host = "voice", .type = "NAPTR"});
  s.feed(&T::on_error_code, 5, EventKind::error_code, {.host = "voice.example.org", .type = "NAPTR", .number = 4});
  s.feed(&T::on_negative_cache_added, 6, EventKind::negative_cache_added,
         {.host = "voice.example.org", .type = "NAPTR", .number = 36});
  const Attempt& a = *s.story.attempt();
  REQUIRE(a.lookups.size() == 1);
  const DnsLookup& naptr = a.lookups[0];
  CHECK(naptr.start_line == 2);
  CHECK(naptr.cache == CacheUse::miss);
  CHECK(naptr.outcome == DnsOutcome::nxdomain);
  CHECK(naptr.error_code == 4);
  CHECK(naptr.negative_ttl == 36);
  CHECK(naptr.lines == std::vector<std::uint64_t>{2, 3, 4, 5, 6});
}

TEST_CASE("applog::DnsLookupTracker: a cache hit is given the records the log showed cached")
{
  Setup s;
  s.feed(&T::on_lookup_start, 2, EventKind::lookup_start, {.host = "sbc1.example.org.", .type = "NAPTR"});
  s.feed(&T::on_lookup_start, 3, EventKind::lookup_start, {.host = "sbc1.example.org.", .type = "A"});
  s.feed(&T::on_answer, 4, EventKind::answer, {.host = "sbc1.example.org.", .type = "A", .address = "192.0.2.61", .number = 60});
  s.feed(&T::on_cache_added, 5, EventKind::cache_added, {.host = "sbc1.example.org.", .type = "A", .number = 60});
  // The next registration: a new NAPTR lookup after the first one's result.
  s.story.attempt()->failures.push_back(SipFailure{6, 503, "Service Unavailable", "17", {}});
  s.feed(&T::on_lookup_start, 7, EventKind::lookup_start, {.host = "voice.example.org", .type = "NAPTR"});
  s.feed(&T::on_lookup_start, 8, EventKind::lookup_start, {.host = "sbc1.example.org.", .type = "A"});
  s.feed(&T::on_cache_hit, 9, EventKind::cache_hit, {.host = "sbc1.example.org.", .type = "A", .number = 42});
  const Attempt& a = *s.story.attempt();
  CHECK(a.first_line == 7);
  REQUIRE(a.lookups.size() == 2);
  CHECK(a.lookups[1].cache == CacheUse::hit);
  CHECK(a.lookups[1].outcome == DnsOutcome::answered);
  CHECK(a.lookups[1].cache_expires == 42);
  CHECK(a.lookups[1].addresses == std::vector<std::string>{"192.0.2.61"});
}

TEST_CASE("applog::DnsLookupTracker: a result with no start opens a mid-chain attempt, an unrelated lookup stays out")
{
  Setup s;
  s.feed(&T::on_lookup_start, 2, EventKind::lookup_start, {.host = "ntp.example.org", .type = "A"});
  CHECK(s.story.attempt() == nullptr); // an A lookup alone starts no registration
  s.feed(&T::on_answer, 3, EventKind::answer, {.host = "ntp.example.org", .type = "A", .address = "192.0.2.9", .number = 5});
  CHECK(s.story.attempt() == nullptr);
  s.feed(&T::on_answer, 4, EventKind::answer, {.host = "_sip._udp.example.org", .type = "SRV", .number = 60});
  REQUIRE(s.story.attempt() != nullptr);
  CHECK(s.story.attempt()->starts_mid_chain);
  REQUIRE(s.story.attempt()->lookups.size() == 1);
  CHECK(s.story.attempt()->lookups[0].start_line == 0);
  CHECK(s.records.lookup_index() == 0); // the SRV records that follow are this lookup's
}
