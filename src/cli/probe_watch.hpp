#pragma once
// `sipfo probe --watch DURATION [--count N]`: probe again every DURATION and
// print what changed (design §4: PIVOT pings about every 5 minutes). The first
// round prints the whole result; later rounds print transitions only. Ctrl-C
// or SIGTERM ends the watch cleanly: at once while waiting for the next round,
// or at the end of the round in progress (at most one Timer F; a second
// Ctrl-C ends it at once).

#include "sipfo/render/probe_report.hpp"
#include "sipfo/util/exit_status.hpp"

#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>

namespace sipfo::cli {

enum class ProbeOutput { text, json, json_lines, nagios, openmetrics };

// Called with each finished round (--textfile); may be empty.
using RoundWritten = std::function<void(const render::ProbeRun&)>;

struct WatchSettings {
  std::chrono::milliseconds period{300'000}; // from one round's start to the next's
  std::optional<int> count;                  // rounds in all; nullopt: until interrupted
  ProbeOutput output = ProbeOutput::text;    // text or json_lines
  bool color = false;
  RoundWritten written;                      // after each round, e.g. the --textfile metrics
};

// Called after each target of a round finished: (finished, total).
using RoundProgress = std::function<void(std::size_t, std::size_t)>;
// Probes every target once.
using ProbeRound = std::function<render::ProbeRun(const RoundProgress&)>;

// Runs rounds, writes to `out`, notes on `notes`; returns the exit status of
// the last complete round.
util::ExitStatus watch_probes(const ProbeRound& round, const WatchSettings& settings, std::FILE* out,
                              std::FILE* notes);

} // namespace sipfo::cli
