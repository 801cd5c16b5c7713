#pragma once
// One direction of a TCP connection put back in order (RFC 9293 3.4 sequence
// numbers, modulo 2^32): out-of-order segments wait, retransmitted and
// overlapping bytes are delivered once, and what never arrives becomes a gap.
// Overlaps with different bytes are resolved the same way every time: bytes
// delivered are never replaced, and among waiting segments the one that starts
// earlier keeps its bytes (a later copy at the same start only adds its tail). Bytes held are bounded; past the bound the missing
// bytes are skipped as a gap.

#include "sipfo/pcap/capture_event.hpp"

#include "byte_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace sipfo::pcap::detail {

// Why bytes of a stream are missing.
enum class GapCause {
  lost,      // never captured (the stream ended or moved on without them)
  overflow,  // more than the stream's bound waited behind a hole
  truncated, // the snaplen cut the segment that carried them
};

// What a stream hands its bytes to (SIP framing, TLS records).
class StreamConsumer {
public:
  virtual ~StreamConsumer() = default;
  // The next in-order bytes; `packet` is the packet that made them available.
  virtual void bytes(Bytes data, const PacketRef& packet) = 0;
  // `count` bytes will never be seen; the next bytes() continue after them.
  virtual void gap(std::uint64_t count, GapCause cause, const PacketRef& packet) = 0;
  // The stream ended (FIN, RST, idle, end of capture).
  virtual void end(const PacketRef& packet) = 0;
  // Bytes the consumer holds (a message not yet complete), for the memory budget.
  virtual std::size_t buffered_bytes() const noexcept = 0;
};

// What one waiting segment costs beyond its bytes (map node, string header), so a
// flood of 1-byte segments is held to the bound as surely as a few large ones.
inline constexpr std::size_t waiting_segment_overhead = 96;

class TcpStream {
public:
  explicit TcpStream(std::size_t max_buffered) : max_buffered_(max_buffered) {}

  // A SYN with sequence number `seq`: data starts at seq + 1.
  void syn(std::uint32_t seq) noexcept;
  // A segment whose data starts at `seq`; `wire_length` is its length on the
  // wire (more than data.size() when the snaplen cut it: the rest is a gap).
  void segment(std::uint32_t seq, Bytes data, std::uint32_t wire_length, const PacketRef& packet,
               StreamConsumer& consumer);
  // Delivers what waits behind holes, skipping them as gaps (the stream is ending).
  void drain(const PacketRef& packet, StreamConsumer& consumer);

  // Bytes held out of order, each waiting segment counted with its bookkeeping.
  std::size_t buffered_bytes() const noexcept { return buffered_; }
  bool started() const noexcept { return started_; }
  // Whether a SYN with `seq` opens another connection than the one this stream
  // follows (a new initial sequence number on the same ports).
  bool is_new_syn(std::uint32_t seq) const noexcept { return started_ && base_ != seq + 1; }

private:
  // Sequence number -> stream offset, the one nearest to next_ (negative: before the start).
  std::int64_t offset_of(std::uint32_t seq) const noexcept;
  void deliver_waiting(const PacketRef& packet, StreamConsumer& consumer);
  void skip_to_first_waiting(GapCause cause, const PacketRef& packet, StreamConsumer& consumer);

  std::size_t max_buffered_;
  bool started_ = false;
  std::uint32_t base_ = 0;  // sequence number of offset 0
  std::uint64_t next_ = 0;  // offset of the next byte to deliver
  std::map<std::uint64_t, std::string> waiting_; // offset -> bytes, beyond next_
  std::size_t buffered_ = 0;
};

} // namespace sipfo::pcap::detail
