#pragma once
// SIP over TCP (RFC 3261 18.2.1, 18.3): a non-blocking connect, a send queue and
// Content-Length framing. TLS derives from it and replaces the byte I/O and the
// handshake. A refused or reset connection, EOF before the answer, or a broken
// stream is a failure; so is a stream that sends more than a bounded amount.

#include "sipfo/sip/connection.hpp"
#include "sipfo/sip/stream_framer.hpp"

#include "socket_util.hpp"

#include <cstddef>
#include <sys/types.h>

namespace sipfo::sip::detail {

// The result of one non-blocking read or write.
struct IoResult {
  enum class Kind { done, want_read, want_write, closed, failed };
  Kind kind = Kind::done;
  std::size_t bytes = 0;   // bytes moved when done
  std::string error;       // when failed
};

class StreamConnection : public Connection {
public:
  StreamConnection(const Endpoint& endpoint, const SourceAddress* source);

  int fd() const noexcept override { return failure_ ? -1 : socket_.get(); }
  short wanted_events() const noexcept override;
  void send(std::string_view message) override;
  void on_ready(short revents, std::vector<std::string>& received) override;
  const std::optional<std::string>& failure() const noexcept override { return failure_; }
  LocalAddress local_address() const override { return local_; }
  ConnectionPhase phase() const noexcept override;

protected:
  enum class Phase { connecting, handshaking, established };

  // TLS hooks. The defaults are plain TCP: no handshake, read()/write() on the socket.
  virtual IoResult handshake() { return {}; }
  virtual IoResult read_some(char* buffer, std::size_t size);
  virtual IoResult write_some(const char* data, std::size_t size);

  void fail(std::string what);
  int socket_fd() const noexcept { return socket_.get(); }

private:
  void finish_connect();
  void advance_handshake();
  void flush();
  void read_all(std::vector<std::string>& received);
  // Maps a want_read/want_write result to the events to poll for.
  void remember_want(IoResult::Kind kind) noexcept;

  FileDescriptor socket_;
  Phase phase_ = Phase::connecting;
  short want_ = 0;          // extra events the TLS layer asked for
  LocalAddress local_;
  std::string outgoing_;
  StreamFramer framer_;
  std::size_t received_bytes_ = 0;
  std::optional<std::string> failure_;
};

// Bytes sipfo reads from one stream before calling it a flood (a server that
// never stops sending): several maximum-size messages.
inline constexpr std::size_t max_stream_bytes = 4 * 65536;

} // namespace sipfo::sip::detail
