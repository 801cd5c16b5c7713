#include "sipfo/util/transport.hpp"

#include "sipfo/util/suggest.hpp"

namespace sipfo::util {

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
  return transport == Transport::tls ? 5061 : 5060;
}

std::optional<Transport> parse_transport(std::string_view text) noexcept
{
  if (iequals(text, "udp")) return Transport::udp;
  if (iequals(text, "tcp")) return Transport::tcp;
  if (iequals(text, "tls")) return Transport::tls;
  return std::nullopt;
}

} // namespace sipfo::util
