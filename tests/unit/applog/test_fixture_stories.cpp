// Each fixture in fixtures/logs tells one story (fixtures/logs/generate.py); the
// expected verdicts below come from the story, not from running the program.

#include "sipfo/applog/log_parser.hpp"
#include "sipfo/applog/root_cause.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>

using namespace sipfo::applog;
using sipfo::util::ExitStatus;

namespace {

std::string fixture(const std::string& name) { return std::string(SIPFO_SOURCE_DIR) + "/fixtures/logs/" + name; }

FileReport parse(const std::string& name) { return parse_log_file(fixture(name), ParseOptions{}); }

std::string code(const FileReport& report)
{
  return report.diagnosis ? std::string(rule_of(report.diagnosis->cause).code()) : std::string("none");
}

// Line number of the last line containing `needle`, read from the fixture itself.
std::uint64_t last_line_with(const std::string& name, const std::string& needle)
{
  std::ifstream in(fixture(name));
  std::string line;
  std::uint64_t number = 0;
  std::uint64_t found = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find(needle) != std::string::npos) found = number;
  }
  return found;
}

bool has_line(const FileReport& report, std::uint64_t line)
{
  const auto& lines = report.diagnosis->evidence_lines;
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

struct Story {
  const char* file;
  Outcome outcome;
  const char* cause;
  ExitStatus exit;
};

} // namespace

TEST_CASE("applog::parse_log_file: one fixture per root cause gives that cause, outcome and exit status")
{
  const Story stories[] = {
    {"00907a1c0001-app.log", Outcome::failed, "dns_name_missing", ExitStatus::critical},
    {"00907a1c0002-app.log", Outcome::registered, "registered_ok", ExitStatus::ok},
    {"00907a1c0003-app.log", Outcome::failed, "naptr_replacement_broken", ExitStatus::critical},
    {"00907a1c0004-app.log", Outcome::failed, "srv_target_no_address", ExitStatus::critical},
    {"00907a1c0005-app.log", Outcome::failed, "explicit_port_skips_srv", ExitStatus::critical},
    {"00907a1c0006-app.log", Outcome::failed, "transport_mismatch", ExitStatus::critical},
    {"00907a1c0007-app.log", Outcome::failed, "dns_unreachable", ExitStatus::critical},
    {"00907a1c0008-app.log", Outcome::failed, "negative_cache_stale", ExitStatus::critical},
    {"00907a1c0009-app.log", Outcome::failed, "auth_rejected", ExitStatus::critical},
    {"00907a1c000a-app.log", Outcome::failed, "user_unknown", ExitStatus::critical},
    {"00907a1c000b-app.log", Outcome::registered, "server_timeout_failover", ExitStatus::warning},
    {"00907a1c000c-app.log", Outcome::failed, "insufficient_logging", ExitStatus::critical},
    {"00907a1c000d-now-app.log", Outcome::failed, "log_incomplete", ExitStatus::critical},
    {"00907a1c000e-app.log", Outcome::registered, "registered_ok", ExitStatus::warning},
    {"00907a1c000f-app.log.gz", Outcome::registered, "registered_ok", ExitStatus::ok},
    {"00907a1c0010-app.log", Outcome::registered, "registered_ok", ExitStatus::ok},
    {"00907a1c0011-app.log", Outcome::failed, "dns_name_missing", ExitStatus::critical},
    {"00907a1c0012-app.log", Outcome::registered, "registered_ok", ExitStatus::ok},
  };
  for (const Story& story : stories) {
    CAPTURE(story.file);
    const FileReport report = parse(story.file);
    REQUIRE_FALSE(report.error);
    CHECK(report.outcome == story.outcome);
    CHECK(code(report) == story.cause);
    CHECK(report.exit_status == story.exit);
  }
}

TEST_CASE("applog::parse_log_file: the failure's evidence names the Registration failed line")
{
  for (const char* name : {"00907a1c0001-app.log", "00907a1c0004-app.log", "00907a1c0009-app.log"}) {
    CAPTURE(name);
    const FileReport report = parse(name);
    REQUIRE(report.diagnosis);
    CHECK(has_line(report, last_line_with(name, "Registration failed")));
  }
}

TEST_CASE("applog::parse_log_file: candidates follow SRV priority, not answer order (RFC 2782)")
{
  // The SRV answer lists sbc-b (priority 20) before sbc-a (priority 10).
  const FileReport report = parse("00907a1c0002-app.log");
  REQUIRE(report.candidates.size() == 2);
  CHECK(report.candidates[0].address == "203.0.113.21");
  CHECK(report.candidates[0].priority == 10);
  CHECK(report.candidates[0].weight == 60);
  CHECK(report.candidates[1].address == "203.0.113.22");
  CHECK(report.candidates[1].port == 5060);
  CHECK(report.active == "203.0.113.21");
}

TEST_CASE("applog::parse_log_file: an SRV-only setup registers, the empty NAPTR is normal")
{
  const FileReport report = parse("00907a1c000f-app.log.gz");
  REQUIRE(report.candidates.size() == 1);
  CHECK(report.candidates[0].address == "192.0.2.45");
  CHECK(report.candidates[0].port == 5062);
  CHECK(report.boots.back().attempts.back().line_index == 1);
  CHECK_FALSE(report.failure_in_file);
}

TEST_CASE("applog::parse_log_file: a timeout on the primary, then the secondary registers")
{
  const FileReport report = parse("00907a1c000b-app.log");
  CHECK(report.active == "203.0.113.22:5060");
  CHECK(report.failure_in_file);
}

TEST_CASE("applog::parse_log_file: two boots, the first failed, the second recovered")
{
  const FileReport report = parse("00907a1c000e-app.log");
  REQUIRE(report.boots.size() == 2);
  CHECK(report.boots[0].outcome == Outcome::failed);
  REQUIRE(report.boots[0].diagnosis);
  CHECK(report.boots[0].diagnosis->cause == RootCause::dns_name_missing);
  CHECK(report.boots[1].outcome == Outcome::registered);
  CHECK(report.stats.time_format == TimeFormat::since_boot);
}

TEST_CASE("applog::parse_log_file: a corrupted file is read to the end with its damage counted")
{
  const FileReport report = parse("00907a1c0010-app.log");
  CHECK(report.stats.malformed == 3);   // a line without bars, one with three fields, the 120 KB line
  CHECK(report.stats.cut == 1);         // the 120 KB line, skipped as malformed
  CHECK(report.stats.missed_events == 3);
  CHECK(report.stats.unterminated_last_line);
  CHECK(report.outcome == Outcome::registered);
}

TEST_CASE("applog::parse_log_file: two attempts in one boot, the second served by the negative cache")
{
  const FileReport report = parse("00907a1c0008-app.log");
  REQUIRE(report.boots.size() == 1);
  CHECK(report.boots[0].failures == 2);
  REQUIRE(report.boots[0].attempts.size() == 2);
  CHECK(report.boots[0].attempts[0].diagnosis->cause == RootCause::dns_name_missing);
}

TEST_CASE("applog::parse_log_file: the stripped form has no timestamps")
{
  const FileReport report = parse("00907a1c0011-app.log");
  CHECK(report.stats.time_format == TimeFormat::none);
  CHECK(report.stats.malformed == 0);
}

TEST_CASE("applog::parse_log_file: unusable input is an error, not a crash")
{
  const FileReport missing = parse_log_file(fixture("no-such-app.log"), ParseOptions{});
  REQUIRE(missing.error);
  CHECK(missing.error->find("cannot open") != std::string::npos);
  CHECK(missing.exit_status == ExitStatus::unknown);
  auto junk = memory_byte_source(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR|||\n<html>\n", 26));
  const FileReport garbage = parse_log(*junk, "x-app.log", ParseOptions{});
  REQUIRE(garbage.error);
  CHECK(garbage.error->find("x-app.log:1: not an 84-Series app.log") == 0);
  auto empty = memory_byte_source("");
  const FileReport nothing = parse_log(*empty, "e-app.log", ParseOptions{});
  REQUIRE(nothing.error);
  CHECK(nothing.error->find("empty") != std::string::npos);
}
