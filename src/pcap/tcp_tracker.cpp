#include "tcp_tracker.hpp"

#include "dns_stream.hpp"
#include "payload_kind.hpp"
#include "sip_stream.hpp"
#include "tls_handshake.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace sipfo::pcap::detail {

namespace {

TcpTracker::Key key_of(const Flow& flow) noexcept
{
  TcpTracker::Key key;
  key.version = flow.ip_version();
  const Endpoint* low = &flow.source;
  const Endpoint* high = &flow.destination;
  const int order = std::memcmp(low->address.bytes.data(), high->address.bytes.data(), 16);
  if (order > 0 || (order == 0 && low->port > high->port)) std::swap(low, high);
  key.low_address = low->address.bytes;
  key.high_address = high->address.bytes;
  key.low_port = low->port;
  key.high_port = high->port;
  return key;
}

bool on_port(const Flow& flow, std::uint16_t port) noexcept
{
  return flow.source.port == port || flow.destination.port == port;
}

} // namespace

std::size_t TcpTracker::KeyHash::operator()(const Key& key) const noexcept
{
  // FNV-1a over the fields; the key is small and fixed.
  std::uint64_t hash = 1469598103934665603ull;
  auto mix = [&](const std::uint8_t* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 1099511628211ull;
  };
  mix(key.low_address.data(), key.low_address.size());
  mix(key.high_address.data(), key.high_address.size());
  const std::uint8_t ports[4] = {static_cast<std::uint8_t>(key.low_port >> 8), static_cast<std::uint8_t>(key.low_port),
                                 static_cast<std::uint8_t>(key.high_port >> 8),
                                 static_cast<std::uint8_t>(key.high_port)};
  mix(ports, sizeof ports);
  return static_cast<std::size_t>(hash);
}

TcpTracker::TcpTracker(EventSink& sink, const DecoderLimits& limits) : sink_(sink), limits_(limits) {}

TcpTracker::~TcpTracker() = default;

std::size_t TcpTracker::Connection::bytes_held() const noexcept
{
  std::size_t total = 0;
  for (const auto& side : sides) {
    total += side.stream.buffered_bytes();
    if (side.consumer) total += side.consumer->buffered_bytes();
  }
  return total;
}

bool TcpTracker::account(const Key& key, Connection& connection, const PacketRef& packet)
{
  held_ -= connection.held;
  connection.held = connection.bytes_held();
  held_ += connection.held;
  while (held_ > limits_.max_buffered_bytes && !connections_.empty()) {
    auto largest = std::max_element(connections_.begin(), connections_.end(),
                                    [](const auto& a, const auto& b) { return a.second.held < b.second.held; });
    if (largest->second.held == 0) break;
    sink_.on_note(Note{packet, NoteKind::stream_overflow,
                       fmt::format("TCP streams held more than {} bytes together; the connection {} <-> {} holding {} "
                                   "is given up",
                                   limits_.max_buffered_bytes, largest->second.flows[0].source.to_string(),
                                   largest->second.flows[0].destination.to_string(), largest->second.held)});
    // Its held bytes are dropped, not delivered: that is what the budget is for.
    for (auto& side : largest->second.sides) side.consumer.reset();
    close(largest, packet);
  }
  return connections_.find(key) != connections_.end();
}

bool TcpTracker::interesting(const Connection& connection) const noexcept
{
  switch (connection.application) {
  case Application::sip:
  case Application::tls:
  case Application::dns: return true;
  case Application::other: return false;
  case Application::unknown:
    return on_port(connection.flows[0], sip_port) || on_port(connection.flows[0], sips_port) ||
           on_port(connection.flows[0], dns_port);
  }
  return false;
}

TcpTracker::Connection* TcpTracker::find_or_open(const Key& key, const TcpSegment& segment, const PacketRef& packet)
{
  auto it = connections_.find(key);
  const bool opening = (segment.flags & tcp_syn) != 0 && (segment.flags & tcp_ack) == 0;
  if (it != connections_.end() && opening) {
    // A new connection on the same ports (phones reuse their local port): after the
    // old one ended, or with another initial sequence number. A retransmitted SYN is neither.
    const Connection& old = it->second;
    const bool ended = old.sides[0].fin || old.sides[1].fin || old.sides[0].rst_reported || old.sides[1].rst_reported;
    const std::size_t sender = segment.flow.source == old.first_source ? 0 : 1;
    if (ended || old.sides[sender].stream.is_new_syn(segment.seq)) {
      close(it, packet);
      it = connections_.end();
    }
  }
  if (it != connections_.end()) return &it->second;
  // Only a SYN, data, or a reset opens a connection; a lone ACK or FIN of a forgotten one does not.
  if (!opening && segment.wire_length == 0 && (segment.flags & tcp_rst) == 0) return nullptr;
  if (connections_.size() >= std::max<std::size_t>(limits_.max_streams, 1)) {
    auto oldest = std::min_element(connections_.begin(), connections_.end(), [](const auto& a, const auto& b) {
      return a.second.last_seen < b.second.last_seen;
    });
    close(oldest, packet);
  }
  auto [inserted, unused] = connections_.try_emplace(key, limits_.stream_buffer_bytes);
  (void)unused;
  Connection& connection = inserted->second;
  connection.first_source = segment.flow.source;
  connection.flows[0] = segment.flow;
  connection.flows[1] = Flow{IpProtocol::tcp, segment.flow.destination, segment.flow.source};
  return &connection;
}

void TcpTracker::classify(Connection& connection, const TcpSegment& segment)
{
  const Flow& flow = connection.flows[0];
  if (on_port(flow, dns_port)) {
    connection.application = Application::dns;
  } else if (looks_like_tls(segment.data)) {
    connection.application = Application::tls;
  } else if (looks_like_sip(segment.data)) {
    connection.application = Application::sip;
  } else if (on_port(flow, sips_port)) {
    connection.application = Application::tls;
  } else if (on_port(flow, sip_port)) {
    connection.application = Application::sip;
  } else {
    connection.application = Application::other;
    return;
  }
  for (int i = 0; i < 2; ++i) {
    Side& side = connection.sides[static_cast<std::size_t>(i)];
    const Flow& side_flow = connection.flows[static_cast<std::size_t>(i)];
    switch (connection.application) {
    case Application::tls: side.consumer = std::make_unique<TlsRecordReader>(sink_, side_flow); break;
    case Application::dns: side.consumer = std::make_unique<DnsStreamReader>(sink_, side_flow); break;
    case Application::sip: side.consumer = std::make_unique<SipStreamReader>(sink_, side_flow, false); break;
    case Application::unknown:
    case Application::other: break;
    }
  }
}

void TcpTracker::report(Connection& connection, int side, ConnectionEventKind kind, const PacketRef& packet)
{
  if (!interesting(connection)) return;
  sink_.on_connection(ConnectionEvent{packet, connection.flows[static_cast<std::size_t>(side)], kind});
}

void TcpTracker::segment(const TcpSegment& segment, const PacketRef& packet)
{
  const Key key = key_of(segment.flow);
  Connection* connection = find_or_open(key, segment, packet);
  if (!connection) return;
  connection->last_seen = std::max(connection->last_seen, packet.time);
  const int index = segment.flow.source == connection->first_source ? 0 : 1;
  // References into the table stay valid while other connections are erased.
  Side& side = connection->sides[static_cast<std::size_t>(index)];

  if ((segment.flags & tcp_syn) != 0) {
    side.stream.syn(segment.seq);
    if (!side.syn_reported) {
      side.syn_reported = true;
      report(*connection, index,
             (segment.flags & tcp_ack) != 0 ? ConnectionEventKind::syn_ack : ConnectionEventKind::syn, packet);
    }
  }
  if (segment.wire_length > 0) {
    if (connection->application == Application::unknown) classify(*connection, segment);
    if (side.consumer) {
      // Data on a SYN starts after the SYN's own sequence number (RFC 9293 3.4).
      const std::uint32_t seq = (segment.flags & tcp_syn) != 0 ? segment.seq + 1 : segment.seq;
      side.stream.segment(seq, segment.data, segment.wire_length, packet, *side.consumer);
      if (!account(key, *connection, packet)) return; // given up to stay within the budget
    }
  }
  if ((segment.flags & tcp_rst) != 0) {
    if (!side.rst_reported) {
      side.rst_reported = true;
      report(*connection, index, ConnectionEventKind::rst, packet);
    }
    close(connections_.find(key), packet);
    return;
  }
  if ((segment.flags & tcp_fin) != 0 && !side.fin) {
    side.fin = true;
    report(*connection, index, ConnectionEventKind::fin, packet);
  }
  const Side& other = connection->sides[static_cast<std::size_t>(1 - index)];
  // Both sides done and nothing waits for a retransmission: the connection is over.
  if (side.fin && other.fin && side.stream.buffered_bytes() == 0 && other.stream.buffered_bytes() == 0)
    close(connections_.find(key), packet);
}

void TcpTracker::close(Table::iterator it, const PacketRef& packet)
{
  if (it == connections_.end()) return;
  held_ -= it->second.held;
  for (auto& side : it->second.sides) {
    if (!side.consumer) continue;
    side.stream.drain(packet, *side.consumer);
    side.consumer->end(packet);
  }
  connections_.erase(it);
}

void TcpTracker::expire(CaptureTime now, const PacketRef& packet)
{
  for (auto it = connections_.begin(); it != connections_.end();) {
    auto next = std::next(it);
    if (now - it->second.last_seen > limits_.stream_idle) close(it, packet);
    it = next;
  }
}

void TcpTracker::flush(const PacketRef& packet)
{
  while (!connections_.empty()) close(connections_.begin(), packet);
}

} // namespace sipfo::pcap::detail
