#pragma once
// Loopback endpoints for the test helper programs (silent DNS server, delay
// proxy): they may only ever listen on or talk to 127.0.0.0/8 and ::1.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace sipfo::testing {

struct Endpoint {
  sockaddr_storage address{};
  socklen_t length = 0;
  int family() const { return address.ss_family; }
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&address); }
};

// A decimal port 1..65535; nullopt otherwise.
inline std::optional<std::uint16_t> parse_port(const char* text)
{
  unsigned value = 0;
  const char* end = text + std::strlen(text);
  auto result = std::from_chars(text, end, value);
  if (result.ec != std::errc{} || result.ptr != end || value == 0 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

// ADDR (127.x.y.z or ::1) and PORT; nullopt for anything not on loopback.
inline std::optional<Endpoint> loopback_endpoint(const std::string& addr, const char* port_text)
{
  auto port = parse_port(port_text);
  if (!port) return std::nullopt;
  Endpoint endpoint;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&endpoint.address);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&endpoint.address);
  if (inet_pton(AF_INET, addr.c_str(), &v4->sin_addr) == 1 && (ntohl(v4->sin_addr.s_addr) >> 24) == 127) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(*port);
    endpoint.length = sizeof *v4;
    return endpoint;
  }
  endpoint = Endpoint{};
  if (inet_pton(AF_INET6, addr.c_str(), &v6->sin6_addr) == 1 && IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(*port);
    endpoint.length = sizeof *v6;
    return endpoint;
  }
  return std::nullopt;
}

// A socket of `type` (SOCK_DGRAM, SOCK_STREAM, optionally | SOCK_NONBLOCK) bound to `endpoint`, listening
// when it is a stream; -1 on failure (errno says why).
inline int bound_socket(const Endpoint& endpoint, int type)
{
  int fd = socket(endpoint.family(), type, 0);
  if (fd < 0) return -1;
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (bind(fd, endpoint.get(), endpoint.length) != 0 || ((type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_STREAM && listen(fd, 64) != 0)) {
    close(fd);
    return -1;
  }
  return fd;
}

} // namespace sipfo::testing
