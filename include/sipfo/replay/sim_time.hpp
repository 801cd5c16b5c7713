#pragma once
// Simulated time: integer milliseconds from the scenario start (handset-models C1:
// t = 0 is the boot of phone 0, network up, first REGISTER sent). No wall clock.

#include <cstdint>
#include <limits>

namespace sipfo::replay {

using SimTime = std::int64_t; // milliseconds

// "Never happens": later than any simulated instant.
inline constexpr SimTime never = std::numeric_limits<SimTime>::max();

inline constexpr SimTime seconds(std::int64_t s) noexcept { return s * 1000; }

} // namespace sipfo::replay

#include <string>

namespace sipfo::replay {

// An exact, short duration for explanations: "7.5 s", "59 min", "29 min 7.5 s", "2 h".
std::string span_text(SimTime ms);

} // namespace sipfo::replay
