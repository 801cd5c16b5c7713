#pragma once
// The SIP transports sipfo speaks (RFC 3261 18, RFC 5630 for TLS).

#include "sipfo/util/transport.hpp"

namespace sipfo::sip {

using Transport = util::Transport;
using util::default_port;
using util::parse_transport;
using util::transport_name;

// "UDP", "TCP", "TLS": the form used in the Via header (RFC 3261 20.42).
const char* via_transport_name(Transport transport) noexcept;
// TCP and TLS: no retransmissions, framing by Content-Length (RFC 3261 17.1.2.2, 18.3).
bool is_reliable(Transport transport) noexcept;

} // namespace sipfo::sip
