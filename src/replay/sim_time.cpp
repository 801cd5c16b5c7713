#include "sipfo/replay/sim_time.hpp"

#include <fmt/format.h>

namespace sipfo::replay {

std::string span_text(SimTime ms)
{
  if (ms < 0) return fmt::format("-{}", span_text(-ms));
  if (ms < 1000) return fmt::format("{} ms", ms);
  const auto hours = ms / 3'600'000;
  const auto minutes = ms / 60'000 % 60;
  const auto rest = ms % 60'000; // seconds and milliseconds
  std::string out;
  if (hours > 0) out += fmt::format("{} h", hours);
  if (minutes > 0) out += fmt::format("{}{} min", out.empty() ? "" : " ", minutes);
  if (rest > 0) {
    std::string seconds = rest % 1000 == 0 ? fmt::format("{}", rest / 1000) : fmt::format("{:.3f}", rest / 1000.0);
    if (seconds.find('.') != std::string::npos) {
      while (seconds.back() == '0') seconds.pop_back();
    }
    out += fmt::format("{}{} s", out.empty() ? "" : " ", seconds);
  }
  return out;
}

} // namespace sipfo::replay
