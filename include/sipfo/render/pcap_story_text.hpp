#pragma once
// parse-pcap's human output (design §6b): per phone a headline with its verdict
// and root cause, then its DNS exchanges, SIP transactions with each send's
// offset, the servers in the order tried, failovers and failbacks with their
// instant, TCP/TLS connections and the findings with observed, expected, source
// and fix; packet numbers (#12) where parse-log shows line numbers. --explain
// adds every packet of the phone's story with a one-line note. Pure: a story in,
// text out, tested by comparing strings.

#include "sipfo/wire/capture_story.hpp"

#include <string>

namespace sipfo::render {

enum class PacketLines { no, yes }; // --explain

struct PcapTextStyle {
  bool color = false;
  PacketLines packets = PacketLines::no;
};

// The capture's header (files, packets, decoder notes), then each phone.
std::string pcap_story_text(const wire::CaptureStory& story, const PcapTextStyle& style);

// One phone's part.
std::string pcap_phone_text(const wire::CaptureStory& story, const wire::PhoneStory& phone, const PcapTextStyle& style);

// The last line over several phones, as parse-log tallies its files:
// "3 phones: 1 registered, 1 recovered (server_timeout_failover 1), 1 failed (auth_rejected 1)".
std::string pcap_phone_tally(const wire::CaptureStory& story);

// "2026-11-29 15:04:05.123 UTC" for a packet's capture time.
std::string capture_clock(const pcap::CaptureTime& time);

} // namespace sipfo::render
