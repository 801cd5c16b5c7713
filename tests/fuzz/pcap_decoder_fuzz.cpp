// libFuzzer target for the capture decoder (sipfo::pcap::PacketDecoder): any
// sequence of packets, on any link type, must give events or notes, never a
// crash, a read outside a packet, a hang, or state beyond the decoder's limits.
// Input: one byte choosing the link type, then records of
//   [length: 2 bytes big-endian][time step: 1 byte, x 250 ms][cut: 1 byte][bytes]
// where a non-zero cut says the snaplen removed that many bytes (wire length =
// captured + cut). Small limits, so the bounds are reached within short inputs.

#include "sipfo/pcap/packet_decoder.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

namespace {

using namespace sipfo::pcap;

class CheckingSink : public EventSink {
public:
  void on_message(Message&& message) override
  {
    if (message.payload.size() > 65535 + 65535) __builtin_trap(); // no message beyond a datagram or framed limit
    if (message.first_packet > message.packet.number) __builtin_trap();
  }
  void on_tls(const TlsEvent& event) override
  {
    if (event.server_name.size() > 65535) __builtin_trap();
  }
  void on_connection(const ConnectionEvent&) override {}
  void on_note(const Note& note) override
  {
    if (note.text.empty()) __builtin_trap(); // every note says what
  }
};

constexpr LinkType link_types[] = {LinkType::ethernet, LinkType::linux_sll, LinkType::linux_sll2, LinkType::raw,
                                   LinkType::ipv4,     LinkType::ipv6,      LinkType::null,       LinkType::loop};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  if (size < 1) return 0;
  DecoderLimits limits;
  limits.stream_buffer_bytes = 4096;
  limits.max_buffered_bytes = 64 * 1024;
  limits.max_streams = 8;
  limits.max_fragmented_datagrams = 4;
  limits.stream_idle = std::chrono::seconds(5);
  limits.fragment_timeout = std::chrono::seconds(3);
  CheckingSink sink;
  PacketDecoder decoder(sink, limits);
  const LinkType link = link_types[data[0] % 8];
  std::span<const std::uint8_t> rest(data + 1, size - 1);
  PacketRecord record;
  CaptureTime time(std::chrono::seconds(1'700'000'000));
  std::uint64_t number = 0;
  while (rest.size() >= 4) {
    const std::size_t length = std::min<std::size_t>((rest[0] << 8) | rest[1], rest.size() - 4);
    time += std::chrono::milliseconds(250) * rest[2];
    const std::uint32_t cut = rest[3];
    record.packet = PacketRef{++number, time};
    record.bytes = rest.subspan(4, length);
    record.wire_length = static_cast<std::uint32_t>(length) + cut;
    decoder.decode(link, record);
    if (decoder.live_streams() > limits.max_streams) __builtin_trap();
    if (decoder.live_fragmented_datagrams() > limits.max_fragmented_datagrams) __builtin_trap();
    // The streams' budget, and at most 64 KiB per datagram being reassembled.
    if (decoder.buffered_bytes() > limits.max_buffered_bytes + limits.max_fragmented_datagrams * 65536) __builtin_trap();
    rest = rest.subspan(4 + length);
  }
  decoder.finish();
  if (decoder.live_streams() != 0 || decoder.live_fragmented_datagrams() != 0) __builtin_trap();
  return 0;
}
