#pragma once
// RFC 5626 4.5 registration backoff and the per-phone random source (C5).

#include "sipfo/replay/parameters.hpp"
#include "sipfo/replay/sim_time.hpp"

#include <cstdint>

namespace sipfo::replay {

// A small deterministic generator (splitmix64). Each phone's stream is derived from
// (seed, phone id), so results do not depend on the order phones are simulated in.
class Prng {
public:
  Prng(std::uint64_t seed, std::uint64_t phone) noexcept;
  std::uint64_t next() noexcept;
  // Uniform in [lo, hi] (both included); lo when hi <= lo.
  SimTime uniform(SimTime lo, SimTime hi) noexcept;

private:
  std::uint64_t state_;
};

// W = min(max, base * 2^failures) after `failures` consecutive failed passes
// (RFC 5626 4.5; base 30 s, 3 failures -> 240 s).
SimTime backoff_window(int failures, SimTime base, SimTime max) noexcept;

// The wait for window W: uniform in [W/2, W], or W/2 (min) / W (max).
SimTime backoff_wait(SimTime window, Jitter jitter, Prng& prng) noexcept;

// The wait before retrying after `failures` failed passes under `parameters`.
SimTime retry_wait(int failures, const ModelParameters& parameters, Jitter jitter, Prng& prng) noexcept;

// The shortest and the longest wait retry_wait can give after `failures` failed
// passes (its jitter min and max): what a real phone's wait should fall between.
struct WaitRange {
  SimTime shortest = 0;
  SimTime longest = 0;
};
WaitRange retry_wait_range(int failures, const ModelParameters& parameters) noexcept;

} // namespace sipfo::replay
