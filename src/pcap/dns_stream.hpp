#pragma once
// DNS messages cut from one direction of a TCP stream (RFC 1035 4.2.2: each
// message preceded by its 2-byte length), as a resolver asks after a truncated
// UDP answer (RFC 7766). After lost bytes the framing cannot be trusted: the
// rest of that direction is skipped.

#include "sipfo/pcap/capture_event.hpp"

#include "tcp_stream.hpp"

#include <string>

namespace sipfo::pcap::detail {

class DnsStreamReader final : public StreamConsumer {
public:
  DnsStreamReader(EventSink& sink, Flow flow) : sink_(sink), flow_(std::move(flow)) {}

  void bytes(Bytes data, const PacketRef& packet) override;
  void gap(std::uint64_t count, GapCause cause, const PacketRef& packet) override;
  void end(const PacketRef& packet) override;
  std::size_t buffered_bytes() const noexcept override { return buffer_.size(); }

private:
  EventSink& sink_;
  Flow flow_;
  std::string buffer_; // the length prefix and message being received
  std::uint64_t first_packet_ = 0;
  bool lost_ = false;
};

} // namespace sipfo::pcap::detail
