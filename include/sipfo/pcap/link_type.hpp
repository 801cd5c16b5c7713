#pragma once
// The link-layer header types the decoder reads (tcpdump.org "Link-layer header
// types"): what precedes the IP header in each packet of a capture.

#include <optional>

namespace sipfo::pcap {

enum class LinkType {
  ethernet,    // DLT_EN10MB, with 802.1Q / 802.1ad (QinQ) tags
  linux_sll,   // DLT_LINUX_SLL: tcpdump -i any (libpcap before 1.10)
  linux_sll2,  // DLT_LINUX_SLL2: tcpdump -i any (libpcap 1.10+)
  raw,         // DLT_RAW / LINKTYPE_RAW: IPv4 or IPv6, by the version nibble
  ipv4,        // LINKTYPE_IPV4
  ipv6,        // LINKTYPE_IPV6
  null,        // DLT_NULL: 4-byte address family in the capturing host's byte order
  loop,        // DLT_LOOP: 4-byte address family in network byte order
};

// The link type of a libpcap DLT value (pcap_datalink); nullopt when unsupported.
std::optional<LinkType> link_type_of_dlt(int dlt) noexcept;
// The DLT value libpcap uses for `type` on this platform (tests write captures with it).
int dlt_of(LinkType type) noexcept;
// "Ethernet", "Linux cooked v2", ...
const char* link_type_name(LinkType type) noexcept;

} // namespace sipfo::pcap
