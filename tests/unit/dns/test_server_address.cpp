// --dns-server values: "ADDR", "ADDR:PORT", "[V6]", "[V6]:PORT", bare IPv6.

#include "dns/server_address.hpp"

#include <doctest/doctest.h>

using namespace sipfo::dns;

TEST_CASE("dns::parse_server_address: accepted forms")
{
  CHECK(parse_server_address("127.0.0.1") == ServerAddress{"127.0.0.1", 53, false});
  CHECK(parse_server_address("127.0.53.1:53053") == ServerAddress{"127.0.53.1", 53053, false});
  CHECK(parse_server_address("[::1]") == ServerAddress{"::1", 53, true});
  CHECK(parse_server_address("[::1]:5353") == ServerAddress{"::1", 5353, true});
  CHECK(parse_server_address("::1") == ServerAddress{"::1", 53, true});
  // the canonical (RFC 5952) text of an IPv6 address
  CHECK(parse_server_address("[2001:0db8:0:0:0:0:0:0001]:65535") == ServerAddress{"2001:db8::1", 65535, true});
}

TEST_CASE("dns::parse_server_address: rejected forms")
{
  for (const char* bad : {"", "eslab.local", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:53x",
                          "127.0.0.256", "[::1", "[::1]:", "[::1]5353", "[127.0.0.1]:53", "::1:53:x", " 127.0.0.1",
                          "127.0.0.1:-1"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_server_address(bad));
  }
}

TEST_CASE("dns::server_source and dns::server_csv_entry")
{
  CHECK(server_source({"127.0.0.1", 5353, false}) == "127.0.0.1@5353");
  CHECK(server_source({"::1", 53, true}) == "::1@53");
  CHECK(server_csv_entry({"127.0.0.1", 5353, false}) == "127.0.0.1:5353");
  CHECK(server_csv_entry({"::1", 53, true}) == "[::1]:53");
}
