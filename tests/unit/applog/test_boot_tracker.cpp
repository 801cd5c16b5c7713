#include "sipfo/applog/boot_tracker.hpp"

#include "tracker_lines.hpp"

#include <doctest/doctest.h>

using namespace sipfo::applog;
using sipfo::applog::test::TrackerLines;

TEST_CASE("applog::BootTracker: the first line opens a boot, a clock that goes back opens the next")
{
  LogStory story(false, {}, Explanations::dropped);
  BootTracker boots(story);
  TrackerLines lines;
  boots.line_seen(1, lines.make(EventKind::record_list, {}, "000100.000").line);
  boots.line_seen(2, lines.make(EventKind::record_list, {}, "000100.500").line); // within the slack
  boots.line_seen(3, lines.make(EventKind::record_list, {}, "000200.000").line);
  boots.line_seen(4, lines.make(EventKind::record_list, {}, "000001.000").line); // back by 199 s
  const FileReport report = story.finish("t-app.log", {});
  REQUIRE(report.boots.size() == 2);
  CHECK(report.boots[0].start == BootStart::file_start);
  CHECK(report.boots[0].last_line == 3);
  CHECK(report.boots[1].start == BootStart::clock_reset);
  CHECK(report.boots[1].first_line == 4);
}

TEST_CASE("applog::BootTracker: a boot marker on a fresh boot only names how it started")
{
  LogStory story(false, {}, Explanations::dropped);
  BootTracker boots(story);
  TrackerLines lines;
  const auto marker = lines.make(EventKind::boot_marker, {});
  boots.line_seen(1, marker.line);
  boots.on_boot_marker(1, marker.line, marker.event);
  CHECK(story.boot().start == BootStart::marker);
  // The marker line itself is a loose line: a second marker now starts a new boot.
  boots.line_seen(2, marker.line);
  boots.on_boot_marker(2, marker.line, marker.event);
  const FileReport report = story.finish("t-app.log", {});
  REQUIRE(report.boots.size() == 2);
  CHECK(report.boots[1].first_line == 2);
}

TEST_CASE("applog::BootTracker: a second Ready for Call splits the boot at the Sip Register after the first")
{
  LogStory story(false, {}, Explanations::dropped);
  BootTracker boots(story);
  TrackerLines lines;
  const auto ready = lines.make(EventKind::ready_for_call, {.detail = "41.200"});
  boots.line_seen(1, ready.line);
  boots.on_ready_for_call(1, ready.line, ready.event);
  CHECK(story.boot().uptime == "41.200");
  story.open_attempt(5).register_line = 5;
  boots.line_seen(9, ready.line);
  boots.on_ready_for_call(9, ready.line, ready.event);
  const FileReport report = story.finish("t-app.log", {});
  REQUIRE(report.boots.size() == 2);
  CHECK(report.boots[0].last_line == 4);
  CHECK(report.boots[1].start == BootStart::ready_again);
  CHECK(report.boots[1].first_line == 5);
  CHECK(report.boots[1].ready_line == 9);
  CHECK(report.boots[1].attempts.size() == 1);
}
