// parse-log --format=nagios reads the tally the other formats count with: a file
// that recovered counts as registered (the JSON's outcome), an unreadable one on
// its own, and the malformed lines of every file add up.

#include "cli/parse_log_nagios.hpp"
#include "cli/parse_log_tally.hpp"
#include "file_report_fixture.hpp"

#include <doctest/doctest.h>

using namespace sipfo::cli;
using sipfo::applog::FileReport;
using sipfo::applog::Outcome;
using sipfo::applog::RootCause;
using sipfo::test::file_report;
using sipfo::util::ExitStatus;

TEST_CASE("cli::parse_log_nagios: the status line and perfdata count the tally's files, recovered as registered")
{
  ParseLogTally tally;
  tally.add(file_report(Outcome::registered, RootCause::registered_ok, false, 1));
  tally.add(file_report(Outcome::registered, RootCause::server_timeout_failover, true, 0)); // recovered
  tally.add(file_report(Outcome::failed, RootCause::dns_name_missing, true, 2));
  tally.add(file_report(Outcome::unknown, RootCause::insufficient_logging, false, 0));
  FileReport unreadable;
  unreadable.path = "gone-app.log";
  unreadable.error = "gone-app.log: cannot open";
  unreadable.stats.malformed = 4;
  tally.add(unreadable);
  REQUIRE(tally.count(FileOutcome::recovered) == 1);

  const auto out = parse_log_nagios(tally, ExitStatus::critical, {"a", "b"});
  CHECK(out == "SIP LOG CRITICAL - 5 files: 2 registered, 1 failed, 1 unknown, 1 unreadable | 'registered'=2;;;0;5 "
               "'failed'=1;;;0;5 'unknown'=1;;;0;5 'unreadable'=1;;;0;5 'malformed_lines'=7;;;0\na\nb\n");
}

TEST_CASE("cli::parse_log_nagios: one file names only its outcome, the perfdata all four")
{
  ParseLogTally tally;
  tally.add(file_report(Outcome::failed, RootCause::auth_rejected, true, 0));
  CHECK(parse_log_nagios(tally, ExitStatus::critical, {}) ==
        "SIP LOG CRITICAL - 1 file: 1 failed | 'registered'=0;;;0;1 'failed'=1;;;0;1 'unknown'=0;;;0;1 "
        "'unreadable'=0;;;0;1 'malformed_lines'=0;;;0\n");
}
