// The Monitoring Plugins range syntax, every form and the bad ones.

#include "sipfo/check/range.hpp"

#include <doctest/doctest.h>

using sipfo::check::parse_range;

TEST_CASE("check::parse_range: 10 alerts below 0 and above 10")
{
  const auto range = parse_range("10");
  REQUIRE(range);
  CHECK(range->alerts(-1));
  CHECK_FALSE(range->alerts(0));
  CHECK_FALSE(range->alerts(10));
  CHECK(range->alerts(10.5));
  CHECK(range->text == "10");
}

TEST_CASE("check::parse_range: 10: alerts below 10 only")
{
  const auto range = parse_range("10:");
  REQUIRE(range);
  CHECK(range->alerts(9.99));
  CHECK_FALSE(range->alerts(10));
  CHECK_FALSE(range->alerts(1e9));
}

TEST_CASE("check::parse_range: ~:10 alerts above 10 only")
{
  const auto range = parse_range("~:10");
  REQUIRE(range);
  CHECK_FALSE(range->alerts(-1e9));
  CHECK_FALSE(range->alerts(10));
  CHECK(range->alerts(11));
}

TEST_CASE("check::parse_range: 10:20 alerts outside, ends included in the range")
{
  const auto range = parse_range("10:20");
  REQUIRE(range);
  CHECK(range->alerts(9));
  CHECK_FALSE(range->alerts(10));
  CHECK_FALSE(range->alerts(20));
  CHECK(range->alerts(21));
}

TEST_CASE("check::parse_range: @10:20 alerts inside, ends included")
{
  const auto range = parse_range("@10:20");
  REQUIRE(range);
  CHECK_FALSE(range->alerts(9));
  CHECK(range->alerts(10));
  CHECK(range->alerts(15));
  CHECK(range->alerts(20));
  CHECK_FALSE(range->alerts(20.1));
}

TEST_CASE("check::parse_range: negative and decimal ends")
{
  const auto range = parse_range("-1.5:2.25");
  REQUIRE(range);
  CHECK(range->alerts(-1.6));
  CHECK_FALSE(range->alerts(-1.5));
  CHECK(range->alerts(2.26));
}

TEST_CASE("check::parse_range: bad forms are refused")
{
  for (const char* bad : {"", "@", ":", "~:", "abc", "10:5", "1:2:3", "10ms", "+5", "1e3", "~", "@~:", " 10",
                          "10 ", "inf", "nan", "1,2"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_range(bad));
  }
}
