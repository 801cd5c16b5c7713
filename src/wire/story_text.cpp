#include "story_text.hpp"

#include <fmt/format.h>

namespace sipfo::wire {

std::string kept_text(std::string_view text)
{
  return std::string(text.substr(0, max_kept_text));
}

std::string short_seconds(std::chrono::nanoseconds duration)
{
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
  std::string text = fmt::format("{}{}.{:03}", ms < 0 ? "-" : "", (ms < 0 ? -ms : ms) / 1000, (ms < 0 ? -ms : ms) % 1000);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string seconds_list(const std::vector<std::chrono::nanoseconds>& offsets)
{
  std::string text;
  for (const auto& offset : offsets) {
    if (!text.empty()) text += ", ";
    text += short_seconds(offset);
  }
  return text + " s";
}

PacketMark mark_of(std::uint32_t file, const pcap::PacketRef& packet)
{
  return PacketMark{file, packet.number, packet.time};
}

} // namespace sipfo::wire
