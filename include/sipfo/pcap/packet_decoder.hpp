#pragma once
// From captured packets to application messages: link layer, IPv4/IPv6 (with
// fragment reassembly), UDP, TCP (stream reassembly) and, above them, DNS and
// SIP messages and TLS handshakes, handed to an EventSink. Pure: no I/O, so
// tests and the fuzzer feed it bytes. Memory is bounded by the limits below
// whatever the input; time per packet is bounded by the packet's size.

#include "sipfo/pcap/capture_event.hpp"
#include "sipfo/pcap/link_type.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace sipfo::pcap {

struct DecoderLimits {
  // Bytes of one TCP direction held while waiting for missing segments or the
  // rest of a message; beyond it a stream_overflow note and the bytes are skipped.
  std::size_t stream_buffer_bytes = 256 * 1024;
  // Bytes all TCP streams together may hold; beyond it the connection holding
  // the most is given up (a stream_overflow note), so a hostile capture cannot
  // grow the decoder past it whatever the number of streams.
  std::size_t max_buffered_bytes = 32 * 1024 * 1024;
  // TCP connections followed at once; the longest idle one is dropped for a new one.
  std::size_t max_streams = 8192;
  // Capture time after which a silent TCP connection is forgotten.
  std::chrono::seconds stream_idle{300};
  // Capture time an IP datagram waits for its missing fragments (Linux ipfrag_time).
  std::chrono::seconds fragment_timeout{30};
  // IP datagrams being reassembled at once (each at most 64 KiB); the oldest is
  // given up for a new one.
  std::size_t max_fragmented_datagrams = 64;
};

// One captured packet as the capture file gives it.
struct PacketRecord {
  PacketRef packet;
  std::span<const std::uint8_t> bytes; // what was captured (caplen)
  std::uint32_t wire_length = 0;       // the packet's length on the wire (len)
};

class PacketDecoder {
public:
  explicit PacketDecoder(EventSink& sink, DecoderLimits limits = {});
  ~PacketDecoder();
  PacketDecoder(const PacketDecoder&) = delete;
  PacketDecoder& operator=(const PacketDecoder&) = delete;

  // Decodes one packet; events go to the sink before it returns.
  void decode(LinkType link, const PacketRecord& record);
  // End of the capture: reports what is still incomplete (fragments, partial
  // messages on streams) as notes, and forgets all state.
  void finish();

  // Live state, for tests of the bounds.
  std::size_t live_streams() const noexcept;
  std::size_t live_fragmented_datagrams() const noexcept;
  std::size_t buffered_bytes() const noexcept;

private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace sipfo::pcap
