#include "stream_connection.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace sipfo::sip::detail {

StreamConnection::StreamConnection(const Endpoint& endpoint, const SourceAddress* source)
{
  auto address = socket_address(endpoint.address, endpoint.port);
  if (!address) {
    fail("not an IP address: " + endpoint.address);
    return;
  }
  socket_.reset(open_socket(*address, SOCK_STREAM));
  if (socket_.get() < 0) {
    fail(transport_error_text(errno, false));
    return;
  }
  if (source != nullptr) {
    if (int error = bind_source(socket_.get(), *source); error != 0) {
      fail(bind_error_text(error));
      return;
    }
  }
  if (::connect(socket_.get(), reinterpret_cast<const sockaddr*>(&address->storage), address->length) != 0 &&
      errno != EINPROGRESS) {
    fail(transport_error_text(errno, false));
    return;
  }
  local_ = local_address_of(socket_.get());
}

short StreamConnection::wanted_events() const noexcept
{
  if (failure_) return 0;
  if (phase_ == Phase::connecting) return POLLOUT;
  if (phase_ == Phase::handshaking) return want_ != 0 ? want_ : POLLIN;
  short events = POLLIN;
  if (!outgoing_.empty() || want_ == POLLOUT) events |= POLLOUT;
  return events;
}

ConnectionPhase StreamConnection::phase() const noexcept
{
  switch (phase_) {
  case Phase::connecting: return ConnectionPhase::connecting;
  case Phase::handshaking: return ConnectionPhase::tls_handshake;
  case Phase::established: return ConnectionPhase::established;
  }
  return ConnectionPhase::established;
}

void StreamConnection::send(std::string_view message)
{
  if (failure_) return;
  outgoing_.append(message);
  if (phase_ == Phase::established) flush();
}

void StreamConnection::on_ready(short revents, std::vector<std::string>& received)
{
  if (failure_) return;
  if (phase_ == Phase::connecting) {
    if ((revents & (POLLOUT | POLLERR | POLLHUP)) == 0) return;
    finish_connect();
    if (failure_ || phase_ == Phase::connecting) return;
  }
  if (phase_ == Phase::handshaking) {
    advance_handshake();
    if (failure_ || phase_ != Phase::established) return;
  }
  flush();
  if (!failure_ && (revents & (POLLIN | POLLERR | POLLHUP))) read_all(received);
  if (!failure_ && want_ == POLLOUT && (revents & POLLOUT)) read_all(received);
}

void StreamConnection::finish_connect()
{
  if (int error = pending_error(socket_.get()); error != 0) {
    fail(transport_error_text(error, false));
    return;
  }
  local_ = local_address_of(socket_.get());
  phase_ = Phase::handshaking;
  advance_handshake();
}

void StreamConnection::advance_handshake()
{
  IoResult result = handshake();
  switch (result.kind) {
  case IoResult::Kind::done:
    phase_ = Phase::established;
    want_ = 0;
    flush();
    return;
  case IoResult::Kind::want_read:
  case IoResult::Kind::want_write: remember_want(result.kind); return;
  case IoResult::Kind::closed: fail("connection closed during the TLS handshake"); return;
  case IoResult::Kind::failed: fail(result.error); return;
  }
}

void StreamConnection::flush()
{
  while (!failure_ && !outgoing_.empty()) {
    IoResult result = write_some(outgoing_.data(), outgoing_.size());
    if (result.kind == IoResult::Kind::done) {
      outgoing_.erase(0, result.bytes);
      continue;
    }
    if (result.kind == IoResult::Kind::failed) fail(result.error);
    else if (result.kind == IoResult::Kind::closed) fail("connection closed by server");
    else remember_want(result.kind);
    return;
  }
}

void StreamConnection::read_all(std::vector<std::string>& received)
{
  std::array<char, 16384> buffer{};
  want_ = 0;
  while (!failure_) {
    IoResult result = read_some(buffer.data(), buffer.size());
    if (result.kind == IoResult::Kind::done) {
      received_bytes_ += result.bytes;
      framer_.feed(std::string_view(buffer.data(), result.bytes));
      for (auto& message : framer_.take()) received.push_back(std::move(message));
      if (framer_.error()) fail("malformed stream: " + *framer_.error());
      else if (received_bytes_ > max_stream_bytes) fail(fmt::format("server sent more than {} bytes", max_stream_bytes));
      continue;
    }
    if (result.kind == IoResult::Kind::failed) fail(result.error);
    else if (result.kind == IoResult::Kind::closed) fail("connection closed by server");
    else if (result.kind == IoResult::Kind::want_write) remember_want(result.kind);
    return;
  }
}

void StreamConnection::remember_want(IoResult::Kind kind) noexcept
{
  want_ = kind == IoResult::Kind::want_write ? POLLOUT : POLLIN;
}

IoResult StreamConnection::read_some(char* buffer, std::size_t size)
{
  ssize_t got = ::recv(socket_.get(), buffer, size, 0);
  if (got > 0) return {IoResult::Kind::done, static_cast<std::size_t>(got), {}};
  if (got == 0) return {IoResult::Kind::closed, 0, {}};
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return {IoResult::Kind::want_read, 0, {}};
  return {IoResult::Kind::failed, 0, transport_error_text(errno, false)};
}

IoResult StreamConnection::write_some(const char* data, std::size_t size)
{
  ssize_t sent = ::send(socket_.get(), data, size, MSG_NOSIGNAL);
  if (sent >= 0) return {IoResult::Kind::done, static_cast<std::size_t>(sent), {}};
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return {IoResult::Kind::want_write, 0, {}};
  return {IoResult::Kind::failed, 0, transport_error_text(errno, false)};
}

void StreamConnection::fail(std::string what)
{
  if (!failure_) failure_ = std::move(what);
  socket_.reset();
}

} // namespace sipfo::sip::detail
