#include "socket_util.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace sipfo::sip::detail {

std::optional<SocketAddress> socket_address(const std::string& address, std::uint16_t port)
{
  SocketAddress result;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&result.storage);
  if (inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    result.length = sizeof(sockaddr_in);
    return result;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&result.storage);
  if (inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    result.length = sizeof(sockaddr_in6);
    return result;
  }
  return std::nullopt;
}

int open_socket(const SocketAddress& address, int type)
{
  return ::socket(address.storage.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
}

int bind_source(int fd, const SourceAddress& source) noexcept
{
  const auto address = socket_address(source.address, source.port);
  if (!address) return EINVAL;
  if (source.port != 0) {
    const int on = 1;
    if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0) return errno;
  }
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address->storage), address->length) != 0) return errno;
  return 0;
}

std::string bind_error_text(int error)
{
  switch (error) {
  case EADDRNOTAVAIL: return "the source address is not one of this machine's";
  case EADDRINUSE: return "the source port is in use";
  case EAFNOSUPPORT:
  case EINVAL: return "the source address is of the other IP family than the server";
  case EACCES: return "binding a port below 1024 needs privileges";
  default: return fmt::format("cannot bind the source address: {}", std::strerror(error));
  }
}

LocalAddress local_address_of(int fd)
{
  sockaddr_storage storage{};
  socklen_t length = sizeof(storage);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0) return {};
  char text[INET6_ADDRSTRLEN] = {};
  if (storage.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&storage);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof(text));
    return {text, ntohs(v4->sin_port)};
  }
  const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&storage);
  inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof(text));
  return {fmt::format("[{}]", text), ntohs(v6->sin6_port)};
}

std::string transport_error_text(int error, bool datagram)
{
  switch (error) {
  case ECONNREFUSED: return datagram ? "ICMP port unreachable" : "connection refused";
  case ECONNRESET: return "connection reset by server";
  case EHOSTUNREACH: return "ICMP host unreachable";
  case ENETUNREACH: return "network unreachable";
  case ETIMEDOUT: return "connection timed out";
  case EPIPE: return "connection closed by server";
  default: return fmt::format("socket error: {}", std::strerror(error));
  }
}

int pending_error(int fd) noexcept
{
  int error = 0;
  socklen_t length = sizeof(error);
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) return errno;
  return error;
}

FileDescriptor::~FileDescriptor()
{
  reset();
}

void FileDescriptor::reset(int fd) noexcept
{
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

} // namespace sipfo::sip::detail
