#pragma once
// Cutting SIP messages out of a TCP or TLS byte stream by their Content-Length
// (RFC 3261 18.3: mandatory on stream transports). Bounded: a header section or
// message larger than max_message_bytes, or a message without Content-Length,
// is a framing error and the stream is unusable after it.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::sip {

class StreamFramer {
public:
  // Appends received bytes; complete messages become available from take().
  void feed(std::string_view bytes);
  // The complete messages received so far, in order, removed from the framer.
  std::vector<std::string> take();
  // Set once the stream is broken (then no further messages come out).
  const std::optional<std::string>& error() const noexcept { return error_; }
  // Bytes buffered that are not yet a complete message.
  std::size_t pending_bytes() const noexcept { return buffer_.size(); }

private:
  // Moves one complete message from buffer_ to ready_; false when none is complete.
  bool cut_one();

  std::string buffer_;
  std::vector<std::string> ready_;
  std::optional<std::string> error_;
};

} // namespace sipfo::sip
