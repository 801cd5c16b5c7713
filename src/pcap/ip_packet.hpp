#pragma once
// Reading one IPv4 or IPv6 header (RFC 791, RFC 8200) with IPv6's extension
// headers: the addresses, the transport protocol, the payload, and the fragment
// fields when the packet is a fragment.

#include "sipfo/pcap/capture_event.hpp"

#include "byte_reader.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace sipfo::pcap::detail {

inline constexpr std::uint8_t protocol_tcp = 6;
inline constexpr std::uint8_t protocol_udp = 17;
// Extension headers walked before giving up (RFC 8200 4.1 orders at most 8 kinds).
inline constexpr int max_ipv6_extension_headers = 16;

struct Fragment {
  std::uint32_t id = 0;
  std::uint32_t offset = 0; // bytes
  bool more = false;
};

struct IpPacket {
  Address source;
  Address destination;
  // The transport protocol; for an IPv6 fragment, the fragment header's next header.
  std::uint8_t protocol = 0;
  // What follows the IP headers, as captured (for a fragment: the fragment's data).
  Bytes payload;
  // The payload's length on the wire according to the IP header; larger than
  // payload.size() only when the snaplen cut the packet.
  std::uint32_t payload_wire_length = 0;
  std::optional<Fragment> fragment;
};

// Either a packet or why it cannot be read; `captured_short` says whether the
// capture cut the packet (then a length beyond the bytes is truncation, not an error).
struct IpParse {
  std::optional<IpPacket> packet;
  std::string error;
};

IpParse parse_ipv4(Bytes bytes, bool captured_short);
IpParse parse_ipv6(Bytes bytes, bool captured_short);

// Walks IPv6 extension headers from `next_header` over `bytes`: the transport
// protocol and where its header starts, or nullopt when the chain is cut,
// too long, or holds a fragment header (`error` then says which).
struct Ipv6Chain {
  std::uint8_t protocol = 0;
  std::size_t offset = 0;
  std::optional<Fragment> fragment;
};
std::optional<Ipv6Chain> walk_ipv6_extensions(std::uint8_t next_header, Bytes bytes, std::string& error);

} // namespace sipfo::pcap::detail
