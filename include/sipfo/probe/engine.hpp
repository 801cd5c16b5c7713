#pragma once
// The probe engine: every target probed concurrently on one poll() loop, so N
// silent servers cost one Timer F, not N (design §4). A rate limit spaces the
// start of each target's probes; a cap bounds the sockets open at once.

#include "sipfo/probe/probe_settings.hpp"
#include "sipfo/probe/target_result.hpp"
#include "sipfo/sip/clock.hpp"
#include "sipfo/sip/connection.hpp"
#include "sipfo/sip/tls_context.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace sipfo::probe {

struct EngineSettings {
  double rate = 100.0;             // targets started per second (--rate); <= 0: no limit
  std::size_t max_in_flight = 1000; // targets with an open socket at once (also capped
                                    // by RLIMIT_NOFILE in the socket version)
  sip::TlsSettings tls;             // --ca-file, --insecure
  std::optional<sip::SourceAddress> source; // --source: bind every socket to it
};

// Where a run stands, for a progress line.
struct EngineProgress {
  std::size_t finished = 0; // targets done (in any order)
  std::size_t total = 0;
  std::size_t waiting = 0;  // started and not done: sent, no final answer yet
  // When the last of the waiting targets gives up at the latest (its open
  // transactions' Timer F); nullopt when none is waiting.
  std::optional<sip::TimePoint> gives_up_by;
};

// What the caller sees while the engine runs, and how it stops it. Every hook
// is optional.
struct EngineHooks {
  // After each target finished, in completion order: its index in the
  // targets and its result (live rows).
  std::function<void(std::size_t, const TargetResult&)> on_result;
  // Every `tick` while probes run (not per result: a 1,000-target run would
  // pay for 1,000 progress computations), and at once when wake_fd is
  // readable; returns
  // true to stop now: the targets not done come back NotProbed::interrupted,
  // with what they had found so far.
  std::function<bool(const EngineProgress&)> on_tick;
  std::chrono::milliseconds tick{250};
  // Also polled: readable wakes the loop at once, so on_tick sees a stop
  // request (a signalfd for Ctrl-C) without waiting for the next tick.
  int wake_fd = -1;
};

// Makes the connection for one target (tests inject fakes).
using ConnectionFactory = std::function<std::unique_ptr<sip::Connection>(const Target&)>;

// Probes over real sockets; results in target order (not completion order).
// A target with no address is not probed (NotProbed::no_address).
// Throws util::InputError when --ca-file cannot be loaded.
std::vector<TargetResult> run_probes(std::span<const Target> targets, const ProbeSettings& settings,
                                     const EngineSettings& engine, const sip::Clock& clock,
                                     const EngineHooks& hooks = {});

// The same loop over connections made by `factory`.
std::vector<TargetResult> run_probes(std::span<const Target> targets, const ProbeSettings& settings,
                                     const EngineSettings& engine, const sip::Clock& clock,
                                     const ConnectionFactory& factory, const EngineHooks& hooks);

} // namespace sipfo::probe
