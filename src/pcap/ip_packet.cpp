#include "ip_packet.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::pcap::detail {

namespace {

constexpr std::uint8_t ext_hop_by_hop = 0;
constexpr std::uint8_t ext_routing = 43;
constexpr std::uint8_t ext_fragment = 44;
constexpr std::uint8_t ext_auth = 51; // RFC 4302: length in 4-byte units
constexpr std::uint8_t ext_destination = 60;
constexpr std::uint8_t ext_mobility = 135;

Address address_at(IpVersion version, Bytes bytes, std::size_t at)
{
  Address address;
  address.version = version;
  const std::size_t size = version == IpVersion::v4 ? 4 : 16;
  std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), size, address.bytes.begin());
  return address;
}

IpParse failure(std::string error)
{
  IpParse parse;
  parse.error = std::move(error);
  return parse;
}

} // namespace

IpParse parse_ipv4(Bytes bytes, bool captured_short)
{
  if (bytes.size() < 20) return failure(fmt::format("IPv4 header cut at {} bytes", bytes.size()));
  if ((bytes[0] >> 4) != 4) return failure(fmt::format("IP version {} where IPv4 was expected", bytes[0] >> 4));
  const std::size_t header = std::size_t{bytes[0] & 0x0fu} * 4;
  if (header < 20) return failure(fmt::format("IPv4 header length {} below 20 bytes", header));
  const std::size_t total = be16(bytes, 2);
  if (total < header) return failure(fmt::format("IPv4 total length {} below its header length {}", total, header));
  if (bytes.size() < header) return failure(fmt::format("IPv4 header of {} bytes cut at {}", header, bytes.size()));
  if (total > bytes.size() && !captured_short)
    return failure(fmt::format("IPv4 total length {} beyond the {} bytes of the packet", total, bytes.size()));

  IpPacket packet;
  packet.source = address_at(IpVersion::v4, bytes, 12);
  packet.destination = address_at(IpVersion::v4, bytes, 16);
  packet.protocol = bytes[9];
  // Ethernet pads short frames: the IP total length, not the frame, says where the datagram ends.
  packet.payload = bytes.subspan(header, std::min(total, bytes.size()) - header);
  packet.payload_wire_length = static_cast<std::uint32_t>(total - header);
  const std::uint16_t flags_offset = be16(bytes, 6);
  const bool more = (flags_offset & 0x2000) != 0;
  const std::uint32_t offset = std::uint32_t{flags_offset & 0x1fffu} * 8;
  if (more || offset != 0) packet.fragment = Fragment{be16(bytes, 4), offset, more};
  IpParse parse;
  parse.packet = packet;
  return parse;
}

std::optional<Ipv6Chain> walk_ipv6_extensions(std::uint8_t next_header, Bytes bytes, std::string& error)
{
  Ipv6Chain chain;
  std::size_t at = 0;
  bool fragment_seen = false;
  for (int walked = 0; walked < max_ipv6_extension_headers; ++walked) {
    switch (next_header) {
    case ext_hop_by_hop:
    case ext_routing:
    case ext_destination:
    case ext_mobility:
    case ext_auth: {
      if (bytes.size() < at + 2) {
        error = "IPv6 extension header cut short";
        return std::nullopt;
      }
      const std::size_t length =
          next_header == ext_auth ? (std::size_t{bytes[at + 1]} + 2) * 4 : (std::size_t{bytes[at + 1]} + 1) * 8;
      next_header = bytes[at];
      at += length;
      if (at > bytes.size()) {
        error = "IPv6 extension header longer than the packet";
        return std::nullopt;
      }
      break;
    }
    case ext_fragment: {
      if (bytes.size() < at + 8) {
        error = "IPv6 fragment header cut short";
        return std::nullopt;
      }
      if (fragment_seen) {
        error = "two IPv6 fragment headers in one packet";
        return std::nullopt;
      }
      fragment_seen = true;
      const std::uint16_t offset_flags = be16(bytes, at + 2);
      chain.fragment = Fragment{be32(bytes, at + 4), std::uint32_t{offset_flags & 0xfff8u}, (offset_flags & 1) != 0};
      next_header = bytes[at];
      at += 8;
      // The rest of a fragmented packet is read after reassembly (RFC 8200 4.5).
      if (chain.fragment->more || chain.fragment->offset != 0) {
        chain.protocol = next_header;
        chain.offset = at;
        return chain;
      }
      chain.fragment.reset(); // an atomic fragment (RFC 6946): a whole packet
      break;
    }
    default:
      chain.protocol = next_header;
      chain.offset = at;
      return chain;
    }
  }
  error = fmt::format("more than {} IPv6 extension headers", max_ipv6_extension_headers);
  return std::nullopt;
}

IpParse parse_ipv6(Bytes bytes, bool captured_short)
{
  if (bytes.size() < 40) return failure(fmt::format("IPv6 header cut at {} bytes", bytes.size()));
  if ((bytes[0] >> 4) != 6) return failure(fmt::format("IP version {} where IPv6 was expected", bytes[0] >> 4));
  std::size_t length = be16(bytes, 4);
  // A zero payload length is a jumbogram (RFC 2675) or a length offload left in
  // the capture: take what was captured.
  if (length == 0) length = bytes.size() - 40;
  if (40 + length > bytes.size() && !captured_short)
    return failure(fmt::format("IPv6 payload length {} beyond the {} bytes of the packet", length, bytes.size() - 40));
  const Bytes payload = bytes.subspan(40, std::min(length, bytes.size() - 40));
  std::string error;
  const auto chain = walk_ipv6_extensions(bytes[6], payload, error);
  if (!chain) return failure(error);

  IpPacket packet;
  packet.source = address_at(IpVersion::v6, bytes, 8);
  packet.destination = address_at(IpVersion::v6, bytes, 24);
  packet.protocol = chain->protocol;
  packet.payload = payload.subspan(chain->offset);
  packet.payload_wire_length = static_cast<std::uint32_t>(length - std::min(length, chain->offset));
  packet.fragment = chain->fragment;
  IpParse parse;
  parse.packet = packet;
  return parse;
}

} // namespace sipfo::pcap::detail
