#include "sipfo/handset/candidate.hpp"

#include <fmt/format.h>

namespace sipfo::handset {

const char* transport_name(Transport transport) noexcept
{
  switch (transport) {
  case Transport::udp: return "udp";
  case Transport::tcp: return "tcp";
  case Transport::tls: return "tls";
  }
  return "udp";
}

std::uint16_t default_port(Transport transport) noexcept
{
  // seed 000, Step 1: 5060 for UDP and TCP, 5061 for TLS (RFC 3261 19.1.2).
  return transport == Transport::tls ? 5061 : 5060;
}

const char* origin_name(Origin origin) noexcept
{
  switch (origin) {
  case Origin::literal: return "literal";
  case Origin::srv: return "srv";
  case Origin::a: return "a";
  case Origin::static_cache: return "static";
  }
  return "a";
}

std::string endpoint_text(const Candidate& candidate)
{
  const bool v6 = candidate.address.find(':') != std::string::npos;
  return v6 ? fmt::format("[{}]:{}/{}", candidate.address, candidate.port, transport_name(candidate.transport))
            : fmt::format("{}:{}/{}", candidate.address, candidate.port, transport_name(candidate.transport));
}

} // namespace sipfo::handset
