#pragma once
// The small words parse-pcap's text and JSON share, so both name a transport,
// a TLS alert or a packet's instant the same way.

#include "sipfo/pcap/capture_event.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <cstdint>
#include <string>

namespace sipfo::render {

// "udp", "tcp", "tls".
const char* transport_word(pcap::IpProtocol protocol, bool tls) noexcept;

// "fatal alert 42 bad_certificate", "encrypted alert" for one TLS alert.
std::string tls_alert_text(const pcap::TlsEvent& alert);

// The instant the phone's story starts: its first DNS query, SIP send or SYN.
// Every "+12.345" of its output counts from here.
wire::PacketMark story_start(const wire::PhoneStory& phone);

// Milliseconds from `from` to `to` (negative when `to` is earlier).
double milliseconds_between(const wire::PacketMark& from, const wire::PacketMark& to) noexcept;

} // namespace sipfo::render
