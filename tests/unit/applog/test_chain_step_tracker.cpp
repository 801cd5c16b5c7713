#include "sipfo/applog/chain_step_tracker.hpp"

#include "tracker_lines.hpp"

#include <doctest/doctest.h>

using namespace sipfo::applog;
using sipfo::applog::test::TrackerLines;

TEST_CASE("applog::ChainStepTracker: 'Doing DNS A lookup' before any SRV names the configured port, once")
{
  LogStory story(false, {}, Explanations::dropped);
  ChainStepTracker steps(story);
  TrackerLines lines;
  story.open_boot(1, BootStart::file_start);
  const auto step = lines.make(EventKind::a_lookup_step, {.address = "tcp", .number = 5070});
  steps.on_a_lookup_step(2, step.line, step.event);
  REQUIRE(story.attempt() != nullptr);
  CHECK(story.attempt()->explicit_port == 5070);
  CHECK(story.attempt()->a_step_line == 2);
  CHECK(story.attempt()->transport == Transport::tcp);
  CHECK(steps.take_a_step());
  CHECK_FALSE(steps.take_a_step());
}

TEST_CASE("applog::ChainStepTracker: SRV targets, the end of the chain and the address used")
{
  LogStory story(false, {}, Explanations::dropped);
  ChainStepTracker steps(story);
  TrackerLines lines;
  story.open_boot(1, BootStart::file_start);
  const auto to_a = lines.make(EventKind::srv_to_a, {.host = "sbc1.example.org.", .number = 5060});
  steps.on_srv_to_a(2, to_a.line, to_a.event);
  const auto failed = lines.make(EventKind::srv_to_a_done, {.host = "_sip._udp.example.org", .detail = "FAILED"});
  steps.on_srv_to_a_done(3, failed.line, failed.event);
  CHECK(story.attempt()->chain_done_line == 0);
  const auto done = lines.make(EventKind::srv_to_a_done, {.host = "_sip._udp.example.org", .detail = "OK"});
  steps.on_srv_to_a_done(4, done.line, done.event);
  const auto used = lines.make(EventKind::passed_in_address, {.type = "A", .address = "192.0.2.61"});
  steps.on_passed_in_address(5, used.line, used.event);
  const Attempt& a = *story.attempt();
  REQUIRE(a.srv_to_a.size() == 1);
  CHECK(a.srv_to_a[0].target == "sbc1.example.org.");
  CHECK(a.srv_to_a[0].port == 5060);
  CHECK(a.chain_done_line == 4);
  REQUIRE(a.used_addresses.size() == 1);
  CHECK(a.used_addresses[0].address == "192.0.2.61");
  CHECK(a.last_line == 5);
}
