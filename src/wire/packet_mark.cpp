#include "sipfo/wire/capture_story.hpp"

#include <fmt/format.h>

#include <chrono>

namespace sipfo::wire {

std::string packet_label(const CaptureStory& story, const PacketMark& packet)
{
  if (story.files.size() <= 1 || packet.file >= story.files.size()) return fmt::format("#{}", packet.number);
  return fmt::format("{}#{}", story.files[packet.file], packet.number);
}

std::string seconds_between(const PacketMark& from, const PacketMark& to)
{
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(to.time - from.time).count();
  return fmt::format("{}{}.{:03}", ms < 0 ? "-" : "", (ms < 0 ? -ms : ms) / 1000, (ms < 0 ? -ms : ms) % 1000);
}

} // namespace sipfo::wire
