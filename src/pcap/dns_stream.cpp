#include "dns_stream.hpp"

#include <fmt/format.h>

namespace sipfo::pcap::detail {

void DnsStreamReader::bytes(Bytes data, const PacketRef& packet)
{
  if (lost_) return;
  if (buffer_.empty()) first_packet_ = packet.number;
  buffer_.append(reinterpret_cast<const char*>(data.data()), data.size());
  std::size_t at = 0;
  while (buffer_.size() - at >= 2) {
    const std::size_t length =
        (static_cast<std::size_t>(static_cast<unsigned char>(buffer_[at])) << 8) |
        static_cast<unsigned char>(buffer_[at + 1]);
    if (buffer_.size() - at - 2 < length) break;
    Message message;
    message.packet = packet;
    message.first_packet = at == 0 ? first_packet_ : packet.number;
    message.flow = flow_;
    message.protocol = Protocol::dns;
    message.payload = buffer_.substr(at + 2, length);
    sink_.on_message(std::move(message));
    at += 2 + length;
  }
  buffer_.erase(0, at);
  if (at > 0 && !buffer_.empty()) first_packet_ = packet.number;
}

void DnsStreamReader::gap(std::uint64_t count, GapCause cause, const PacketRef& packet)
{
  (void)cause;
  if (lost_) return;
  lost_ = true;
  buffer_.clear();
  sink_.on_note(Note{packet, NoteKind::stream_gap,
                     fmt::format("DNS over TCP {} -> {}: {} bytes missing; the rest of the stream is not read",
                                 flow_.source.to_string(), flow_.destination.to_string(), count)});
}

void DnsStreamReader::end(const PacketRef& packet)
{
  if (!lost_ && !buffer_.empty())
    sink_.on_note(Note{packet, NoteKind::stream_gap,
                       fmt::format("DNS over TCP {} -> {}: the stream ended inside a message ({} bytes, from packet {})",
                                   flow_.source.to_string(), flow_.destination.to_string(), buffer_.size(),
                                   first_packet_)});
  buffer_.clear();
}

} // namespace sipfo::pcap::detail
