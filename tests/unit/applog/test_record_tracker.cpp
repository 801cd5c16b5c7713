#include "sipfo/applog/record_tracker.hpp"

#include "tracker_lines.hpp"

#include <doctest/doctest.h>

using namespace sipfo::applog;
using sipfo::applog::test::TrackerLines;

namespace {

struct Setup {
  LogStory story{false, {}, Explanations::dropped};
  RecordTracker records{story};
  TrackerLines lines;

  Setup()
  {
    story.open_boot(1, BootStart::file_start);
    DnsLookup lookup;
    lookup.type = RecordType::naptr;
    lookup.name = "voice.example.org";
    story.open_attempt(2).lookups.push_back(lookup);
  }

  // The handler AttemptBuilder gives each record kind.
  void feed(std::uint64_t number, EventKind id, const MessageFields& fields)
  {
    const auto fed = lines.make(id, fields);
    const EventKind k = fed.event.kind;
    const bool naptr_field = k == EventKind::naptr_order || k == EventKind::naptr_preference ||
                             k == EventKind::naptr_flags || k == EventKind::naptr_service ||
                             k == EventKind::naptr_regexp || k == EventKind::naptr_replacement;
    const bool srv_field = k == EventKind::srv_priority || k == EventKind::srv_weight || k == EventKind::srv_target_port;
    if (naptr_field) records.on_naptr_field(number, fed.line, fed.event);
    else if (k == EventKind::naptr_added) records.on_naptr_added(number, fed.line, fed.event);
    else if (k == EventKind::srv_added) records.on_srv_added(number, fed.line, fed.event);
    else if (srv_field) records.on_srv_field(number, fed.line, fed.event);
    else if (k == EventKind::record_list) records.on_record_list(number, fed.line, fed.event);
    else FAIL("not a record line");
  }

  const DnsLookup& lookup() { return story.attempt()->lookups.at(0); }
};

} // namespace

TEST_CASE("applog::RecordTracker: NAPTR fields become a record at 'Added to tail', a new order starts the next")
{
  Setup s;
  s.records.answer_of(0);
  s.feed(3, EventKind::record_list, {});
  s.feed(4, EventKind::naptr_order, {.number = 10});
  s.feed(5, EventKind::naptr_flags, {.detail = "S"});
  s.feed(6, EventKind::naptr_replacement, {.detail = "_sip._udp.voice.example.org"});
  CHECK(s.lookup().naptr.empty()); // not added yet
  s.feed(7, EventKind::naptr_added, {});
  s.feed(8, EventKind::naptr_order, {.number = 20});
  s.feed(9, EventKind::naptr_order, {.number = 30}); // the previous record had no "Added"
  s.story.close_attempt();
  const Attempt& a = s.story.boot().attempts.back();
  REQUIRE(a.lookups[0].naptr.size() == 3);
  CHECK(a.lookups[0].naptr[0].order == 10);
  CHECK(a.lookups[0].naptr[0].flags == "S");
  CHECK(a.lookups[0].naptr[0].replacement == "_sip._udp.voice.example.org");
  CHECK(a.lookups[0].naptr[0].line == 7);
  CHECK(a.lookups[0].naptr[1].order == 20);
  CHECK(a.lookups[0].naptr[2].order == 30); // flushed when the attempt closed
  CHECK(a.lookups[0].lines == std::vector<std::uint64_t>{3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("applog::RecordTracker: SRV records open at 'Added to tail' and take the fields after it")
{
  Setup s;
  s.records.answer_of(0);
  s.feed(3, EventKind::srv_added, {});
  s.feed(4, EventKind::srv_target_port, {.host = "sbc1.example.org.", .number = 5061});
  s.feed(5, EventKind::srv_priority, {.number = 10});
  s.feed(6, EventKind::srv_weight, {.number = 60});
  REQUIRE(s.lookup().srv.size() == 1);
  CHECK(s.lookup().srv[0].target == "sbc1.example.org.");
  CHECK(s.lookup().srv[0].port == 5061);
  CHECK(s.lookup().srv[0].priority == 10);
  CHECK(s.lookup().srv[0].weight == 60);
  CHECK(s.lookup().srv[0].line == 3);
}

TEST_CASE("applog::RecordTracker: records with no answer before them go nowhere")
{
  Setup s; // no answer_of(): the records have no lookup
  s.feed(3, EventKind::srv_added, {});
  s.feed(4, EventKind::srv_priority, {.number = 10});
  s.feed(5, EventKind::naptr_order, {.number = 10});
  s.feed(6, EventKind::naptr_added, {});
  CHECK(s.lookup().srv.empty());
  CHECK(s.lookup().naptr.empty());
  CHECK(s.lookup().lines.empty());
  CHECK(s.story.attempt()->last_line == 6);
}
