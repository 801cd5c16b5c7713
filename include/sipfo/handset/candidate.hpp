#pragma once
// A server a handset may send its REGISTER to, in the order it would try them.

#include "sipfo/util/transport.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipfo::handset {

using Transport = util::Transport;
using util::default_port;   // 5060, or 5061 for TLS (CS-14-17 Step 1, RFC 3261 19.1.2)
using util::transport_name; // "udp", "tcp", "tls"

// Where a candidate's address came from.
enum class Origin {
  literal, // the configured address was an IP
  srv,     // an SRV target's address record
  a,       // the configured name's address records (no SRV)
  static_cache, // the handset's static DNS cache
};

const char* origin_name(Origin origin) noexcept; // "literal", "srv", "a", "static"

struct Candidate {
  std::string address;          // IPv4 or IPv6 text, no brackets
  std::uint16_t port = 5060;
  Transport transport = Transport::udp;
  int rank = 1;                 // 1-based try order; pivot ranks by serverspec (P1..P4)
  std::uint16_t priority = 1;   // from SRV; 1 when not from SRV (as PIVOT shows it)
  std::uint16_t weight = 0;     // from SRV; 0 when not from SRV
  std::string target;           // the SRV target or A name the address came from
  Origin origin = Origin::a;
  std::string srv_name;         // the SRV owner the record came from, when from SRV
};

// "10.0.0.1:5060/udp", "[::1]:5060/tcp"
std::string endpoint_text(const Candidate& candidate);

} // namespace sipfo::handset
