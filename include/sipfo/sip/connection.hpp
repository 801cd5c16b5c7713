#pragma once
// A non-blocking transport to one server, driven by the caller's poll() loop
// (one loop for every target: design §7). UDP is a connected socket, so an
// ICMP port unreachable comes back as an error on it; TCP and TLS frame the
// stream by Content-Length. A transport failure (ICMP unreachable, refused,
// reset, TLS handshake or certificate failure, a broken stream) is a value:
// failure() says what, and the caller turns it into a local 503
// (RFC 3261 8.1.3.1).

#include "sipfo/sip/certificate_check.hpp"
#include "sipfo/sip/endpoint.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::sip {

class TlsContext;

// The local end of a connection, for Via and Contact.
struct LocalAddress {
  std::string host;         // "192.0.2.1" or "[::1]": ready for a URI
  std::uint16_t port = 0;
};

// The local address to send from (--source): what an SBC's ACL matches. An IP
// literal (no brackets); port 0 lets the kernel choose. A fixed port is bound
// with SO_REUSEADDR, so several targets can share it (each socket is
// connected, and the kernel hands a datagram to the socket connected to its sender).
struct SourceAddress {
  std::string address;
  std::uint16_t port = 0;
};

// How far a connection got: UDP is established at once; TCP connects first,
// TLS then shakes hands. Requests queued before `established` are not sent yet.
enum class ConnectionPhase { connecting, tls_handshake, established };

class Connection {
public:
  virtual ~Connection() = default;

  // The socket to poll; -1 once closed or when it could not be created.
  virtual int fd() const noexcept = 0;
  // poll() events wanted now (POLLIN, POLLOUT); 0 when nothing to wait for.
  virtual short wanted_events() const noexcept = 0;
  // Queues one message; it goes out as soon as the transport is ready.
  virtual void send(std::string_view message) = 0;
  // Handles poll()'s revents; appends each complete message received.
  virtual void on_ready(short revents, std::vector<std::string>& received) = 0;
  // What went wrong, once the transport is unusable.
  virtual const std::optional<std::string>& failure() const noexcept = 0;
  // Known once the socket is connected (UDP: at once).
  virtual LocalAddress local_address() const = 0;
  // Where the connection stands; a stream that is not ready yet has sent nothing.
  virtual ConnectionPhase phase() const noexcept { return ConnectionPhase::established; }
  // TLS only: the certificate verdict once the handshake is done.
  virtual std::optional<CertificateCheck> certificate() const { return std::nullopt; }
};

// Opens a connection to `endpoint` (never throws for network trouble: a socket
// that cannot be made is a connection that failed at once). `server_name` is
// what TLS verifies and sends as SNI (empty: the IP address, no SNI); `tls`
// must be set for a TLS endpoint (std::logic_error otherwise). With `source`,
// the socket is bound to it first; a bind that fails is a connection failure.
std::unique_ptr<Connection> open_connection(const Endpoint& endpoint, const std::string& server_name,
                                            const TlsContext* tls, const SourceAddress* source = nullptr);

// Nullopt when `source` can be bound on this machine (a UDP socket is bound
// and closed at once); otherwise why not ("cannot assign requested address").
std::optional<std::string> source_problem(const SourceAddress& source);

} // namespace sipfo::sip
