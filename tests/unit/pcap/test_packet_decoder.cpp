// UDP messages (DNS by port or by shape, SIP by start line), snaplen truncation
// said and never fatal, and hostile headers: impossible lengths give one note
// each and no message, never a crash.

#include "packet_builder.hpp"

#include <doctest/doctest.h>

using namespace sipfo::pcap;
using namespace sipfo::pcap::test;

namespace {

// A DNS query for _sip._udp.eslab.local SRV (RFC 1035 4.1.1, 4.1.2).
Packet dns_query(std::uint16_t id)
{
  Packet p;
  put16(p, id);
  put16(p, 0x0100); // RD
  put16(p, 1);
  put16(p, 0);
  put16(p, 0);
  put16(p, 0);
  for (const char* label : {"_sip", "_udp", "eslab", "local"}) {
    const std::string text(label);
    p.push_back(static_cast<std::uint8_t>(text.size()));
    p.insert(p.end(), text.begin(), text.end());
  }
  p.push_back(0);
  put16(p, 33); // SRV
  put16(p, 1);  // IN
  return p;
}

Packet udp_frame(std::uint16_t sport, std::uint16_t dport, const Packet& payload)
{
  return ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.53", proto_udp, udp(sport, dport, payload)));
}

} // namespace

TEST_CASE("pcap::PacketDecoder: DNS on port 53 either way, DNS-shaped payloads elsewhere, RTP ignored")
{
  Feeder feeder;
  feeder.feed(udp_frame(33000, 53, dns_query(1)));
  feeder.feed(udp_frame(53, 33000, Packet(12, 0))); // port 53 is DNS whatever its shape
  feeder.feed(udp_frame(33001, 5353, dns_query(2)));
  Packet rtp{0x80, 0x00, 0x12, 0x34, 0, 0, 0, 160, 0xde, 0xad, 0xbe, 0xef};
  rtp.resize(172, 0xd5);
  feeder.feed(udp_frame(16384, 16386, rtp));
  feeder.feed(udp_frame(5060, 5060, bytes_of("\r\n\r\n"))); // keep-alive
  REQUIRE(feeder.sink.messages.size() == 3);
  for (const auto& message : feeder.sink.messages) CHECK(message.protocol == Protocol::dns);
  CHECK(feeder.sink.messages[0].payload.size() == dns_query(1).size());
  CHECK(feeder.sink.messages[2].flow.destination.port == 5353);
  CHECK(feeder.sink.notes.empty());
}

TEST_CASE("pcap::PacketDecoder: SIP over UDP on any port by its start line, not by a look-alike")
{
  Feeder feeder;
  feeder.feed(udp_frame(5062, 5080, bytes_of(sip_response(200, "OK", 1, "REGISTER"))));
  feeder.feed(udp_frame(5062, 5080, bytes_of("NOTIFY sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n")));
  feeder.feed(udp_frame(5062, 5080, bytes_of("GET / HTTP/1.1\r\n\r\n")));
  feeder.feed(udp_frame(5062, 5080, bytes_of("SIP/2.0")));
  REQUIRE(feeder.sink.messages.size() == 2);
  CHECK(feeder.sink.messages[0].protocol == Protocol::sip);
  CHECK(feeder.sink.messages[1].payload.starts_with("NOTIFY "));
  CHECK(feeder.sink.messages[0].packet.time == feeder.sink.messages[1].packet.time - std::chrono::milliseconds(1));
}

TEST_CASE("pcap::PacketDecoder: a UDP SIP message cut by the snaplen is kept, marked, and noted")
{
  const std::string text = sip_request("REGISTER", 1, std::string(400, 'b'));
  const Packet frame = udp_frame(5062, 5060, bytes_of(text));
  Feeder feeder;
  const Packet cut(frame.begin(), frame.begin() + 200);
  feeder.feed(cut, static_cast<std::uint32_t>(frame.size()));
  REQUIRE(feeder.sink.messages.size() == 1);
  CHECK(feeder.sink.messages[0].truncated);
  CHECK(feeder.sink.messages[0].payload == text.substr(0, 200 - 14 - 20 - 8));
  REQUIRE(feeder.sink.notes_of(NoteKind::truncated) == 1);
  CHECK(feeder.sink.notes[0].packet.number == 1);
}

TEST_CASE("pcap::PacketDecoder: a TCP segment cut by the snaplen loses its message, not the next one")
{
  const std::string m1 = sip_request("REGISTER", 1, std::string(300, 'b'));
  const std::string m2 = sip_request("REGISTER", 2);
  const auto segment = [](std::uint32_t seq, const std::string& data) {
    return ethernet(ethertype_ipv4,
                    ipv4("192.0.2.10", "192.0.2.1", proto_tcp, tcp(40000, 5060, seq, ack | psh, bytes_of(data))));
  };
  Feeder feeder;
  const Packet whole = segment(1, m1);
  feeder.feed(Packet(whole.begin(), whole.begin() + 128), static_cast<std::uint32_t>(whole.size()));
  feeder.feed(segment(1 + static_cast<std::uint32_t>(m1.size()), m2));
  CHECK(feeder.sink.payloads() == std::vector<std::string>{m2});
  CHECK(feeder.sink.notes_of(NoteKind::truncated) == 1);
}

TEST_CASE("pcap::PacketDecoder: hostile IPv4 headers are notes, never messages")
{
  const Packet sip = udp(5062, 5060, bytes_of(sip_request("OPTIONS", 1)));
  Feeder feeder;
  Ipv4Options short_header;
  short_header.header_words = 3; // IHL < 5
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, sip, short_header)));
  Ipv4Options long_total;
  long_total.total_length = 60000; // beyond the frame, which was not cut
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, sip, long_total)));
  Ipv4Options tiny_total;
  tiny_total.total_length = 10; // below the header
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, sip, tiny_total)));
  Ipv4Options header_past_end;
  header_past_end.header_words = 15;
  Packet cut = ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, {}, header_past_end));
  cut.resize(14 + 30);
  feeder.feed(cut);
  feeder.feed(ethernet(ethertype_ipv4, Packet{0x45, 0})); // 2 bytes of header
  CHECK(feeder.sink.messages.empty());
  CHECK(feeder.sink.notes_of(NoteKind::undecodable) == 5);
  CHECK(feeder.sink.notes[0].text.find("header length 12 below 20") != std::string::npos);
}

TEST_CASE("pcap::PacketDecoder: hostile UDP and TCP lengths are notes")
{
  Feeder feeder;
  const Packet sip = bytes_of(sip_request("OPTIONS", 1));
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, udp(5062, 5060, sip, 4))));
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, udp(5062, 5060, sip, 9000))));
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_tcp, tcp(40000, 5060, 1, ack, sip, 2))));
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_tcp, Packet(10, 0))));
  CHECK(feeder.sink.messages.empty());
  CHECK(feeder.sink.notes_of(NoteKind::undecodable) == 4);
}

TEST_CASE("pcap::PacketDecoder: hostile IPv6 extension chains are notes")
{
  Feeder feeder;
  const Packet sip = udp(5062, 5060, bytes_of(sip_request("OPTIONS", 1)));
  // A hop-by-hop header claiming 2048 bytes.
  feeder.feed(ethernet(ethertype_ipv6, ipv6("2001:db8::10", "2001:db8::1", 0, concat({Packet{17, 255, 0, 0, 0, 0, 0, 0}, sip}))));
  // A chain of 20 destination-options headers, each pointing at the next.
  Packet chain;
  for (int i = 0; i < 20; ++i) chain.insert(chain.end(), {60, 0, 1, 4, 0, 0, 0, 0});
  feeder.feed(ethernet(ethertype_ipv6, ipv6("2001:db8::10", "2001:db8::1", 60, concat({chain, sip}))));
  // Two fragment headers.
  feeder.feed(ethernet(ethertype_ipv6, ipv6("2001:db8::10", "2001:db8::1", 44,
                                            ipv6_fragment(44, 0, false, 1, ipv6_fragment(proto_udp, 8, true, 2, sip)))));
  CHECK(feeder.sink.messages.empty());
  CHECK(feeder.sink.notes_of(NoteKind::undecodable) == 3);
}

TEST_CASE("pcap::PacketDecoder: link headers cut short are notes")
{
  Feeder ethernet_feeder;
  ethernet_feeder.feed(Packet{0, 1, 2});
  CHECK(ethernet_feeder.sink.notes_of(NoteKind::undecodable) == 1);
  Feeder sll_feeder(LinkType::linux_sll2);
  sll_feeder.feed(Packet(10, 0), 100);
  CHECK(sll_feeder.sink.notes_of(NoteKind::truncated) == 1);
}

TEST_CASE("pcap::PacketDecoder: IPv4 options and an IPv6 routing plus destination options chain are skipped")
{
  const std::string text = sip_request("OPTIONS", 1);
  Feeder feeder;
  Ipv4Options with_options;
  with_options.header_words = 6; // 4 bytes of options (NOPs would do; zeros end the list)
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, udp(5062, 5060, bytes_of(text)), with_options)));
  // Routing header (type 0 stub, 8 bytes) -> destination options (8 bytes) -> UDP.
  const Packet routing{60, 0, 0, 0, 0, 0, 0, 0};
  const Packet destination{proto_udp, 0, 1, 4, 0, 0, 0, 0};
  feeder.feed(ethernet(ethertype_ipv6, ipv6("2001:db8::10", "2001:db8::1", 43, concat({routing, destination, udp(5062, 5060, bytes_of(text))}))));
  REQUIRE(feeder.sink.messages.size() == 2);
  CHECK(feeder.sink.messages[0].payload == text);
  CHECK(feeder.sink.messages[1].payload == text);
  CHECK(feeder.sink.messages[1].flow.ip_version() == IpVersion::v6);
  CHECK(feeder.sink.notes.empty());
}

TEST_CASE("pcap::PacketDecoder: DNS over TCP, each message after its 2-byte length (RFC 1035 4.2.2)")
{
  const Packet query = dns_query(0x0101);
  Packet framed{0, static_cast<std::uint8_t>(query.size())};
  framed.insert(framed.end(), query.begin(), query.end());
  const auto segment = [](bool from_client, std::uint32_t seq, const Packet& data) {
    return ethernet(ethertype_ipv4, ipv4(from_client ? "192.0.2.10" : "192.0.2.53", from_client ? "192.0.2.53" : "192.0.2.10",
                                         proto_tcp, tcp(from_client ? 40300 : 53, from_client ? 53 : 40300, seq, ack | psh, data)));
  };
  Feeder feeder;
  feeder.feed(segment(true, 1, Packet(framed.begin(), framed.begin() + 1))); // the length split from its message
  feeder.feed(segment(true, 2, Packet(framed.begin() + 1, framed.end())));
  const Packet two = concat({framed, framed}); // two answers in one segment
  feeder.feed(segment(false, 500, two));
  REQUIRE(feeder.sink.messages.size() == 3);
  for (const auto& message : feeder.sink.messages) {
    CHECK(message.protocol == Protocol::dns);
    CHECK(message.flow.protocol == IpProtocol::tcp);
    CHECK(message.payload == std::string(query.begin(), query.end()));
  }
  CHECK(feeder.sink.messages[0].first_packet == 1);
  CHECK(feeder.sink.messages[0].packet.number == 2);
  CHECK(feeder.sink.messages[2].flow.source.to_string() == "192.0.2.53:53");
}
