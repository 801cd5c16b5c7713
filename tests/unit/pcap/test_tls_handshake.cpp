// TLS handshakes seen from outside (RFC 8446 4.1.2, 4.1.3, 4.2.1, 6; RFC 6066 3):
// the ClientHello's server name and versions even when split across segments,
// the ServerHello's chosen version, alerts in clear and encrypted.

#include "packet_builder.hpp"

#include <doctest/doctest.h>

using namespace sipfo::pcap;
using namespace sipfo::pcap::test;

namespace {

void put24(Packet& p, std::size_t v)
{
  p.push_back(static_cast<std::uint8_t>(v >> 16));
  put16(p, static_cast<std::uint16_t>(v));
}

Packet record(std::uint8_t type, const Packet& body, std::uint16_t version = 0x0303)
{
  Packet p{type};
  put16(p, version);
  put16(p, static_cast<std::uint16_t>(body.size()));
  p.insert(p.end(), body.begin(), body.end());
  return p;
}

Packet handshake(std::uint8_t type, const Packet& body)
{
  Packet p{type};
  put24(p, body.size());
  p.insert(p.end(), body.begin(), body.end());
  return p;
}

Packet extension(std::uint16_t type, const Packet& data)
{
  Packet p;
  put16(p, type);
  put16(p, static_cast<std::uint16_t>(data.size()));
  p.insert(p.end(), data.begin(), data.end());
  return p;
}

// A TLS 1.3 ClientHello for `name`, offering GREASE, TLS 1.3 and TLS 1.2.
Packet client_hello(const std::string& name)
{
  Packet body{0x03, 0x03};
  body.resize(body.size() + 32, 0x11); // random
  body.push_back(0);                   // session id
  put16(body, 4);
  put16(body, 0x1301);
  put16(body, 0xc02f);
  body.push_back(1);
  body.push_back(0); // compression: null
  Packet sni;
  put16(sni, static_cast<std::uint16_t>(name.size() + 3));
  sni.push_back(0); // host_name
  put16(sni, static_cast<std::uint16_t>(name.size()));
  sni.insert(sni.end(), name.begin(), name.end());
  const Packet versions{6, 0x0a, 0x0a, 0x03, 0x04, 0x03, 0x03};
  const Packet extensions = concat({extension(0x000a, {0, 2, 0, 0x1d}), extension(0, sni), extension(43, versions)});
  put16(body, static_cast<std::uint16_t>(extensions.size()));
  body.insert(body.end(), extensions.begin(), extensions.end());
  return record(22, handshake(1, body), 0x0301);
}

Packet server_hello(std::uint16_t chosen)
{
  Packet body{0x03, 0x03};
  body.resize(body.size() + 32, 0x22);
  body.push_back(0);
  put16(body, 0x1301);
  body.push_back(0);
  Packet versions;
  put16(versions, chosen);
  const Packet extensions = extension(43, versions);
  put16(body, static_cast<std::uint16_t>(extensions.size()));
  body.insert(body.end(), extensions.begin(), extensions.end());
  return record(22, handshake(2, body));
}

Packet tls_segment(bool from_phone, std::uint32_t seq, const Packet& data, std::uint8_t flags = ack | psh)
{
  return ethernet(ethertype_ipv4, ipv4(from_phone ? "192.0.2.10" : "192.0.2.1", from_phone ? "192.0.2.1" : "192.0.2.10",
                                       proto_tcp,
                                       tcp(from_phone ? 40100 : 5061, from_phone ? 5061 : 40100, seq, flags, data)));
}

} // namespace

TEST_CASE("pcap::PacketDecoder: a TLS ClientHello split across two segments gives its server name and versions")
{
  const Packet hello = client_hello("p1.eslab.local");
  const Packet first(hello.begin(), hello.begin() + 30);
  const Packet second(hello.begin() + 30, hello.end());
  Feeder feeder;
  feeder.feed(tls_segment(true, 100, {}, syn));
  feeder.feed(tls_segment(true, 101, first));
  CHECK(feeder.sink.tls.empty());
  feeder.feed(tls_segment(true, 101 + 30, second));
  REQUIRE(feeder.sink.tls.size() == 1);
  const TlsEvent& event = feeder.sink.tls[0];
  CHECK(event.kind == TlsEventKind::client_hello);
  CHECK(event.server_name == "p1.eslab.local");
  CHECK(event.version == 0x0304);
  CHECK(event.offered_versions == std::vector<std::uint16_t>{0x0304, 0x0303}); // GREASE left out
  CHECK(event.packet.number == 3);
  CHECK(event.flow.destination.to_string() == "192.0.2.1:5061");
  CHECK(tls_version_name(event.version) == "TLS 1.3");
}

TEST_CASE("pcap::PacketDecoder: ServerHello version, then a fatal alert in clear, then who closed")
{
  Feeder feeder;
  const Packet hello = client_hello("p2.eslab.local");
  feeder.feed(tls_segment(true, 1, hello));
  const Packet answer = concat({server_hello(0x0303), record(21, {2, 42})}); // bad_certificate
  feeder.feed(tls_segment(false, 7000, answer));
  feeder.feed(tls_segment(false, 7000 + static_cast<std::uint32_t>(answer.size()), {}, fin | ack));
  feeder.feed(tls_segment(true, 1 + static_cast<std::uint32_t>(hello.size()), {}, rst));
  REQUIRE(feeder.sink.tls.size() == 3);
  CHECK(feeder.sink.tls[1].kind == TlsEventKind::server_hello);
  CHECK(feeder.sink.tls[1].version == 0x0303);
  CHECK(feeder.sink.tls[2].kind == TlsEventKind::alert);
  CHECK(feeder.sink.tls[2].alert_level == 2);
  CHECK(feeder.sink.tls[2].alert_description == 42);
  CHECK_FALSE(feeder.sink.tls[2].encrypted_alert);
  CHECK(feeder.sink.tls[2].flow.source.to_string() == "192.0.2.1:5061");
  REQUIRE(feeder.sink.connections.size() == 2);
  CHECK(feeder.sink.connections[0].kind == ConnectionEventKind::fin);
  CHECK(feeder.sink.connections[0].flow.source.to_string() == "192.0.2.1:5061");
  CHECK(feeder.sink.connections[1].kind == ConnectionEventKind::rst);
  CHECK(feeder.sink.connections[1].flow.source.to_string() == "192.0.2.10:40100");
}

TEST_CASE("pcap::PacketDecoder: after ChangeCipherSpec an alert is encrypted, and application data is skipped")
{
  Feeder feeder;
  const Packet data = concat({client_hello("p3.eslab.local"), record(20, {1}), record(23, Packet(3000, 0xee)),
                              record(21, Packet(26, 0xab))});
  feeder.feed(tls_segment(true, 1, data));
  REQUIRE(feeder.sink.tls.size() == 2);
  CHECK(feeder.sink.tls[1].kind == TlsEventKind::alert);
  CHECK(feeder.sink.tls[1].encrypted_alert);
  CHECK(feeder.sink.notes.empty());
  CHECK(feeder.decoder().buffered_bytes() == 0);
}

TEST_CASE("pcap::PacketDecoder: bytes that are not TLS records on the TLS port stop the reader with one note")
{
  Feeder feeder;
  feeder.feed(tls_segment(true, 1, bytes_of("hello, this is not TLS at all")));
  feeder.feed(tls_segment(true, 30, bytes_of("and neither is this")));
  CHECK(feeder.sink.tls.empty());
  CHECK(feeder.sink.notes_of(NoteKind::undecodable) == 1);
}

TEST_CASE("pcap::PacketDecoder: TLS is recognised by its first record on a port other than 5061")
{
  Feeder feeder;
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_tcp,
                                            tcp(40200, 443, 1, ack | psh, client_hello("sbc.eslab.local")))));
  REQUIRE(feeder.sink.tls.size() == 1);
  CHECK(feeder.sink.tls[0].server_name == "sbc.eslab.local");
}
