#include "sipfo/util/ip_literal.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using sipfo::util::Brackets;
using sipfo::util::is_ip_literal;

TEST_CASE("util::is_ip_literal: addresses of both families, not names")
{
  CHECK(is_ip_literal("10.0.0.1"));
  CHECK(is_ip_literal("127.0.0.1"));
  CHECK(is_ip_literal("2001:db8::1"));
  CHECK(is_ip_literal("::1"));
  CHECK(is_ip_literal("::ffff:10.0.0.1"));
  CHECK_FALSE(is_ip_literal("10.0.0.256"));
  CHECK_FALSE(is_ip_literal("10.0.0"));
  CHECK_FALSE(is_ip_literal("eslab.local"));
  CHECK_FALSE(is_ip_literal(""));
  CHECK_FALSE(is_ip_literal("2001:db8::1%eth0"));
}

TEST_CASE("util::is_ip_literal: brackets count only when allowed")
{
  CHECK_FALSE(is_ip_literal("[::1]"));
  CHECK(is_ip_literal("[::1]", Brackets::allowed));
  CHECK(is_ip_literal("[2001:db8::1]", Brackets::allowed));
  CHECK(is_ip_literal("10.0.0.1", Brackets::allowed));
  CHECK_FALSE(is_ip_literal("[eslab.local]", Brackets::allowed));
  CHECK_FALSE(is_ip_literal("[]", Brackets::allowed));
  CHECK_FALSE(is_ip_literal("[::1", Brackets::allowed));
}

TEST_CASE("util::is_ip_literal: over-long text and an embedded NUL are no address")
{
  // 45 characters is the longest IPv6 text; one more cannot be an address.
  const std::string longest = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
  REQUIRE(longest.size() == 45);
  CHECK(is_ip_literal(longest));
  CHECK_FALSE(is_ip_literal(longest + "5"));
  CHECK_FALSE(is_ip_literal(std::string(100000, '1')));
  // inet_pton would stop at the NUL and accept the prefix.
  CHECK_FALSE(is_ip_literal(std::string_view("10.0.0.1\0evil", 13)));
  // A view into a larger buffer: only the viewed characters count.
  const std::string_view buffer = "10.0.0.1x";
  CHECK(is_ip_literal(buffer.substr(0, 8)));
  CHECK_FALSE(is_ip_literal(buffer));
}
