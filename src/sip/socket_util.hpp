#pragma once
// POSIX socket helpers for the transports (private to the sip layer).

#include "sipfo/sip/connection.hpp"

#include <sys/socket.h>

#include <optional>
#include <string>

namespace sipfo::sip::detail {

struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
};

// Nullopt when `address` is not an IPv4 or IPv6 literal.
std::optional<SocketAddress> socket_address(const std::string& address, std::uint16_t port);

// A non-blocking, close-on-exec socket of the address's family; -1 on failure.
int open_socket(const SocketAddress& address, int type);

// Binds `fd` to `source` (SO_REUSEADDR first when it names a port); 0 or errno.
int bind_source(int fd, const SourceAddress& source) noexcept;
// "--source 127.0.0.5: cannot assign requested address" style text for a bind errno.
std::string bind_error_text(int error);

// The socket's local address as a URI host and port; empty host on failure.
LocalAddress local_address_of(int fd);

// "connection refused", "ICMP port unreachable" style text for an errno.
std::string transport_error_text(int error, bool datagram);

// The pending error of a socket (SO_ERROR), 0 when none.
int pending_error(int fd) noexcept;

// An owned file descriptor, closed on destruction.
class FileDescriptor {
public:
  explicit FileDescriptor(int fd = -1) noexcept : fd_(fd) {}
  ~FileDescriptor();
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const noexcept { return fd_; }
  // Closes the current descriptor and owns `fd` instead.
  void reset(int fd = -1) noexcept;

private:
  int fd_;
};

} // namespace sipfo::sip::detail
