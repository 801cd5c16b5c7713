#pragma once
// Stripping the link-layer header: where the IP packet starts and which IP
// version it claims to be. Anything else (ARP, LLC frames) is not for us.

#include "sipfo/pcap/link_type.hpp"

#include "byte_reader.hpp"

#include <cstddef>
#include <optional>

namespace sipfo::pcap::detail {

enum class NetworkLayer { ipv4, ipv6, other };

struct LinkPayload {
  NetworkLayer network = NetworkLayer::other;
  std::size_t offset = 0; // first byte of the IP header
};

// Most VLAN tags read in a row (802.1Q in 802.1ad, and some more) before the frame is given up.
inline constexpr int max_vlan_tags = 4;

// nullopt when the link header itself is cut short.
std::optional<LinkPayload> strip_link_header(LinkType type, Bytes packet) noexcept;

} // namespace sipfo::pcap::detail
