#pragma once
// One phone's TCP connections to servers (SIP over TCP and TLS): the SYN, the
// server's SYN-ACK, who closed and how, and the TLS handshake seen on it.
// Connections go on, in order of SYN, to `committed` once closed; those still
// open at the end of the capture go on as they are.

#include "fifo.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <functional>

namespace sipfo::wire {

class TcpConnections {
public:
  // Connections waiting for their turn (one long-lived connection holds back
  // later ones); beyond this the oldest goes on unfinished.
  static constexpr std::size_t max_open = 64;

  using Committed = std::function<void(ConnectionAttempt&&)>;
  explicit TcpConnections(Committed committed) : committed_(std::move(committed)) {}

  // `phone` is the phone's address: only its own connections are followed.
  void connection(const pcap::ConnectionEvent& event, const pcap::Address& phone, const PacketMark& packet);
  void tls(const pcap::TlsEvent& event, const PacketMark& packet);
  void finish();

private:
  struct Open {
    ConnectionAttempt attempt;
    bool closed = false;
  };
  Open* find(const pcap::Flow& flow);
  void advance();

  Committed committed_;
  Fifo<Open> open_;
};

} // namespace sipfo::wire
