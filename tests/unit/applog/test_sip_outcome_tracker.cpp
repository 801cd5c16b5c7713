#include "sipfo/applog/sip_outcome_tracker.hpp"

#include "tracker_lines.hpp"

#include <doctest/doctest.h>

using namespace sipfo::applog;
using sipfo::applog::test::TrackerLines;

namespace {

struct Setup {
  LogStory story{false, {}, Explanations::dropped};
  SipOutcomeTracker sip{story};
  TrackerLines lines;

  Setup() { story.open_boot(1, BootStart::file_start); }

  template <class Handler>
  void feed(Handler handler, std::uint64_t number, EventKind id, const MessageFields& fields)
  {
    const auto fed = lines.make(id, fields);
    (sip.*handler)(number, fed.line, fed.event);
  }
};

using T = SipOutcomeTracker;

} // namespace

TEST_CASE("applog::SipOutcomeTracker: a Sip Register adopts the attempt its DNS opened, a failure settles it")
{
  Setup s;
  s.story.open_attempt(2);
  s.feed(&T::on_register_start, 3, EventKind::register_start, {.host = "1512", .number = 0});
  CHECK(s.story.boot().attempts.size() == 1);
  s.feed(&T::on_registration_failed, 4, EventKind::registration_failed,
         {.host = "1512", .detail = "Temporarily not available", .number = 480});
  s.feed(&T::on_register_start, 5, EventKind::register_start, {.host = "1512", .number = 1});
  REQUIRE(s.story.boot().attempts.size() == 2);
  const Attempt& first = s.story.boot().attempts[0];
  CHECK(first.register_line == 3);
  CHECK(first.user == "1512");
  REQUIRE(first.failures.size() == 1);
  CHECK(first.failures[0].code == 480);
  CHECK(first.failures[0].reason == "Temporarily not available");
  CHECK(s.story.boot().attempts[1].line_index == 1);
}

TEST_CASE("applog::SipOutcomeTracker: a 401 is a step, a 2xx is the success, a timeout a 408 failure")
{
  Setup s;
  s.feed(&T::on_register_request, 2, EventKind::register_request, {.host = "17", .address = "192.0.2.61:5060", .detail = "udp"});
  s.feed(&T::on_register_response, 3, EventKind::register_response,
         {.host = "17", .address = "192.0.2.61:5060", .detail = "Unauthorized", .number = 401});
  CHECK(s.story.attempt()->explicit_success_line == 0);
  s.feed(&T::on_register_response, 4, EventKind::register_response,
         {.host = "17", .address = "192.0.2.61:5060", .detail = "OK", .number = 200});
  const Attempt& a = *s.story.attempt();
  CHECK(a.explicit_success_line == 4);
  CHECK(a.explicit_server == "192.0.2.61:5060");
  REQUIRE(a.sip_steps.size() == 3);
  CHECK(a.sip_steps[0].summary == "REGISTER to 192.0.2.61:5060 (udp)");
  CHECK(a.sip_steps[1].summary == "401 Unauthorized from 192.0.2.61:5060");

  s.feed(&T::on_register_timeout, 5, EventKind::register_timeout, {.host = "17", .address = "192.0.2.62:5060", .detail = "udp"});
  REQUIRE(s.story.attempt()->failures.size() == 1);
  CHECK(s.story.attempt()->failures[0].code == 408);
  CHECK(s.story.attempt()->failures[0].server == "192.0.2.62:5060");
}
