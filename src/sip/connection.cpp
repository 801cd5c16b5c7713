#include "sipfo/sip/connection.hpp"

#include "stream_connection.hpp"
#include "tls_connection.hpp"
#include "udp_connection.hpp"

#include <cerrno>
#include <stdexcept>

namespace sipfo::sip {

std::unique_ptr<Connection> open_connection(const Endpoint& endpoint, const std::string& server_name,
                                            const TlsContext* tls, const SourceAddress* source)
{
  switch (endpoint.transport) {
  case Transport::udp: return std::make_unique<detail::UdpConnection>(endpoint, source);
  case Transport::tcp: return std::make_unique<detail::StreamConnection>(endpoint, source);
  case Transport::tls:
    if (!tls) throw std::logic_error("open_connection: a TLS endpoint needs a TlsContext");
    return std::make_unique<detail::TlsConnection>(endpoint, server_name, *tls, source);
  }
  throw std::logic_error("open_connection: unknown transport");
}

std::optional<std::string> source_problem(const SourceAddress& source)
{
  const auto address = detail::socket_address(source.address, source.port);
  if (!address) return "not an IP address";
  detail::FileDescriptor socket(detail::open_socket(*address, SOCK_DGRAM));
  if (socket.get() < 0) return detail::transport_error_text(errno, true);
  if (int error = detail::bind_source(socket.get(), source); error != 0) return detail::bind_error_text(error);
  return std::nullopt;
}

} // namespace sipfo::sip
