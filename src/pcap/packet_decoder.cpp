#include "sipfo/pcap/packet_decoder.hpp"

#include "ip_packet.hpp"
#include "ip_reassembly.hpp"
#include "link_layer.hpp"
#include "payload_kind.hpp"
#include "tcp_tracker.hpp"

#include <fmt/format.h>

namespace sipfo::pcap {

using namespace detail;

namespace {
// How often (capture time) fragments and idle connections are checked for expiry.
constexpr std::chrono::seconds sweep_interval{1};
} // namespace

class PacketDecoder::Impl {
public:
  Impl(EventSink& sink, DecoderLimits limits)
      : sink_(sink), limits_(limits),
        reassembly_(sink, limits.fragment_timeout, limits.max_fragmented_datagrams), tcp_(sink, limits_)
  {
  }

  void decode(LinkType link, const PacketRecord& record);
  void finish();

  std::size_t live_streams() const noexcept { return tcp_.live(); }
  std::size_t live_fragments() const noexcept { return reassembly_.waiting(); }
  std::size_t buffered() const noexcept { return reassembly_.buffered_bytes() + tcp_.buffered_bytes(); }

private:
  // The IP payload of one datagram (whole, or reassembled).
  struct Transport {
    std::uint8_t protocol = 0;
    Address source;
    Address destination;
    Bytes payload;
    std::uint32_t wire_length = 0;
  };

  void sweep(const PacketRef& packet);
  void ip(NetworkLayer layer, Bytes bytes, bool captured_short, const PacketRef& packet);
  void fragment(const IpPacket& ip, const PacketRef& packet);
  void transport(const Transport& datagram, const PacketRef& packet);
  void udp(const Transport& datagram, const PacketRef& packet);
  void tcp(const Transport& datagram, const PacketRef& packet);
  void note(const PacketRef& packet, NoteKind kind, std::string text)
  {
    sink_.on_note(Note{packet, kind, std::move(text)});
  }

  EventSink& sink_;
  DecoderLimits limits_;
  IpReassembly reassembly_;
  TcpTracker tcp_;
  CaptureTime latest_{};
  CaptureTime last_sweep_{};
  PacketRef last_packet_;
  // Each UDP message is built here, so its payload reuses one buffer instead
  // of one allocation per datagram (a sink that moves the payload away only
  // costs the next one its allocation).
  Message udp_message_;
};

void PacketDecoder::Impl::decode(LinkType link, const PacketRecord& record)
{
  const PacketRef& packet = record.packet;
  last_packet_ = packet;
  if (packet.time > latest_) latest_ = packet.time;
  if (latest_ - last_sweep_ >= sweep_interval) sweep(packet);

  const bool captured_short = record.bytes.size() < record.wire_length;
  const auto payload = strip_link_header(link, record.bytes);
  if (!payload) {
    note(packet, captured_short ? NoteKind::truncated : NoteKind::undecodable,
         fmt::format("{} header cut short ({} bytes captured)", link_type_name(link), record.bytes.size()));
    return;
  }
  if (payload->network == NetworkLayer::other) return; // ARP, LLDP, ...
  ip(payload->network, record.bytes.subspan(std::min(payload->offset, record.bytes.size())), captured_short, packet);
}

void PacketDecoder::Impl::sweep(const PacketRef& packet)
{
  last_sweep_ = latest_;
  reassembly_.expire(latest_, packet);
  tcp_.expire(latest_, packet);
}

void PacketDecoder::Impl::ip(NetworkLayer layer, Bytes bytes, bool captured_short, const PacketRef& packet)
{
  const IpParse parse = layer == NetworkLayer::ipv4 ? parse_ipv4(bytes, captured_short) : parse_ipv6(bytes, captured_short);
  if (!parse.packet) {
    note(packet, captured_short ? NoteKind::truncated : NoteKind::undecodable,
         captured_short ? fmt::format("cut by the snaplen: {}", parse.error) : parse.error);
    return;
  }
  const IpPacket& ip = *parse.packet;
  if (ip.fragment) {
    if (ip.payload.size() < ip.payload_wire_length)
      note(packet, NoteKind::truncated, "an IP fragment cut by the snaplen: its datagram cannot be completed");
    fragment(ip, packet);
    return;
  }
  transport(Transport{ip.protocol, ip.source, ip.destination, ip.payload, ip.payload_wire_length}, packet);
}

void PacketDecoder::Impl::fragment(const IpPacket& ip, const PacketRef& packet)
{
  // Only UDP and TCP are followed; a non-first IPv6 fragment says its protocol too.
  if (ip.protocol != protocol_udp && ip.protocol != protocol_tcp && ip.source.version == IpVersion::v4) return;
  const FragmentKey key{ip.source, ip.destination, ip.protocol, ip.fragment->id};
  auto whole = reassembly_.add(key, ip.fragment->offset, ip.fragment->more, ip.payload, packet);
  if (!whole) return;
  Bytes payload(reinterpret_cast<const std::uint8_t*>(whole->payload.data()), whole->payload.size());
  std::uint8_t protocol = ip.protocol;
  if (ip.source.version == IpVersion::v6) {
    // The fragmentable part may hold more extension headers (RFC 8200 4.5).
    std::string error;
    const auto chain = walk_ipv6_extensions(protocol, payload, error);
    if (!chain || chain->fragment) {
      note(packet, NoteKind::undecodable, chain ? "a fragment header inside a reassembled IPv6 packet" : error);
      return;
    }
    protocol = chain->protocol;
    payload = payload.subspan(chain->offset);
  }
  transport(Transport{protocol, ip.source, ip.destination, payload, static_cast<std::uint32_t>(payload.size())},
            packet);
}

void PacketDecoder::Impl::transport(const Transport& datagram, const PacketRef& packet)
{
  if (datagram.protocol == protocol_udp) udp(datagram, packet);
  else if (datagram.protocol == protocol_tcp) tcp(datagram, packet);
}

void PacketDecoder::Impl::udp(const Transport& datagram, const PacketRef& packet)
{
  const Bytes bytes = datagram.payload;
  if (bytes.size() < 8) {
    if (datagram.wire_length >= 8) return; // cut by the snaplen before the ports: nothing to say whose
    note(packet, NoteKind::undecodable, fmt::format("UDP datagram of {} bytes, shorter than its header", bytes.size()));
    return;
  }
  const std::uint16_t source_port = be16(bytes, 0);
  const std::uint16_t destination_port = be16(bytes, 2);
  const std::uint16_t length = be16(bytes, 4);
  if (length < 8 || length > datagram.wire_length) {
    note(packet, NoteKind::undecodable,
         fmt::format("UDP length {} does not fit its IP payload of {} bytes", length, datagram.wire_length));
    return;
  }
  const Bytes payload = bytes.subspan(8, std::min<std::size_t>(length, bytes.size()) - 8);
  const bool truncated = payload.size() < std::size_t{length} - 8;
  Protocol protocol;
  if (source_port == dns_port || destination_port == dns_port) {
    protocol = Protocol::dns;
  } else if (looks_like_sip(payload)) {
    protocol = Protocol::sip;
  } else if (looks_like_dns(payload)) {
    protocol = Protocol::dns;
  } else {
    if (truncated && (source_port == sip_port || destination_port == sip_port))
      note(packet, NoteKind::truncated, "a UDP datagram on the SIP port cut by the snaplen before its start line");
    return;
  }
  Message& message = udp_message_;
  message.packet = packet;
  message.first_packet = packet.number;
  message.flow = Flow{IpProtocol::udp, Endpoint{datagram.source, source_port},
                      Endpoint{datagram.destination, destination_port}};
  message.protocol = protocol;
  message.payload.assign(reinterpret_cast<const char*>(payload.data()), payload.size());
  message.truncated = truncated;
  if (truncated)
    note(packet, NoteKind::truncated,
         fmt::format("{} message {} -> {} cut by the snaplen: {} of {} bytes captured",
                     protocol == Protocol::dns ? "DNS" : "SIP", message.flow.source.to_string(),
                     message.flow.destination.to_string(), payload.size(), length - 8));
  sink_.on_message(std::move(message));
}

void PacketDecoder::Impl::tcp(const Transport& datagram, const PacketRef& packet)
{
  const Bytes bytes = datagram.payload;
  if (bytes.size() < 20) {
    if (datagram.wire_length < 20)
      note(packet, NoteKind::undecodable, fmt::format("TCP segment of {} bytes, shorter than its header", bytes.size()));
    return;
  }
  const std::size_t header = static_cast<std::size_t>(bytes[12] >> 4) * 4;
  if (header < 20 || header > datagram.wire_length) {
    note(packet, NoteKind::undecodable,
         fmt::format("TCP header length {} does not fit its segment of {} bytes", header, datagram.wire_length));
    return;
  }
  TcpSegment segment;
  segment.flow = Flow{IpProtocol::tcp, Endpoint{datagram.source, be16(bytes, 0)},
                      Endpoint{datagram.destination, be16(bytes, 2)}};
  segment.seq = be32(bytes, 4);
  segment.flags = bytes[13];
  segment.data = bytes.subspan(std::min(header, bytes.size()));
  segment.wire_length = static_cast<std::uint32_t>(datagram.wire_length - header);
  tcp_.segment(segment, packet);
}

void PacketDecoder::Impl::finish()
{
  reassembly_.flush(last_packet_);
  tcp_.flush(last_packet_);
  latest_ = {};
  last_sweep_ = {};
}

PacketDecoder::PacketDecoder(EventSink& sink, DecoderLimits limits) : impl_(std::make_unique<Impl>(sink, limits)) {}

PacketDecoder::~PacketDecoder() = default;

void PacketDecoder::decode(LinkType link, const PacketRecord& record)
{
  impl_->decode(link, record);
}

void PacketDecoder::finish()
{
  impl_->finish();
}

std::size_t PacketDecoder::live_streams() const noexcept
{
  return impl_->live_streams();
}

std::size_t PacketDecoder::live_fragmented_datagrams() const noexcept
{
  return impl_->live_fragments();
}

std::size_t PacketDecoder::buffered_bytes() const noexcept
{
  return impl_->buffered();
}

} // namespace sipfo::pcap
