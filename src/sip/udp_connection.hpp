#pragma once
// SIP over UDP (RFC 3261 18.1): one connected datagram socket per target, so
// only that server's datagrams arrive and an ICMP port unreachable is reported
// on the socket (ECONNREFUSED) instead of being lost.

#include "sipfo/sip/connection.hpp"

#include "socket_util.hpp"

namespace sipfo::sip::detail {

class UdpConnection final : public Connection {
public:
  UdpConnection(const Endpoint& endpoint, const SourceAddress* source);

  int fd() const noexcept override { return failure_ ? -1 : socket_.get(); }
  short wanted_events() const noexcept override;
  void send(std::string_view message) override;
  void on_ready(short revents, std::vector<std::string>& received) override;
  const std::optional<std::string>& failure() const noexcept override { return failure_; }
  LocalAddress local_address() const override { return local_; }

private:
  void fail(int error);

  FileDescriptor socket_;
  LocalAddress local_;
  std::optional<std::string> failure_;
};

} // namespace sipfo::sip::detail
