// Stories written inline, line by line, for the rules the fixtures do not pin down.

#include "sipfo/applog/log_parser.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sipfo::applog;

namespace {

std::string dns(char level, const std::string& text) { return std::string("0101000000|dns  |") + level + "|00|" + text; }
std::string sip(char level, const std::string& text) { return std::string("0101000000|sip  |") + level + "|00|" + text; }

FileReport run(const std::vector<std::string>& lines, const std::string& path = "t-app.log",
               const ParseOptions& options = {})
{
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  auto source = memory_byte_source(text);
  return parse_log(*source, path, options);
}

std::vector<std::string> failed_lookup(const std::string& type, const std::string& name, int err)
{
  return {dns('1', "doDnsLookupForList for record " + type + ": hostname '" + name + "' attempting.."),
          dns('3', "DNS lookup for (" + type + ") '" + name + "' found no match (err code: " + std::to_string(err) + ")"),
          dns('2', "doDnsLookupForList for record " + type + ": no match found for '" + name + "'")};
}

std::vector<std::string> a_answer(const std::string& name, const std::string& address)
{
  return {dns('1', "doDnsLookupForList for record A: hostname '" + name + "' attempting.."),
          dns('3', "DNS lookup for (A) '" + name + "'(" + address + ") TTL=60")};
}

void append(std::vector<std::string>& lines, const std::vector<std::string>& more)
{
  lines.insert(lines.end(), more.begin(), more.end());
}

RootCause cause(const FileReport& report) { return report.diagnosis.value().cause; }

} // namespace

TEST_CASE("applog::diagnose: a failing lookup of an unrelated name does not spoil a good registration")
{
  std::vector<std::string> lines{sip('*', "Sip Register Usr:10 Dsp:10 Auth:'10' Inx:0")};
  append(lines, failed_lookup("A", "time.example.org", 4)); // NTP, inside the attempt
  lines.push_back(dns('1', "doDnsSrvLookupForARecordList(udp): Doing DNS A lookup (port 0)"));
  append(lines, a_answer("pbx.example.org", "192.0.2.5"));
  lines.push_back(dns('1', "doDnsLookupForList(A): returning passed in ipAddress '192.0.2.5'"));
  const FileReport report = run(lines);
  CHECK(report.outcome == Outcome::registered);
  CHECK(cause(report) == RootCause::registered_ok);
  CHECK(report.active == "192.0.2.5");
  const Attempt& attempt = report.boots.back().attempts.back();
  CHECK(attempt.configured_name == "pbx.example.org");
  REQUIRE(attempt.lookups.size() == 2);
  CHECK_FALSE(attempt.lookups[0].related);
  CHECK(attempt.lookups[1].related);
}

TEST_CASE("applog::diagnose: a 401 challenge followed by 200 is a success, not a failure")
{
  const FileReport report = run({
    sip('*', "Sip Register Usr:11 Dsp:11 Auth:'11' Inx:0"),
    sip('2', "Register response User: 11 from 192.0.2.9:5060: 401 Unauthorized"),
    sip('2', "Register response User: 11 from 192.0.2.9:5060: 200 OK"),
  });
  CHECK(report.outcome == Outcome::registered);
  CHECK(cause(report) == RootCause::registered_ok);
  CHECK_FALSE(report.failure_in_file);
  CHECK(report.exit_status == sipfo::util::ExitStatus::ok);
}

TEST_CASE("applog::diagnose: a failure with no DNS detail asks for more logging")
{
  const FileReport report = run({
    sip('*', "Sip Register Usr:12 Dsp:12 Auth:'12' Inx:0"),
    sip('4', "doDnsListLookup(udp): doDnsSrvLookupForARecordList 'pbx.example.org' found no records."),
    sip('4', "Registration failed User: 12, Error Code:480 Temporarily not available"),
  });
  CHECK(report.outcome == Outcome::failed);
  CHECK(cause(report) == RootCause::insufficient_logging);
  CHECK_FALSE(report.diagnosis->missing.empty());
}

TEST_CASE("applog::diagnose: a 480 after the name resolved is the server's")
{
  std::vector<std::string> lines{sip('*', "Sip Register Usr:13 Dsp:13 Auth:'13' Inx:0")};
  lines.push_back(dns('1', "doDnsSrvLookupForARecordList(udp): Doing DNS A lookup (port 0)"));
  append(lines, a_answer("pbx.example.org", "192.0.2.6"));
  lines.push_back(sip('4', "Registration failed User: 13, Error Code:480 Temporarily Unavailable"));
  CHECK(cause(run(lines)) == RootCause::server_rejected);
}

TEST_CASE("applog::diagnose: SERVFAIL and timeouts with no answer mean DNS is unreachable")
{
  std::vector<std::string> lines{sip('*', "Sip Register Usr:14 Dsp:14 Auth:'14' Inx:0")};
  append(lines, failed_lookup("NAPTR", "pbx.example.org", 3));
  append(lines, failed_lookup("SRV", "_sip._udp.pbx.example.org", 12));
  append(lines, failed_lookup("A", "pbx.example.org", 11));
  lines.push_back(sip('4', "Registration failed User: 14, Error Code:480 Temporarily not available"));
  CHECK(cause(run(lines)) == RootCause::dns_unreachable);
}

TEST_CASE("applog::diagnose: the name exists but has neither SRV nor A")
{
  std::vector<std::string> lines{sip('*', "Sip Register Usr:15 Dsp:15 Auth:'15' Inx:0")};
  append(lines, failed_lookup("NAPTR", "pbx.example.org", 1));
  append(lines, failed_lookup("SRV", "_sip._udp.pbx.example.org", 4));
  append(lines, failed_lookup("A", "pbx.example.org", 1));
  lines.push_back(sip('4', "Registration failed User: 15, Error Code:480 Temporarily not available"));
  CHECK(cause(run(lines)) == RootCause::dns_records_missing);
}

TEST_CASE("applog::diagnose: a log without any registration is unknown (exit 3)")
{
  const FileReport report = run({"0101000000|so   |2|00|idle", "0101000000|net  |2|00|link up"});
  CHECK(report.outcome == Outcome::unknown);
  CHECK(cause(report) == RootCause::log_incomplete);
  CHECK(report.exit_status == sipfo::util::ExitStatus::unknown);
}

TEST_CASE("applog::AttemptBuilder: a type-0 clock reset starts a new boot")
{
  const FileReport report = run({
    "000010.000|so   |2|00|a",
    "000020.000|so   |2|00|b",
    "000001.000|so   |2|00|c",
  });
  REQUIRE(report.boots.size() == 2);
  CHECK(report.boots[1].first_line == 3);
  CHECK(report.boots[1].start == BootStart::clock_reset);
}

TEST_CASE("applog::AttemptBuilder: a second Ready for Call splits at the next Sip Register")
{
  const FileReport report = run({
    sip('*', "Sip Register Usr:16 Dsp:16 Auth:'16' Inx:0"),
    sip('4', "Registration failed User: 16, Error Code:404 Not Found"),
    sip('*', "Fast Boot Measurement Point: Ready for Call, uptime: 60.000 sec."),
    "0101000000|so   |2|00|noise",
    sip('*', "Sip Register Usr:16 Dsp:16 Auth:'16' Inx:0"),
    sip('2', "Registration succeeded User: 16, Server: 192.0.2.7:5060, Expires: 300"),
    sip('*', "Fast Boot Measurement Point: Ready for Call, uptime: 58.000 sec."),
  });
  REQUIRE(report.boots.size() == 2);
  CHECK(report.boots[0].outcome == Outcome::failed);
  CHECK(report.boots[1].first_line == 5);
  CHECK(report.boots[1].start == BootStart::ready_again);
  CHECK(report.outcome == Outcome::registered);
  CHECK(report.exit_status == sipfo::util::ExitStatus::warning);
}

TEST_CASE("applog::AttemptBuilder: a million boots keep memory bounded")
{
  std::string text;
  text.reserve(1'000'000 * 60);
  for (int i = 0; i < 1'000'000; ++i) text += "0101000000|so   |*|00|Initial log entry. Current logging level 4\n";
  auto source = memory_byte_source(std::move(text));
  const FileReport report = parse_log(*source, "boots-app.log", ParseOptions{});
  CHECK(report.boots.size() <= BuilderLimits{}.boots);
  CHECK(report.boots.size() + report.boots_dropped == 1'000'000);
}

TEST_CASE("applog::AttemptBuilder: an endless attempt keeps memory bounded")
{
  std::vector<std::string> lines{sip('*', "Sip Register Usr:17 Dsp:17 Auth:'17' Inx:0")};
  for (int i = 0; i < 5000; ++i) append(lines, failed_lookup("A", "host" + std::to_string(i) + ".example.org", 4));
  ParseOptions options;
  options.explanations = Explanations::kept;
  const FileReport report = run(lines, "t-app.log", options);
  const Attempt& attempt = report.boots.back().attempts.back();
  CHECK(attempt.lookups.size() <= BuilderLimits{}.lookups_per_attempt);
  CHECK(attempt.explain.size() <= BuilderLimits{}.explain_per_attempt);
  CHECK(attempt.explain_dropped > 0);
}

TEST_CASE("applog::AttemptBuilder: a second Ready for Call while the attempt limit is reached (fuzzer find)")
{
  ParseOptions options;
  options.limits.attempts_per_boot = 1;
  const FileReport report = run(
    {
      sip('*', "Sip Register Usr:18 Dsp:18 Auth:'18' Inx:0"),
      sip('4', "Registration failed User: 18, Error Code:404 Not Found"),
      sip('*', "Sip Register Usr:18 Dsp:18 Auth:'18' Inx:0"),
      sip('*', "Fast Boot Measurement Point: Ready for Call, uptime: 60.000 sec."),
      sip('*', "Fast Boot Measurement Point: Ready for Call, uptime: 61.000 sec."),
    },
    "t-app.log", options);
  REQUIRE(report.boots.size() == 2);
  CHECK(report.boots[0].attempts.size() == 1);
  CHECK(report.boots[0].attempts_dropped == 1);
  CHECK(report.boots[1].attempts.empty());
  CHECK(report.boots[1].first_line == 5);
}
