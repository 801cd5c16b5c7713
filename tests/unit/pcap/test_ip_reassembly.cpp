// IP fragments put back together (RFC 791 3.2, RFC 8200 4.5): out of order,
// overlapping (the first copy of a byte wins), incomplete, timed out, too many,
// and reaching past 65535 bytes.

#include "packet_builder.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace sipfo::pcap;
using namespace sipfo::pcap::test;

namespace {

// A UDP datagram carrying a SIP request of about 3000 bytes: too large for one Ethernet frame.
const std::string big_invite = sip_request("INVITE", 7, std::string(2900, 'v'));
const Packet big_udp = udp(5062, 5060, bytes_of(big_invite));

// Bytes [begin, end) of the UDP datagram as an IPv4 fragment.
Packet fragment4(std::size_t begin, std::size_t end, bool more, std::uint16_t id = 0x4242)
{
  Packet data(big_udp.begin() + static_cast<std::ptrdiff_t>(begin),
              big_udp.begin() + static_cast<std::ptrdiff_t>(std::min(end, big_udp.size())));
  Ipv4Options options;
  options.id = id;
  options.more_fragments = more;
  options.offset_units = static_cast<std::uint16_t>(begin / 8);
  return ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, data, options));
}

} // namespace

TEST_CASE("pcap::PacketDecoder: IPv4 fragments out of order make one message")
{
  Feeder feeder;
  feeder.feed(fragment4(2960, big_udp.size(), false));
  feeder.feed(fragment4(0, 1480, true));
  CHECK(feeder.sink.messages.empty());
  CHECK(feeder.decoder().live_fragmented_datagrams() == 1);
  feeder.feed(fragment4(1480, 2960, true));
  REQUIRE(feeder.sink.messages.size() == 1);
  CHECK(feeder.sink.messages[0].payload == big_invite);
  CHECK(feeder.sink.messages[0].packet.number == 3);
  CHECK(feeder.sink.notes.empty());
  CHECK(feeder.decoder().live_fragmented_datagrams() == 0);
}

TEST_CASE("pcap::PacketDecoder: overlapping IPv4 fragments keep the first copy of each byte")
{
  Feeder feeder;
  feeder.feed(fragment4(0, 1480, true));
  // A forged overlap rewriting bytes 1000..2000 with 'X': the first copy stands.
  Packet forged(big_udp.begin() + 1000, big_udp.begin() + 2000);
  std::fill(forged.begin(), forged.begin() + 480, 'X');
  Ipv4Options options;
  options.id = 0x4242;
  options.more_fragments = true;
  options.offset_units = 1000 / 8;
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, forged, options)));
  feeder.feed(fragment4(1480, big_udp.size(), false));
  REQUIRE(feeder.sink.messages.size() == 1);
  CHECK(feeder.sink.messages[0].payload == big_invite);
  CHECK(feeder.sink.notes_of(NoteKind::fragment_overlap) == 1);
}

TEST_CASE("pcap::PacketDecoder: a datagram missing a fragment is a note at the end, not a message")
{
  Feeder feeder;
  feeder.feed(fragment4(0, 1480, true));
  feeder.feed(fragment4(2960, big_udp.size(), false));
  feeder.finish();
  CHECK(feeder.sink.messages.empty());
  REQUIRE(feeder.sink.notes_of(NoteKind::fragment_incomplete) == 1);
  const std::string& text = feeder.sink.notes[0].text;
  CHECK(text.find("first fragment in packet 1") != std::string::npos);
  CHECK(text.find(std::to_string(1480 + big_udp.size() - 2960) + " bytes of " + std::to_string(big_udp.size())) !=
        std::string::npos);
}

TEST_CASE("pcap::PacketDecoder: fragments wait at most the timeout of capture time")
{
  DecoderLimits limits;
  limits.fragment_timeout = std::chrono::seconds(30);
  Feeder feeder(LinkType::ethernet, limits);
  feeder.feed(fragment4(0, 1480, true));
  feeder.advance(std::chrono::seconds(31));
  // The rest arrives too late: the first part was given up, the rest waits alone.
  feeder.feed(fragment4(1480, big_udp.size(), false));
  CHECK(feeder.sink.messages.empty());
  CHECK(feeder.sink.notes_of(NoteKind::fragment_incomplete) == 1);
  CHECK(feeder.sink.notes[0].text.find("timed out") != std::string::npos);
}

TEST_CASE("pcap::PacketDecoder: at most max_fragmented_datagrams wait, the oldest is given up")
{
  DecoderLimits limits;
  limits.max_fragmented_datagrams = 4;
  Feeder feeder(LinkType::ethernet, limits);
  for (std::uint16_t id = 1; id <= 10; ++id) feeder.feed(fragment4(0, 1480, true, id));
  CHECK(feeder.decoder().live_fragmented_datagrams() == 4);
  CHECK(feeder.sink.notes_of(NoteKind::fragment_incomplete) == 6);
  CHECK(feeder.decoder().buffered_bytes() <= 4 * 65535);
}

TEST_CASE("pcap::PacketDecoder: a fragment reaching past 65535 bytes is dropped (ping of death)")
{
  Feeder feeder;
  feeder.feed(fragment4(0, 1480, true));
  Ipv4Options options;
  options.id = 0x4242;
  options.offset_units = 0x1fff; // 65528 bytes
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, Packet(100, 'x'), options)));
  CHECK(feeder.sink.notes_of(NoteKind::fragment_oversized) == 1);
  CHECK(feeder.decoder().live_fragmented_datagrams() == 0);
  CHECK(feeder.sink.messages.empty());
}

TEST_CASE("pcap::PacketDecoder: an IPv6 fragment pair behind a destination options header")
{
  const std::string text = sip_request("REGISTER", 3, std::string(1800, 'r'));
  const Packet datagram = udp(5062, 5060, bytes_of(text));
  const Packet first(datagram.begin(), datagram.begin() + 1232);
  const Packet second(datagram.begin() + 1232, datagram.end());
  // Hop-by-hop (8 bytes of padding options) -> fragment header -> UDP.
  const Packet hop_by_hop{44, 0, 1, 4, 0, 0, 0, 0};
  Feeder feeder;
  feeder.feed(ethernet(ethertype_ipv6, ipv6("2001:db8::10", "2001:db8::1", 0,
                                            concat({hop_by_hop, ipv6_fragment(proto_udp, 1232, false, 77, second)}))));
  feeder.feed(ethernet(ethertype_ipv6,
                       ipv6("2001:db8::10", "2001:db8::1", 44, ipv6_fragment(proto_udp, 0, true, 77, first))));
  REQUIRE(feeder.sink.messages.size() == 1);
  CHECK(feeder.sink.messages[0].payload == text);
  CHECK(feeder.sink.messages[0].flow.source.to_string() == "[2001:db8::10]:5062");
  CHECK(feeder.sink.notes.empty());
}

TEST_CASE("pcap::PacketDecoder: an IPv6 atomic fragment is a whole packet (RFC 6946)")
{
  const std::string text = sip_request("OPTIONS", 4);
  Feeder feeder;
  feeder.feed(ethernet(ethertype_ipv6, ipv6("2001:db8::10", "2001:db8::1", 44,
                                            ipv6_fragment(proto_udp, 0, false, 9, udp(5062, 5060, bytes_of(text))))));
  REQUIRE(feeder.sink.messages.size() == 1);
  CHECK(feeder.sink.messages[0].payload == text);
  CHECK(feeder.decoder().live_fragmented_datagrams() == 0);
}
