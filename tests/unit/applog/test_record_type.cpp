#include "sipfo/applog/record_type.hpp"

#include <doctest/doctest.h>

using namespace sipfo::applog;

TEST_CASE("applog::transport_from: the transport an SRV name or tag names, without case")
{
  CHECK(transport_from("_sip._udp.voice.example.org") == Transport::udp);
  CHECK(transport_from("_sip._tcp.voice.example.org") == Transport::tcp);
  CHECK(transport_from("_SIP._TCP.voice.example.org.") == Transport::tcp);
  CHECK(transport_from("_sips._tcp.voice.example.org") == Transport::tls);
  CHECK(transport_from("_SIPS._TCP.voice.example.org") == Transport::tls);
  CHECK(transport_from("tls") == Transport::tls);
  CHECK(transport_from("(TCP)") == Transport::tcp);
  CHECK(transport_from("(udp)") == Transport::udp);
  CHECK(transport_from("") == Transport::udp);
  // "tls" anywhere wins over "tcp", as in the lower-case search it replaces.
  CHECK(transport_from("_sip._tcp.tls-edge.example.org") == Transport::tls);
  CHECK(transport_from("t") == Transport::udp);
  CHECK(transport_from("_sip") == Transport::udp);
  // Mixed case, the tag at the very end, a word that only starts like one.
  CHECK(transport_from("_SiPs._tcp.x") == Transport::tls);
  CHECK(transport_from("sbc.TcP") == Transport::tcp);
  CHECK(transport_from("voice.example.tl") == Transport::udp);
  CHECK(transport_from("_sipx._udp.tc") == Transport::udp);
  CHECK(transport_from("_sips") == Transport::tls);
  CHECK(transport_from("_sip_") == Transport::udp);
}
