#include "udp_connection.hpp"

#include "sipfo/sip/response_parser.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace sipfo::sip::detail {

UdpConnection::UdpConnection(const Endpoint& endpoint, const SourceAddress* source)
{
  auto address = socket_address(endpoint.address, endpoint.port);
  if (!address) {
    failure_ = "not an IP address: " + endpoint.address;
    return;
  }
  socket_.reset(open_socket(*address, SOCK_DGRAM));
  if (socket_.get() >= 0 && source != nullptr) {
    if (int error = bind_source(socket_.get(), *source); error != 0) {
      failure_ = bind_error_text(error);
      socket_.reset();
      return;
    }
  }
  if (socket_.get() < 0 ||
      ::connect(socket_.get(), reinterpret_cast<const sockaddr*>(&address->storage), address->length) != 0) {
    fail(errno);
    return;
  }
  local_ = local_address_of(socket_.get());
}

short UdpConnection::wanted_events() const noexcept
{
  return failure_ ? 0 : POLLIN;
}

void UdpConnection::send(std::string_view message)
{
  if (failure_) return;
  // A full socket buffer drops the datagram, as the network may: Timer E resends.
  if (::send(socket_.get(), message.data(), message.size(), MSG_NOSIGNAL) < 0 && errno != EAGAIN &&
      errno != EWOULDBLOCK && errno != ENOBUFS) {
    fail(errno);
  }
}

void UdpConnection::on_ready(short revents, std::vector<std::string>& received)
{
  if (failure_ || (revents & (POLLIN | POLLERR)) == 0) return;
  std::string buffer(max_message_bytes + 1, '\0');
  for (int i = 0; i < 64; ++i) { // bounded: a flooding peer cannot starve the loop
    ssize_t got = ::recv(socket_.get(), buffer.data(), buffer.size(), MSG_TRUNC);
    if (got < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) fail(errno);
      return;
    }
    // An oversized datagram (MSG_TRUNC gives its real size) arrives as
    // max_message_bytes + 1 bytes, so the parser rejects it by length.
    std::size_t size = static_cast<std::size_t>(got);
    received.emplace_back(buffer.data(), std::min(size, buffer.size()));
  }
}

void UdpConnection::fail(int error)
{
  failure_ = transport_error_text(error, true);
  socket_.reset();
}

} // namespace sipfo::sip::detail
