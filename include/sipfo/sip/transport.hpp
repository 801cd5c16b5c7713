#pragma once
// The SIP transports sipfo speaks (RFC 3261 18, RFC 5630 for TLS).

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipfo::sip {

enum class Transport { udp, tcp, tls };

// "udp", "tcp", "tls": the form used in output and JSON.
const char* transport_name(Transport transport) noexcept;
// "UDP", "TCP", "TLS": the form used in the Via header (RFC 3261 20.42).
const char* via_transport_name(Transport transport) noexcept;
// 5060, or 5061 for TLS (RFC 3261 19.1.2).
std::uint16_t default_port(Transport transport) noexcept;
// TCP and TLS: no retransmissions, framing by Content-Length (RFC 3261 17.1.2.2, 18.3).
bool is_reliable(Transport transport) noexcept;
// Case-insensitive "udp"/"tcp"/"tls"; nullopt otherwise.
std::optional<Transport> parse_transport(std::string_view text) noexcept;

} // namespace sipfo::sip
