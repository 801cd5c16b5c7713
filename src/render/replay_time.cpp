#include "sipfo/render/replay_report.hpp"

#include <fmt/format.h>

namespace sipfo::render {

std::string sim_time_text(replay::SimTime at)
{
  if (at < 0) at = 0;
  const auto hours = at / 3'600'000;
  const auto minutes = at / 60'000 % 60;
  const auto secs = at / 1000 % 60;
  const auto ms = at % 1000;
  if (ms % 100 == 0) return fmt::format("{}:{:02}:{:02}.{}", hours, minutes, secs, ms / 100);
  return fmt::format("{}:{:02}:{:02}.{:03}", hours, minutes, secs, ms);
}

} // namespace sipfo::render
