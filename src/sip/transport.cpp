#include "sipfo/sip/transport.hpp"

#include "sipfo/util/suggest.hpp"

namespace sipfo::sip {

const char* transport_name(Transport transport) noexcept
{
  switch (transport) {
  case Transport::udp: return "udp";
  case Transport::tcp: return "tcp";
  case Transport::tls: return "tls";
  }
  return "udp";
}

const char* via_transport_name(Transport transport) noexcept
{
  switch (transport) {
  case Transport::udp: return "UDP";
  case Transport::tcp: return "TCP";
  case Transport::tls: return "TLS";
  }
  return "UDP";
}

std::uint16_t default_port(Transport transport) noexcept
{
  return transport == Transport::tls ? 5061 : 5060;
}

bool is_reliable(Transport transport) noexcept
{
  return transport != Transport::udp;
}

std::optional<Transport> parse_transport(std::string_view text) noexcept
{
  if (util::iequals(text, "udp")) return Transport::udp;
  if (util::iequals(text, "tcp")) return Transport::tcp;
  if (util::iequals(text, "tls")) return Transport::tls;
  return std::nullopt;
}

} // namespace sipfo::sip
