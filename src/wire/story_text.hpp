#pragma once
// Small text helpers of the story builder.

#include "sipfo/pcap/capture_event.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::wire {

// Strings from the capture are kept at most this long: a hostile 64 KiB
// Call-ID must not be copied into every transaction.
inline constexpr std::size_t max_kept_text = 256;
std::string kept_text(std::string_view text);

// Seconds as output shows them in lists: "0.5", "1.5", "11.5", "4", "0.512".
std::string short_seconds(std::chrono::nanoseconds duration);
// "0.5, 1.5, 3.5 s".
std::string seconds_list(const std::vector<std::chrono::nanoseconds>& offsets);

PacketMark mark_of(std::uint32_t file, const pcap::PacketRef& packet);

} // namespace sipfo::wire
