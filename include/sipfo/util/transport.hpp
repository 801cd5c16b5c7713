#pragma once
// The SIP transports (RFC 3261 18, RFC 5630 for TLS): one type shared by the handset
// models, the SIP client and the log reader, so no layer converts between copies.

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipfo::util {

enum class Transport { udp, tcp, tls };

// "udp", "tcp", "tls": the form used in output and JSON.
const char* transport_name(Transport transport) noexcept;
// 5060, or 5061 for TLS (RFC 3261 19.1.2).
std::uint16_t default_port(Transport transport) noexcept;
// Case-insensitive "udp"/"tcp"/"tls"; nullopt otherwise.
std::optional<Transport> parse_transport(std::string_view text) noexcept;

} // namespace sipfo::util
