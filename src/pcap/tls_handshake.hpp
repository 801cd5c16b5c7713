#pragma once
// TLS seen from outside (not decrypted): the records of one direction of a TCP
// stream (RFC 8446 5.1, RFC 5246 6.2), which may span segments, and in them the
// ClientHello (server name, offered versions), the ServerHello (chosen version)
// and alerts (RFC 8446 6). Records after ChangeCipherSpec or application data
// are encrypted: their bodies are skipped without being buffered.

#include "sipfo/pcap/capture_event.hpp"

#include "byte_reader.hpp"
#include "tcp_stream.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace sipfo::pcap::detail {

// Largest record body a peer may send (RFC 8446 5.2: 2^14 + 256; RFC 5246 6.2.3: + 2048).
inline constexpr std::uint32_t max_tls_record = 16384 + 2048;
// Largest handshake message read for its fields; a ClientHello is a few hundred bytes.
inline constexpr std::uint32_t max_tls_handshake_message = 64 * 1024;

// The fields of a ClientHello or ServerHello body (the handshake message after
// its 4-byte header); nullopt when the body is malformed.
std::optional<TlsEvent> parse_client_hello(Bytes body);
std::optional<TlsEvent> parse_server_hello(Bytes body);

// Whether bytes at the start of a stream look like a TLS record: handshake or
// alert content type, major version 3 (RFC 8446 5.1).
bool looks_like_tls(Bytes start) noexcept;

class TlsRecordReader final : public StreamConsumer {
public:
  TlsRecordReader(EventSink& sink, Flow flow) : sink_(sink), flow_(std::move(flow)) {}

  void bytes(Bytes data, const PacketRef& packet) override;
  void gap(std::uint64_t count, GapCause cause, const PacketRef& packet) override;
  void end(const PacketRef& packet) override;

  std::size_t buffered_bytes() const noexcept override { return handshake_.size(); }

private:
  void start_record(const PacketRef& packet);
  void record_body(Bytes data, const PacketRef& packet);
  void finish_record(const PacketRef& packet);
  void read_handshake_messages(const PacketRef& packet);
  void stop(const PacketRef& packet, std::string why);

  EventSink& sink_;
  Flow flow_;
  bool stopped_ = false;
  bool encrypted_ = false;
  std::array<std::uint8_t, 5> header_{};
  std::size_t header_have_ = 0;
  std::uint32_t record_length_ = 0;
  std::uint32_t body_left_ = 0;
  std::array<std::uint8_t, 2> alert_{};
  std::size_t alert_have_ = 0;
  std::string handshake_; // handshake-protocol bytes not yet read, while in clear
  bool handshake_given_up_ = false;
};

} // namespace sipfo::pcap::detail
