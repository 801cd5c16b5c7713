#include "tcp_stream.hpp"

#include <algorithm>

namespace sipfo::pcap::detail {

void TcpStream::syn(std::uint32_t seq) noexcept
{
  if (started_) return;
  started_ = true;
  base_ = seq + 1;
  next_ = 0;
}

std::int64_t TcpStream::offset_of(std::uint32_t seq) const noexcept
{
  // The signed distance from the next expected sequence number, so a stream
  // crossing 2^32 keeps counting up (RFC 9293 3.4: comparisons are modulo 2^32).
  const auto expected = static_cast<std::uint32_t>(base_ + static_cast<std::uint32_t>(next_));
  const auto distance = static_cast<std::int32_t>(seq - expected);
  return static_cast<std::int64_t>(next_) + distance;
}

void TcpStream::segment(std::uint32_t seq, Bytes data, std::uint32_t wire_length, const PacketRef& packet,
                        StreamConsumer& consumer)
{
  if (wire_length == 0) return;
  if (!started_) {
    // Joined mid-stream (no SYN seen): this segment is where the stream starts.
    started_ = true;
    base_ = seq;
    next_ = 0;
  }
  const std::int64_t signed_begin = offset_of(seq);
  const std::int64_t signed_end = signed_begin + wire_length;
  if (signed_end <= static_cast<std::int64_t>(next_)) return; // a retransmission of delivered bytes
  // From here the segment reaches past next_, so its end is positive.
  const auto end = static_cast<std::uint64_t>(signed_end);
  std::uint64_t begin = next_;
  const std::uint64_t captured_end = static_cast<std::uint64_t>(
      std::max<std::int64_t>(signed_begin + static_cast<std::int64_t>(data.size()), 0));
  if (signed_begin < static_cast<std::int64_t>(next_)) {
    // Starts in bytes already delivered: keep only the new part.
    const auto skip = static_cast<std::uint64_t>(static_cast<std::int64_t>(next_) - signed_begin);
    data = data.subspan(static_cast<std::size_t>(std::min<std::uint64_t>(skip, data.size())));
  } else {
    begin = static_cast<std::uint64_t>(signed_begin);
  }
  if (begin == next_) {
    if (!data.empty()) consumer.bytes(data, packet);
    next_ = std::max(next_, std::min(captured_end, end));
    if (next_ < end) {
      // The snaplen cut the segment: its remaining bytes will not come.
      consumer.gap(end - next_, GapCause::truncated, packet);
      next_ = end;
    }
    // Waiting segments now covered are dropped or trimmed as they come out.
    deliver_waiting(packet, consumer);
    return;
  }
  // Out of order: keep it, unless that takes more than the bound.
  if (data.empty()) return;
  auto [it, inserted] = waiting_.try_emplace(begin);
  if (inserted) {
    it->second.assign(reinterpret_cast<const char*>(data.data()), data.size());
    buffered_ += data.size() + waiting_segment_overhead;
  } else if (data.size() > it->second.size()) {
    // The same start again, longer: the first copy keeps its bytes, the new tail is added.
    const Bytes tail = data.subspan(it->second.size());
    it->second.append(reinterpret_cast<const char*>(tail.data()), tail.size());
    buffered_ += tail.size();
  }
  while (buffered_ > max_buffered_ && !waiting_.empty()) skip_to_first_waiting(GapCause::overflow, packet, consumer);
}

void TcpStream::deliver_waiting(const PacketRef& packet, StreamConsumer& consumer)
{
  while (!waiting_.empty() && waiting_.begin()->first <= next_) {
    auto node = waiting_.extract(waiting_.begin());
    buffered_ -= node.mapped().size() + waiting_segment_overhead;
    const std::uint64_t end = node.key() + node.mapped().size();
    if (end <= next_) continue;
    const auto skip = static_cast<std::size_t>(next_ - node.key());
    const std::string& bytes = node.mapped();
    consumer.bytes(Bytes(reinterpret_cast<const std::uint8_t*>(bytes.data()) + skip, bytes.size() - skip), packet);
    next_ = end;
  }
}

void TcpStream::skip_to_first_waiting(GapCause cause, const PacketRef& packet, StreamConsumer& consumer)
{
  if (waiting_.empty()) return;
  const std::uint64_t first = waiting_.begin()->first;
  if (first > next_) {
    consumer.gap(first - next_, cause, packet);
    next_ = first;
  }
  deliver_waiting(packet, consumer);
}

void TcpStream::drain(const PacketRef& packet, StreamConsumer& consumer)
{
  while (!waiting_.empty()) skip_to_first_waiting(GapCause::lost, packet, consumer);
}

} // namespace sipfo::pcap::detail
