#pragma once
// What a TCP connection of the phone shows when it failed: refused or
// unanswered (sip_transport_failure), or a TLS handshake that did not
// complete (tls_handshake_failed).

#include "sipfo/wire/capture_story.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace sipfo::wire {

// A SYN without SYN-ACK or RST this long before the capture ended was not
// answered (sipfo's assumption: stacks resend a SYN after 1 s, then 3 s).
inline constexpr std::chrono::seconds syn_unanswered_after{3};

// The finding about `attempt`, nullopt when it did not fail. `end` is the
// capture's last instant (a SYN just before it may still be answered).
std::optional<StoryFinding> connection_finding(const ConnectionAttempt& attempt, pcap::CaptureTime end);

} // namespace sipfo::wire
