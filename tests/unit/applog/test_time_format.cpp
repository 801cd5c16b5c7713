#include "sipfo/applog/time_format.hpp"

#include <doctest/doctest.h>

using namespace sipfo::applog;

TEST_CASE("applog::since_boot_ms: type 0 is HHMMSS.mmm since boot")
{
  // 01 h 15 min 11.006 s = 4511 s + 6 ms
  CHECK(since_boot_ms("011511.006") == 4'511'006);
  CHECK(since_boot_ms("000000.000") == 0);
  CHECK_FALSE(since_boot_ms("0115110006"));
  CHECK_FALSE(since_boot_ms("01151.0060"));
  CHECK_FALSE(since_boot_ms("0a1511.006"));
}

TEST_CASE("applog::TimeFormatGuess: MMDDHHMMSS stamps read as type 2")
{
  TimeFormatGuess guess;
  // Oct 15 15:20:06 / 15:22:16; as YYMMDDHHMM the month would be 15.
  guess.observe("1015152006");
  guess.observe("1015152216");
  CHECK(guess.result() == TimeFormat::second);
}

TEST_CASE("applog::TimeFormatGuess: YYMMDDHHMM stamps read as type 1")
{
  TimeFormatGuess guess;
  // 2025-10-28 17:16 and 17:59; as MMDDHHMMSS the month would be 25.
  guess.observe("2510281716");
  guess.observe("2510281759");
  CHECK(guess.result() == TimeFormat::minute);
}

TEST_CASE("applog::TimeFormatGuess: a tie goes to type 2, no stamps to none, dots to type 0")
{
  TimeFormatGuess tie;
  tie.observe("0102030405"); // plausible both ways
  CHECK(tie.result() == TimeFormat::second);
  TimeFormatGuess none;
  none.observe("12");
  none.observe("");
  CHECK(none.result() == TimeFormat::none);
  TimeFormatGuess boot;
  boot.observe("000012.345");
  CHECK(boot.result() == TimeFormat::since_boot);
}

TEST_CASE("applog::format_stamp: each type for people")
{
  CHECK(format_stamp("011511.006", TimeFormat::since_boot) == "+01:15:11.006");
  CHECK(format_stamp("0210281716", TimeFormat::minute) == "2002-10-28 17:16");
  CHECK(format_stamp("1028171642", TimeFormat::second) == "10-28 17:16:42");
  CHECK(format_stamp("junk", TimeFormat::second) == "junk");
}

TEST_CASE("applog::parse_time_format")
{
  CHECK(parse_time_format("auto") == TimeFormat::automatic);
  CHECK(parse_time_format("0") == TimeFormat::since_boot);
  CHECK(parse_time_format("1") == TimeFormat::minute);
  CHECK(parse_time_format("second") == TimeFormat::second);
  CHECK_FALSE(parse_time_format("3"));
}

TEST_CASE("applog::TimeFormatGuess: a stamp repeated on many lines counts once per line")
{
  // 2212312359 fits only YYMMDDHHMM (month 22 is no MM); 0314091205 fits only
  // MMDDHHMMSS (month 14 is no MM). The majority of lines decides, so a repeated
  // stamp (the lines of one second) must weigh once per line, not once.
  TimeFormatGuess minute_more;
  for (const char* stamp : {"2212312359", "2212312359", "2212312359", "0314091205", "0314091205"}) {
    minute_more.observe(stamp);
  }
  CHECK(minute_more.result() == TimeFormat::minute);
  TimeFormatGuess second_more;
  for (const char* stamp : {"2212312359", "0314091205", "0314091205", "0314091205", "2212312359"}) {
    second_more.observe(stamp);
  }
  CHECK(second_more.result() == TimeFormat::second);
  // Type-0 stamps repeated beat fewer ten-digit ones.
  TimeFormatGuess boot;
  for (const char* stamp : {"000012.345", "000012.345", "000012.345", "0314091205", "0314091205"}) boot.observe(stamp);
  CHECK(boot.result() == TimeFormat::since_boot);
}
