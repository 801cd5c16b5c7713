#pragma once
// Time as the SIP code sees it, injected so tests can drive transactions with a
// fake clock instead of waiting for real timers.

#include <chrono>

namespace sipfo::sip {

using TimePoint = std::chrono::steady_clock::time_point;

class Clock {
public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// The monotonic system clock.
class SteadyClock final : public Clock {
public:
  TimePoint now() const override { return std::chrono::steady_clock::now(); }
};

} // namespace sipfo::sip
