// The words parse-log puts on a file's first line and on the last line over many
// files (issue 12): a file that failed and then registered reads "RECOVERED after
// <cause>", and the tally counts each kind with its causes.

#include "cli/parse_log_tally.hpp"
#include "cli/parse_log_verdict.hpp"
#include "file_report_fixture.hpp"

#include <doctest/doctest.h>

using namespace sipfo::cli;
using sipfo::applog::Boot;
using sipfo::applog::Diagnosis;
using sipfo::applog::FileReport;
using sipfo::applog::Outcome;
using sipfo::applog::RootCause;

namespace {

using sipfo::test::file_report;

Boot boot(std::uint64_t failures, RootCause cause)
{
  Boot b;
  b.failures = failures;
  b.diagnosis = Diagnosis{cause, "", {}, ""};
  return b;
}

} // namespace

TEST_CASE("cli::verdict_of: registered after a failure in the same boot is recovered, naming the failure")
{
  const FileVerdict v = verdict_of(file_report(Outcome::registered, RootCause::server_timeout_failover, true));
  CHECK(v.outcome == FileOutcome::recovered);
  REQUIRE(v.cause);
  CHECK(*v.cause == RootCause::server_timeout_failover);
  CHECK(headline_word(v.outcome) == "RECOVERED");
}

TEST_CASE("cli::verdict_of: registered after a failed earlier boot names that boot's cause")
{
  FileReport r = file_report(Outcome::registered, RootCause::registered_ok, true);
  r.boots.push_back(boot(1, RootCause::auth_rejected));
  r.boots.push_back(boot(2, RootCause::dns_name_missing));
  r.boots.push_back(boot(0, RootCause::registered_ok));
  const FileVerdict v = verdict_of(r);
  CHECK(v.outcome == FileOutcome::recovered);
  REQUIRE(v.cause);
  CHECK(*v.cause == RootCause::dns_name_missing); // the last boot that failed
}

TEST_CASE("cli::verdict_of: a failure only in a summarised boot is recovered without a cause")
{
  FileReport r = file_report(Outcome::registered, RootCause::registered_ok, true);
  r.boots.push_back(boot(0, RootCause::registered_ok));
  const FileVerdict v = verdict_of(r);
  CHECK(v.outcome == FileOutcome::recovered);
  CHECK_FALSE(v.cause);
}

TEST_CASE("cli::verdict_of: registered, failed, unknown and unreadable keep their words")
{
  CHECK(verdict_of(file_report(Outcome::registered, RootCause::registered_ok)).outcome == FileOutcome::registered);
  CHECK(verdict_of(file_report(Outcome::failed, RootCause::dns_name_missing, true)).outcome == FileOutcome::failed);
  CHECK(verdict_of(file_report(Outcome::unknown, RootCause::log_incomplete)).outcome == FileOutcome::unknown);
  FileReport unreadable = file_report(Outcome::unknown, std::nullopt);
  unreadable.error = "x-app.log: the file is empty";
  CHECK(verdict_of(unreadable).outcome == FileOutcome::unreadable);
  CHECK(headline_word(FileOutcome::unreadable) == "UNREADABLE");
}

TEST_CASE("cli::ParseLogTally: counts each kind, causes most frequent first, empty kinds left out")
{
  ParseLogTally tally;
  tally.add(file_report(Outcome::registered, RootCause::registered_ok));
  tally.add(file_report(Outcome::failed, RootCause::auth_rejected, true));
  tally.add(file_report(Outcome::failed, RootCause::dns_name_missing, true));
  tally.add(file_report(Outcome::registered, RootCause::server_timeout_failover, true));
  tally.add(file_report(Outcome::failed, RootCause::dns_name_missing, true));
  tally.add(file_report(Outcome::registered, RootCause::registered_ok));
  CHECK(tally.files() == 6);
  CHECK(tally.count(FileOutcome::registered) == 2);
  CHECK(tally.count(FileOutcome::recovered) == 1);
  CHECK(tally.count(FileOutcome::failed) == 3);
  CHECK(tally.line() ==
        "6 files: 2 registered, 1 recovered (server_timeout_failover 1), 3 failed (dns_name_missing 2, auth_rejected 1)");
}

TEST_CASE("cli::ParseLogTally: one file, ties by code, unknown and unreadable")
{
  ParseLogTally one;
  one.add(file_report(Outcome::failed, RootCause::user_unknown, true));
  CHECK(one.line() == "1 file: 1 failed (user_unknown 1)");

  ParseLogTally mixed;
  mixed.add(file_report(Outcome::failed, RootCause::user_unknown, true));
  mixed.add(file_report(Outcome::failed, RootCause::auth_rejected, true));
  mixed.add(file_report(Outcome::unknown, RootCause::insufficient_logging));
  FileReport unreadable = file_report(Outcome::unknown, std::nullopt);
  unreadable.error = "x-app.log: the file is empty";
  mixed.add(unreadable);
  CHECK(mixed.line() == "4 files: 2 failed (auth_rejected 1, user_unknown 1), 1 unknown (insufficient_logging 1), "
                        "1 unreadable");
}
