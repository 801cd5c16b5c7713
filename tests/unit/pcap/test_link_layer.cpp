// Every link type the decoder reads gives the same SIP message from the same
// UDP datagram; VLAN and QinQ tags are skipped (IEEE 802.1Q, 802.1ad).

#include "packet_builder.hpp"

#include "sipfo/pcap/link_type.hpp"

#include <doctest/doctest.h>

using namespace sipfo::pcap;
using namespace sipfo::pcap::test;

namespace {

const std::string options_text = sip_request("OPTIONS", 1);

Packet udp4()
{
  return ipv4("192.0.2.10", "192.0.2.1", proto_udp, udp(5062, 5060, bytes_of(options_text)));
}

Packet udp6()
{
  return ipv6("2001:db8::10", "2001:db8::1", proto_udp, udp(5062, 5060, bytes_of(options_text)));
}

// Decodes one packet of `link` and returns the one message it must give.
Message only_message(LinkType link, const Packet& packet)
{
  Feeder feeder(link);
  feeder.feed(packet);
  REQUIRE(feeder.sink.messages.size() == 1);
  CHECK(feeder.sink.notes.empty());
  return feeder.sink.messages[0];
}

void check_v4(const Message& message)
{
  CHECK(message.protocol == Protocol::sip);
  CHECK(message.payload == options_text);
  CHECK(message.flow.protocol == IpProtocol::udp);
  CHECK(message.flow.source.to_string() == "192.0.2.10:5062");
  CHECK(message.flow.destination.to_string() == "192.0.2.1:5060");
  CHECK(message.flow.ip_version() == IpVersion::v4);
}

void check_v6(const Message& message)
{
  CHECK(message.payload == options_text);
  CHECK(message.flow.source.to_string() == "[2001:db8::10]:5062");
  CHECK(message.flow.destination.to_string() == "[2001:db8::1]:5060");
  CHECK(message.flow.ip_version() == IpVersion::v6);
}

} // namespace

TEST_CASE("pcap::link_type_of_dlt: the supported DLT values, and none other")
{
  CHECK(link_type_of_dlt(1) == LinkType::ethernet);
  CHECK(link_type_of_dlt(113) == LinkType::linux_sll);
  CHECK(link_type_of_dlt(276) == LinkType::linux_sll2);
  CHECK(link_type_of_dlt(12) == LinkType::raw);
  CHECK(link_type_of_dlt(101) == LinkType::raw);
  CHECK(link_type_of_dlt(228) == LinkType::ipv4);
  CHECK(link_type_of_dlt(229) == LinkType::ipv6);
  CHECK(link_type_of_dlt(0) == LinkType::null);
  CHECK(link_type_of_dlt(108) == LinkType::loop);
  CHECK_FALSE(link_type_of_dlt(105)); // 802.11
  CHECK_FALSE(link_type_of_dlt(127)); // radiotap
  for (LinkType type : {LinkType::ethernet, LinkType::linux_sll, LinkType::linux_sll2, LinkType::raw, LinkType::ipv4,
                        LinkType::ipv6, LinkType::null, LinkType::loop})
    CHECK(link_type_of_dlt(dlt_of(type)) == type);
}

TEST_CASE("pcap::PacketDecoder: Ethernet, IPv4 and IPv6")
{
  check_v4(only_message(LinkType::ethernet, ethernet(ethertype_ipv4, udp4())));
  check_v6(only_message(LinkType::ethernet, ethernet(ethertype_ipv6, udp6())));
}

TEST_CASE("pcap::PacketDecoder: 802.1Q and QinQ (802.1ad, and the older 0x9100) tags")
{
  check_v4(only_message(LinkType::ethernet, ethernet(ethertype_ipv4, udp4(), {0x8100})));
  check_v4(only_message(LinkType::ethernet, ethernet(ethertype_ipv4, udp4(), {0x88a8, 0x8100})));
  check_v6(only_message(LinkType::ethernet, ethernet(ethertype_ipv6, udp6(), {0x9100, 0x8100})));
  // More tags than anyone stacks: given up, quietly (not IP).
  Feeder feeder;
  feeder.feed(ethernet(ethertype_ipv4, udp4(), {0x8100, 0x8100, 0x8100, 0x8100, 0x8100, 0x8100}));
  CHECK(feeder.sink.messages.empty());
}

TEST_CASE("pcap::PacketDecoder: Linux cooked v1 and v2 (tcpdump -i any)")
{
  check_v4(only_message(LinkType::linux_sll, sll(ethertype_ipv4, udp4())));
  check_v6(only_message(LinkType::linux_sll, sll(ethertype_ipv6, udp6())));
  check_v4(only_message(LinkType::linux_sll2, sll2(ethertype_ipv4, udp4())));
  check_v6(only_message(LinkType::linux_sll2, sll2(ethertype_ipv6, udp6())));
}

TEST_CASE("pcap::PacketDecoder: raw IP, by the version nibble or by the link type")
{
  check_v4(only_message(LinkType::raw, udp4()));
  check_v6(only_message(LinkType::raw, udp6()));
  check_v4(only_message(LinkType::ipv4, udp4()));
  check_v6(only_message(LinkType::ipv6, udp6()));
}

TEST_CASE("pcap::PacketDecoder: BSD loopback in either byte order, and OpenBSD loop")
{
  check_v4(only_message(LinkType::null, family_header(2, false, udp4())));
  check_v4(only_message(LinkType::null, family_header(2, true, udp4())));
  check_v6(only_message(LinkType::null, family_header(30, false, udp6()))); // macOS AF_INET6
  check_v6(only_message(LinkType::null, family_header(28, true, udp6())));  // FreeBSD
  check_v4(only_message(LinkType::loop, family_header(2, true, udp4())));
  check_v6(only_message(LinkType::loop, family_header(24, true, udp6()))); // OpenBSD AF_INET6
}

TEST_CASE("pcap::PacketDecoder: frames that carry no IP are passed over without a note")
{
  Feeder feeder;
  feeder.feed(ethernet(0x0806, Packet(28, 0))); // ARP
  feeder.feed(ethernet(0x88cc, Packet(40, 0))); // LLDP
  CHECK(feeder.sink.messages.empty());
  CHECK(feeder.sink.notes.empty());
}

TEST_CASE("pcap::PacketDecoder: Ethernet padding after a short IP datagram is not payload")
{
  Packet frame = ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, udp(5062, 5060, bytes_of("SIP/2.0 200 OK\r\n\r\n"))));
  frame.resize(frame.size() + 12, 0); // padded to the minimum frame size
  const Message message = only_message(LinkType::ethernet, frame);
  CHECK(message.payload == "SIP/2.0 200 OK\r\n\r\n");
}
