#include "sipfo/util/suggest.hpp"

#include <doctest/doctest.h>

#include <array>

using sipfo::util::closest_match;

TEST_CASE("util::closest_match: a likely typo gets a suggestion, a stranger none")
{
  constexpr std::array<std::string_view, 3> profiles{"spectralink-84", "rfc3263", "pivot"};
  CHECK(closest_match("spectralink84", profiles) == "spectralink-84");
  CHECK(closest_match("rfc3262", profiles) == "rfc3263");
  CHECK(closest_match("PIVOT", profiles) == "pivot");
  CHECK_FALSE(closest_match("cisco", profiles));
  // A swap of two neighbouring letters is one typo.
  CHECK(closest_match("pivto", profiles) == "pivot");
  constexpr std::array<std::string_view, 3> types{"SRV", "NAPTR", "A"};
  CHECK(closest_match("SVR", types) == "SRV");
}

TEST_CASE("util::iequals")
{
  CHECK(sipfo::util::iequals("DNSnaptr", "dnsNAPTR"));
  CHECK_FALSE(sipfo::util::iequals("udp", "udp6"));
}
