#pragma once
// `--sip-trace`: every SIP message a probe sends or receives, as it is on the
// wire, with where it went or came from. The engine calls a sink; what to do
// with it (print it, colour it) is the caller's business.

#include "sipfo/sip/connection.hpp"
#include "sipfo/sip/endpoint.hpp"

#include <functional>
#include <string_view>

namespace sipfo::probe {

enum class Direction { sent, received };

struct TracedMessage {
  Direction direction = Direction::sent;
  sip::Endpoint remote;     // the target: address, port, transport
  sip::LocalAddress local;  // sipfo's end; empty host while a TCP connect is pending
  std::string_view text;    // the message, as sent or as received (not yet parsed)
  bool retransmission = false; // a UDP resend by Timer E (RFC 3261 17.1.2.2)
  // TCP/TLS: handed over while the connection is still being set up; it
  // leaves once the connection is open (never, if it fails).
  bool queued = false;
};

using MessageTrace = std::function<void(const TracedMessage&)>;

} // namespace sipfo::probe
