#pragma once
// Telling DNS and SIP payloads from everything else on the wire (RTP, STUN,
// keep-alives), cheaply: most packets of a phone's capture are RTP.

#include "byte_reader.hpp"

#include <cstddef>
#include <cstdint>

namespace sipfo::pcap::detail {

inline constexpr std::uint16_t dns_port = 53;
inline constexpr std::uint16_t sip_port = 5060;
inline constexpr std::uint16_t sips_port = 5061;

// A SIP start line at `bytes`: "SIP/2.0 " (a response) or a method token, a
// space, and a line ending in " SIP/2.0" (RFC 3261 7.1).
bool looks_like_sip(Bytes bytes) noexcept;
// Where a SIP start line begins at the start of a line in `bytes` (after a lost
// stretch of a stream), or bytes.size() when none does.
std::size_t find_sip_start(Bytes bytes) noexcept;
// A DNS header and a well-formed first question of class IN (RFC 1035 4.1),
// for DNS on ports other than 53.
bool looks_like_dns(Bytes bytes) noexcept;

} // namespace sipfo::pcap::detail
