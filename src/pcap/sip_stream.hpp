#pragma once
// SIP messages cut from one direction of a reassembled TCP stream (RFC 3261
// 18.3) with sip::StreamFramer. After bytes are lost, or a message cannot be
// framed, it skips to the next line that starts a SIP message and carries on.

#include "sipfo/pcap/capture_event.hpp"
#include "sipfo/sip/stream_framer.hpp"

#include "tcp_stream.hpp"

#include <optional>
#include <string>

namespace sipfo::pcap::detail {

class SipStreamReader final : public StreamConsumer {
public:
  // `in_step` is false when the stream was joined mid-way (no SYN seen and the
  // first bytes are not a start line): reading starts at the first start line.
  SipStreamReader(EventSink& sink, Flow flow, bool in_step);

  void bytes(Bytes data, const PacketRef& packet) override;
  void gap(std::uint64_t count, GapCause cause, const PacketRef& packet) override;
  void end(const PacketRef& packet) override;

  std::size_t buffered_bytes() const noexcept override { return framer_.pending_bytes() + resync_.size(); }

private:
  void feed(Bytes data, const PacketRef& packet);
  void lose_sync(const PacketRef& packet);

  EventSink& sink_;
  Flow flow_;
  sip::StreamFramer framer_;
  bool in_step_;
  std::string resync_;                 // bytes searched for a start line while out of step
  std::uint64_t pending_first_packet_ = 0; // packet of the first byte the framer holds; 0: none held
  std::uint64_t resync_first_packet_ = 0;
};

} // namespace sipfo::pcap::detail
