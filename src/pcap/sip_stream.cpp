#include "sip_stream.hpp"

#include "payload_kind.hpp"

#include <fmt/format.h>

namespace sipfo::pcap::detail {

namespace {
// Bytes kept while searching for a start line across segments (a start line's prefix).
constexpr std::size_t resync_tail = 2048;
} // namespace

SipStreamReader::SipStreamReader(EventSink& sink, Flow flow, bool in_step)
    : sink_(sink), flow_(std::move(flow)), in_step_(in_step)
{
}

void SipStreamReader::bytes(Bytes data, const PacketRef& packet)
{
  if (in_step_) {
    feed(data, packet);
    return;
  }
  if (resync_.empty()) resync_first_packet_ = packet.number;
  resync_.append(reinterpret_cast<const char*>(data.data()), data.size());
  const Bytes buffered(reinterpret_cast<const std::uint8_t*>(resync_.data()), resync_.size());
  const std::size_t start = find_sip_start(buffered);
  if (start == buffered.size()) {
    if (resync_.size() > resync_tail) resync_.erase(0, resync_.size() - resync_tail);
    return;
  }
  in_step_ = true;
  const std::string rest = resync_.substr(start);
  resync_.clear();
  // The start line may have come in an earlier packet than this one.
  pending_first_packet_ = resync_first_packet_;
  feed(Bytes(reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size()), packet);
}

void SipStreamReader::feed(Bytes data, const PacketRef& packet)
{
  if (framer_.pending_bytes() == 0 && pending_first_packet_ == 0) pending_first_packet_ = packet.number;
  framer_.feed(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
  bool first = true;
  for (auto& text : framer_.take()) {
    Message message;
    message.packet = packet;
    message.first_packet = first && pending_first_packet_ != 0 ? pending_first_packet_ : packet.number;
    message.flow = flow_;
    message.protocol = Protocol::sip;
    message.payload = std::move(text);
    sink_.on_message(std::move(message));
    first = false;
  }
  // What the framer still holds began in this packet; nothing held: the next packet says.
  if (!first) pending_first_packet_ = framer_.pending_bytes() > 0 ? packet.number : 0;
  else if (framer_.pending_bytes() == 0) pending_first_packet_ = 0;
  if (framer_.error()) {
    sink_.on_note(Note{packet, NoteKind::framing_error,
                       fmt::format("SIP over TCP {} -> {}: {}; skipping to the next message", flow_.source.to_string(),
                                   flow_.destination.to_string(), *framer_.error())});
    lose_sync(packet);
  }
}

void SipStreamReader::lose_sync(const PacketRef& packet)
{
  (void)packet;
  framer_ = sip::StreamFramer{};
  pending_first_packet_ = 0;
  in_step_ = false;
  resync_.clear();
}

void SipStreamReader::gap(std::uint64_t count, GapCause cause, const PacketRef& packet)
{
  const char* why = "";
  NoteKind kind = NoteKind::stream_gap;
  switch (cause) {
  case GapCause::lost: why = "never captured"; break;
  case GapCause::overflow:
    why = "skipped: too much data waited behind a missing segment";
    kind = NoteKind::stream_overflow;
    break;
  case GapCause::truncated: why = "cut by the snaplen"; kind = NoteKind::truncated; break;
  }
  sink_.on_note(Note{packet, kind,
                     fmt::format("SIP over TCP {} -> {}: {} bytes {}{}", flow_.source.to_string(),
                                 flow_.destination.to_string(), count, why,
                                 framer_.pending_bytes() > 0 ? "; the message they belonged to is lost" : "")});
  lose_sync(packet);
}

void SipStreamReader::end(const PacketRef& packet)
{
  if (in_step_ && framer_.pending_bytes() > 0) {
    sink_.on_note(Note{packet, NoteKind::stream_gap,
                       fmt::format("SIP over TCP {} -> {}: the stream ended inside a message ({} bytes, from packet {})",
                                   flow_.source.to_string(), flow_.destination.to_string(), framer_.pending_bytes(),
                                   pending_first_packet_)});
  }
  lose_sync(packet);
}

} // namespace sipfo::pcap::detail
