#include "sipfo/util/duration.hpp"

#include <doctest/doctest.h>

using sipfo::util::format_duration;
using sipfo::util::parse_duration;
using namespace std::chrono_literals;

TEST_CASE("util::parse_duration: the units of design §2, a bare number is seconds")
{
  CHECK(parse_duration("500ms") == 500ms);
  CHECK(parse_duration("4s") == 4000ms);
  CHECK(parse_duration("5m") == 300'000ms);
  CHECK(parse_duration("2h") == 7'200'000ms);
  CHECK(parse_duration("30") == 30'000ms);
  CHECK(parse_duration("1h30m") == 5'400'000ms);
  CHECK(parse_duration("1.5s") == 1500ms);
}

TEST_CASE("util::parse_duration: rejects what is not a duration")
{
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("s"));
  CHECK_FALSE(parse_duration("5x"));
  CHECK_FALSE(parse_duration("-5s"));
  CHECK_FALSE(parse_duration("5 s"));
  CHECK_FALSE(parse_duration("1h30"));       // a bare number only on its own
  CHECK_FALSE(parse_duration("99999999999999999999s"));
}

TEST_CASE("util::format_duration")
{
  CHECK(format_duration(250ms) == "250 ms");
  CHECK(format_duration(1500ms) == "1.5 s");
  CHECK(format_duration(32s) == "32 s");
  CHECK(format_duration(std::chrono::minutes(5)) == "5 min");
  CHECK(format_duration(std::chrono::seconds(3725)) == "1 h 2 min");
}
