#pragma once
// Where a SIP request goes: an IP address, a port and a transport.

#include "sipfo/sip/transport.hpp"

#include <cstdint>
#include <string>

namespace sipfo::sip {

struct Endpoint {
  std::string address;         // IPv4 or IPv6 literal, no brackets
  std::uint16_t port = 5060;
  Transport transport = Transport::udp;
};

// True when `address` is an IPv6 literal (contains ':').
bool is_ipv6_literal(const std::string& address) noexcept;
// "10.0.0.1" or "[::1]": the host part of a SIP URI or Via (RFC 3261 25.1).
std::string uri_host(const std::string& address);
// "10.0.0.1:5060/udp", "[::1]:5061/tls".
std::string endpoint_text(const Endpoint& endpoint);

} // namespace sipfo::sip
