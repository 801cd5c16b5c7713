#include "link_layer.hpp"

namespace sipfo::pcap::detail {

namespace {

constexpr std::uint16_t ethertype_ipv4 = 0x0800;
constexpr std::uint16_t ethertype_ipv6 = 0x86dd;
constexpr std::uint16_t ethertype_vlan = 0x8100;  // IEEE 802.1Q
constexpr std::uint16_t ethertype_qinq = 0x88a8;  // IEEE 802.1ad service tag
constexpr std::uint16_t ethertype_qinq_old = 0x9100; // pre-standard QinQ, still in switches

NetworkLayer by_ethertype(std::uint16_t type) noexcept
{
  if (type == ethertype_ipv4) return NetworkLayer::ipv4;
  if (type == ethertype_ipv6) return NetworkLayer::ipv6;
  return NetworkLayer::other;
}

// The IP version nibble, for link types that carry bare IP.
NetworkLayer by_version(Bytes packet, std::size_t offset) noexcept
{
  if (packet.size() <= offset) return NetworkLayer::other;
  const int version = packet[offset] >> 4;
  if (version == 4) return NetworkLayer::ipv4;
  if (version == 6) return NetworkLayer::ipv6;
  return NetworkLayer::other;
}

std::optional<LinkPayload> ethernet(Bytes packet) noexcept
{
  std::size_t at = 12;
  for (int tags = 0; tags <= max_vlan_tags; ++tags) {
    if (packet.size() < at + 2) return std::nullopt;
    const std::uint16_t type = be16(packet, at);
    if (type != ethertype_vlan && type != ethertype_qinq && type != ethertype_qinq_old)
      return LinkPayload{by_ethertype(type), at + 2};
    at += 4; // tag control information, then the next type
  }
  return LinkPayload{NetworkLayer::other, at};
}

// BSD address families as DLT_NULL/DLT_LOOP carry them: AF_INET is 2 everywhere,
// AF_INET6 is 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS).
NetworkLayer by_family(std::uint32_t family) noexcept
{
  if (family == 2) return NetworkLayer::ipv4;
  if (family == 10 || family == 24 || family == 28 || family == 30) return NetworkLayer::ipv6;
  return NetworkLayer::other;
}

} // namespace

std::optional<LinkPayload> strip_link_header(LinkType type, Bytes packet) noexcept
{
  switch (type) {
  case LinkType::ethernet:
    return ethernet(packet);
  case LinkType::linux_sll:
    // packet type, ARPHRD, address length, 8 address bytes, protocol.
    if (packet.size() < 16) return std::nullopt;
    return LinkPayload{by_ethertype(be16(packet, 14)), 16};
  case LinkType::linux_sll2:
    // protocol, reserved, interface index, ARPHRD, packet type, address length, 8 address bytes.
    if (packet.size() < 20) return std::nullopt;
    return LinkPayload{by_ethertype(be16(packet, 0)), 20};
  case LinkType::raw:
    return LinkPayload{by_version(packet, 0), 0};
  case LinkType::ipv4:
    return LinkPayload{NetworkLayer::ipv4, 0};
  case LinkType::ipv6:
    return LinkPayload{NetworkLayer::ipv6, 0};
  case LinkType::null: {
    // The capturing host's byte order, which the file does not say: try both.
    if (packet.size() < 4) return std::nullopt;
    NetworkLayer layer = by_family(le32(packet, 0));
    if (layer == NetworkLayer::other) layer = by_family(be32(packet, 0));
    return LinkPayload{layer, 4};
  }
  case LinkType::loop:
    if (packet.size() < 4) return std::nullopt;
    return LinkPayload{by_family(be32(packet, 0)), 4};
  }
  return std::nullopt;
}

} // namespace sipfo::pcap::detail
