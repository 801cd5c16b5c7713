#pragma once
// Exit status per the monitoring-plugin convention (design §2), so Nagios, Icinga
// and CI jobs can use sipfo's status directly.

namespace sipfo::util {

enum class ExitStatus : int {
  ok = 0,       // works as intended
  warning = 1,  // works, but something is wrong (redundancy lost, a recovered failure)
  critical = 2, // the handset would not / did not register
  unknown = 3,  // bad usage, unreadable or malformed input, internal error
};

constexpr ExitStatus worst(ExitStatus a, ExitStatus b) noexcept
{
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

} // namespace sipfo::util
