#pragma once
// The DNS chain's steps between lookups (applog-format.md §4): SRV targets resolved
// to addresses, the SRV-to-A fallback with its port, the end of the chain, and the
// address the phone then uses.

#include "sipfo/applog/log_story.hpp"

#include <cstdint>

namespace sipfo::applog {

class ChainStepTracker {
public:
  explicit ChainStepTracker(LogStory& story) : story_(story) {}

  // True once after "Doing DNS A lookup": the A lookup that follows starts a chain.
  bool take_a_step() noexcept
  {
    const bool pending = a_step_pending_;
    a_step_pending_ = false;
    return pending;
  }

  void on_srv_to_a(std::uint64_t number, const LogLine& line, const Event& event);
  void on_srv_to_a_done(std::uint64_t number, const LogLine& line, const Event& event);
  void on_srv_fallback(std::uint64_t number, const LogLine& line, const Event& event);
  void on_a_lookup_step(std::uint64_t number, const LogLine& line, const Event& event);
  void on_port_kept(std::uint64_t number, const LogLine& line, const Event& event);
  void on_passed_in_address(std::uint64_t number, const LogLine& line, const Event& event);

private:
  LogStory& story_;
  bool a_step_pending_ = false;
};

} // namespace sipfo::applog
