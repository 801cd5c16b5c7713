#include "sipfo/sip/connection.hpp"

#include "stream_connection.hpp"
#include "tls_connection.hpp"
#include "udp_connection.hpp"

#include <stdexcept>

namespace sipfo::sip {

std::unique_ptr<Connection> open_connection(const Endpoint& endpoint, const std::string& server_name,
                                            const TlsContext* tls)
{
  switch (endpoint.transport) {
  case Transport::udp: return std::make_unique<detail::UdpConnection>(endpoint);
  case Transport::tcp: return std::make_unique<detail::StreamConnection>(endpoint);
  case Transport::tls:
    if (!tls) throw std::logic_error("open_connection: a TLS endpoint needs a TlsContext");
    return std::make_unique<detail::TlsConnection>(endpoint, server_name, *tls);
  }
  throw std::logic_error("open_connection: unknown transport");
}

} // namespace sipfo::sip
