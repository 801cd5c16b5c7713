#include "sipfo/sip/transport.hpp"

namespace sipfo::sip {

const char* via_transport_name(Transport transport) noexcept
{
  switch (transport) {
  case Transport::udp: return "UDP";
  case Transport::tcp: return "TCP";
  case Transport::tls: return "TLS";
  }
  return "UDP";
}

bool is_reliable(Transport transport) noexcept
{
  return transport != Transport::udp;
}

} // namespace sipfo::sip
