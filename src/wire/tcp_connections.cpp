#include "tcp_connections.hpp"

namespace sipfo::wire {

TcpConnections::Open* TcpConnections::find(const pcap::Flow& flow)
{
  // The newest first: a reused port pair belongs to the latest connection.
  for (std::size_t i = open_.size(); i-- > 0;) {
    Open& open = open_[i];
    const auto& attempt = open.attempt;
    const bool outbound = attempt.client == flow.source && attempt.server == flow.destination;
    const bool inbound = attempt.client == flow.destination && attempt.server == flow.source;
    if ((outbound || inbound) && !open.closed) return &open;
  }
  return nullptr;
}

void TcpConnections::connection(const pcap::ConnectionEvent& event, const pcap::Address& phone,
                                const PacketMark& packet)
{
  const bool from_phone = event.flow.source.address == phone;
  if (event.kind == pcap::ConnectionEventKind::syn) {
    // Only connections the phone opens; DNS over TCP is the DNS story's.
    if (!from_phone || event.flow.destination.port == 53 || find(event.flow) != nullptr) return;
    if (open_.size() >= max_open) {
      open_.front().closed = true;
      advance();
    }
    Open open;
    open.attempt.client = event.flow.source;
    open.attempt.server = event.flow.destination;
    open.attempt.syn = packet;
    open_.push_back(std::move(open));
    return;
  }
  Open* open = find(event.flow);
  if (open == nullptr) return;
  auto& attempt = open->attempt;
  switch (event.kind) {
  case pcap::ConnectionEventKind::syn: break;
  case pcap::ConnectionEventKind::syn_ack:
    if (!from_phone && !attempt.established) attempt.established = packet;
    break;
  case pcap::ConnectionEventKind::fin:
  case pcap::ConnectionEventKind::rst:
    attempt.closed = packet;
    attempt.closed_by_phone = from_phone;
    attempt.reset = event.kind == pcap::ConnectionEventKind::rst;
    open->closed = true;
    advance();
    break;
  }
}

void TcpConnections::tls(const pcap::TlsEvent& event, const PacketMark& packet)
{
  Open* open = find(event.flow);
  if (open == nullptr) return;
  auto& attempt = open->attempt;
  switch (event.kind) {
  case pcap::TlsEventKind::client_hello:
    if (attempt.tls) return; // a renegotiation or a retransmission: the first hello tells
    attempt.tls = true;
    attempt.server_name = event.server_name.substr(0, 256);
    attempt.offered_version = event.version;
    break;
  case pcap::TlsEventKind::server_hello:
    if (!attempt.server_hello) {
      attempt.server_hello = packet;
      attempt.chosen_version = event.version;
    }
    break;
  case pcap::TlsEventKind::alert:
    if (!attempt.alert) {
      attempt.alert = event;
      attempt.alert->server_name.clear();
      attempt.alert->offered_versions.clear();
    }
    break;
  }
}

void TcpConnections::advance()
{
  while (!open_.empty() && open_.front().closed) {
    committed_(std::move(open_.front().attempt));
    open_.pop_front();
  }
}

void TcpConnections::finish()
{
  for (auto& open : open_) open.closed = true;
  advance();
}

} // namespace sipfo::wire
