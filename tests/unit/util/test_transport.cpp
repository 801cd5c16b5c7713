#include "sipfo/util/transport.hpp"

#include <doctest/doctest.h>

#include <string_view>

using namespace sipfo::util;

TEST_CASE("util::transport_name and parse_transport round-trip every transport")
{
  CHECK(std::string_view(transport_name(Transport::udp)) == "udp");
  CHECK(std::string_view(transport_name(Transport::tcp)) == "tcp");
  CHECK(std::string_view(transport_name(Transport::tls)) == "tls");
  for (Transport t : {Transport::udp, Transport::tcp, Transport::tls}) {
    CHECK(parse_transport(transport_name(t)) == t);
  }
  CHECK(parse_transport("TLS") == Transport::tls);
  CHECK(parse_transport("Tcp") == Transport::tcp);
  CHECK_FALSE(parse_transport("sctp"));
  CHECK_FALSE(parse_transport(""));
  CHECK_FALSE(parse_transport("udp "));
}

TEST_CASE("util::default_port: 5061 for TLS only (RFC 3261 19.1.2)")
{
  CHECK(default_port(Transport::udp) == 5060);
  CHECK(default_port(Transport::tcp) == 5060);
  CHECK(default_port(Transport::tls) == 5061);
}
