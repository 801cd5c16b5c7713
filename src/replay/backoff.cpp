#include "sipfo/replay/backoff.hpp"

#include <algorithm>

namespace sipfo::replay {

namespace {

std::uint64_t mix(std::uint64_t z) noexcept
{
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Registration retries never come faster than this, so a phone whose servers all
// refuse at once cannot spin at one instant [A].
constexpr SimTime shortest_retry = 1000;

} // namespace

Prng::Prng(std::uint64_t seed, std::uint64_t phone) noexcept
    : state_(mix(seed ^ 0x9e3779b97f4a7c15ULL) ^ mix(phone + 0x632be59bd9b4e019ULL))
{
}

std::uint64_t Prng::next() noexcept
{
  state_ += 0x9e3779b97f4a7c15ULL;
  return mix(state_);
}

SimTime Prng::uniform(SimTime lo, SimTime hi) noexcept
{
  if (hi <= lo) return lo;
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<SimTime>(next() % span);
}

SimTime backoff_window(int failures, SimTime base, SimTime max) noexcept
{
  SimTime window = base;
  for (int i = 0; i < failures && window < max; ++i) window *= 2;
  return std::min(window, max);
}

SimTime backoff_wait(SimTime window, Jitter jitter, Prng& prng) noexcept
{
  switch (jitter) {
  case Jitter::min: return window / 2;
  case Jitter::max: return window;
  case Jitter::random: break;
  }
  return prng.uniform(window / 2, window);
}

SimTime retry_wait(int failures, const ModelParameters& parameters, Jitter jitter, Prng& prng) noexcept
{
  SimTime wait = parameters.retry_style == RetryStyle::fixed
                   ? parameters.retry_interval
                   : backoff_wait(backoff_window(failures, parameters.backoff_base, parameters.backoff_max), jitter, prng);
  return std::max(wait, shortest_retry);
}

WaitRange retry_wait_range(int failures, const ModelParameters& parameters) noexcept
{
  Prng unused(0, 0); // min and max draw nothing
  return {retry_wait(failures, parameters, Jitter::min, unused), retry_wait(failures, parameters, Jitter::max, unused)};
}

} // namespace sipfo::replay
