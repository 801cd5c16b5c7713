#pragma once
// The probe engine: every target probed concurrently on one poll() loop, so N
// silent servers cost one Timer F, not N (design §4). A rate limit spaces the
// start of each target's probes; a cap bounds the sockets open at once.

#include "sipfo/probe/probe_settings.hpp"
#include "sipfo/probe/target_result.hpp"
#include "sipfo/sip/clock.hpp"
#include "sipfo/sip/connection.hpp"
#include "sipfo/sip/tls_context.hpp"

#include <cstddef>
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
};

// Makes the connection for one target (tests inject fakes).
using ConnectionFactory = std::function<std::unique_ptr<sip::Connection>(const Target&)>;
// Called after each target finished: (finished so far, total).
using ProgressCallback = std::function<void(std::size_t, std::size_t)>;

// Probes over real sockets; results in target order (not completion order).
// Throws util::InputError when --ca-file cannot be loaded.
std::vector<TargetResult> run_probes(std::span<const Target> targets, const ProbeSettings& settings,
                                     const EngineSettings& engine, const sip::Clock& clock,
                                     const ProgressCallback& progress = {});

// The same loop over connections made by `factory`.
std::vector<TargetResult> run_probes(std::span<const Target> targets, const ProbeSettings& settings,
                                     const EngineSettings& engine, const sip::Clock& clock,
                                     const ConnectionFactory& factory, const ProgressCallback& progress);

} // namespace sipfo::probe
