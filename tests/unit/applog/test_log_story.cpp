#include "sipfo/applog/log_story.hpp"

#include "tracker_lines.hpp"

#include <doctest/doctest.h>

using namespace sipfo::applog;
using sipfo::applog::test::TrackerLines;

TEST_CASE("applog::LogStory: without --explain, lines extend the attempt but no text or note is kept")
{
  LogStory story(false, {}, Explanations::dropped);
  TrackerLines lines;
  story.open_boot(1, BootStart::file_start);
  const auto fed = lines.make(EventKind::naptr_empty, {.host = "voice.example.org"});
  story.explain(7, fed.line, fed.event, -1, true); // loose: counted by line number only
  story.open_attempt(8);
  int notes_built = 0;
  story.explain(9, fed.line, [&] { return std::to_string(++notes_built); });
  CHECK(notes_built == 0);
  REQUIRE(story.attempt() != nullptr);
  CHECK(story.attempt()->last_line == 9);
  CHECK(story.attempt()->explain.empty());
  REQUIRE(story.boot().loose.size() == 1);
  CHECK(story.boot().loose[0].line == 7);
  CHECK(story.boot().loose[0].text.empty());
}

TEST_CASE("applog::LogStory: with --explain, each line keeps its text and note")
{
  LogStory story(false, {}, Explanations::kept);
  TrackerLines lines;
  story.open_boot(1, BootStart::file_start);
  story.open_attempt(2);
  const auto fed = lines.make(EventKind::naptr_empty, {.host = "voice.example.org"}, "000001.000");
  story.explain(3, fed.line, fed.event);
  REQUIRE(story.attempt()->explain.size() == 1);
  const ExplainLine& kept = story.attempt()->explain[0];
  CHECK(kept.line == 3);
  CHECK(kept.stamp == "000001.000");
  CHECK(kept.module == "sip");
  CHECK(kept.text == "NAPTR query for host 'voice.example.org' returned no results");
  CHECK(kept.note.find("no NAPTR answer") != std::string::npos);
}

TEST_CASE("applog::LogStory: old attempts and boots are counted, not kept")
{
  BuilderLimits limits;
  limits.attempts_per_boot = 2;
  limits.boots = 2;
  LogStory story(false, limits, Explanations::dropped);
  story.open_boot(1, BootStart::file_start);
  for (std::uint64_t line = 2; line <= 4; ++line) {
    Attempt& a = story.open_attempt(line);
    a.failures.push_back(SipFailure{line, 404, "Not Found", "17", {}});
  }
  story.close_attempt();
  CHECK(story.boot().attempts.size() == 2);
  CHECK(story.boot().attempts_dropped == 1);
  CHECK(story.boot().failures == 3);
  REQUIRE(story.boot().last_dropped_failure);
  story.begin_new_boot(10, BootStart::marker);
  story.begin_new_boot(20, BootStart::marker);
  const FileReport report = story.finish("t-app.log", {});
  CHECK(report.boots.size() == 2);
  CHECK(report.boots_dropped == 1);
  CHECK(report.failed_boots_dropped == 1);
  CHECK(report.boots.front().first_line == 10);
}
