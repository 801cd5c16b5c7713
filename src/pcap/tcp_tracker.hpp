#pragma once
// The TCP connections the decoder follows, keyed by their two endpoints: which
// application each one carries (SIP, TLS, or DNS on port 53; decided by the first
// payload and the ports),
// its two reassembled directions, SYN/FIN/RST, and when it was last seen.
// Closed connections are forgotten at once, silent ones after the idle limit,
// and the table never holds more than max_streams connections.

#include "sipfo/pcap/capture_event.hpp"
#include "sipfo/pcap/packet_decoder.hpp"

#include "byte_reader.hpp"
#include "tcp_stream.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>

namespace sipfo::pcap::detail {

struct TcpSegment {
  Flow flow;
  std::uint32_t seq = 0;
  std::uint8_t flags = 0;
  Bytes data;                   // payload as captured
  std::uint32_t wire_length = 0; // payload length on the wire
};

inline constexpr std::uint8_t tcp_fin = 0x01;
inline constexpr std::uint8_t tcp_syn = 0x02;
inline constexpr std::uint8_t tcp_rst = 0x04;
inline constexpr std::uint8_t tcp_ack = 0x10;

class TcpTracker {
public:
  TcpTracker(EventSink& sink, const DecoderLimits& limits);
  ~TcpTracker();

  void segment(const TcpSegment& segment, const PacketRef& packet);
  // Forgets connections silent for longer than the idle limit at capture time `now`.
  void expire(CaptureTime now, const PacketRef& packet);
  // Ends every connection (end of capture).
  void flush(const PacketRef& packet);

  std::size_t live() const noexcept { return connections_.size(); }
  std::size_t buffered_bytes() const noexcept { return held_; }

  // Both endpoints, the lower first, so both directions find one connection.
  struct Key {
    std::array<std::uint8_t, 16> low_address{};
    std::array<std::uint8_t, 16> high_address{};
    std::uint16_t low_port = 0;
    std::uint16_t high_port = 0;
    IpVersion version = IpVersion::v4;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const noexcept;
  };

private:
  enum class Application { unknown, sip, tls, dns, other };
  struct Side {
    explicit Side(std::size_t bound) : stream(bound) {}
    TcpStream stream;
    std::unique_ptr<StreamConsumer> consumer;
    bool syn_reported = false;
    bool fin = false;
    bool rst_reported = false;
  };
  struct Connection {
    explicit Connection(std::size_t bound) : sides{Side(bound), Side(bound)} {}
    Endpoint first_source; // side 0 sent the first packet seen
    Application application = Application::unknown;
    std::array<Side, 2> sides;
    CaptureTime last_seen{};
    std::array<Flow, 2> flows;
    std::size_t held = 0; // bytes both sides held when last counted (held_ sums these)

    std::size_t bytes_held() const noexcept;
  };
  using Table = std::unordered_map<Key, Connection, KeyHash>;

  Connection* find_or_open(const Key& key, const TcpSegment& segment, const PacketRef& packet);
  void classify(Connection& connection, const TcpSegment& segment);
  void report(Connection& connection, int side, ConnectionEventKind kind, const PacketRef& packet);
  void close(Table::iterator it, const PacketRef& packet);
  bool interesting(const Connection& connection) const noexcept;
  // Recounts what `connection` holds and, past the budget of all streams together,
  // gives up the connections that hold the most; false when that included `key`'s.
  bool account(const Key& key, Connection& connection, const PacketRef& packet);

  EventSink& sink_;
  DecoderLimits limits_;
  Table connections_;
  std::size_t held_ = 0;
};

} // namespace sipfo::pcap::detail
