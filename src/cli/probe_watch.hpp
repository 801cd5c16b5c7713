#pragma once
// `sipfo probe --watch DURATION [--count N]`: probe again every DURATION and
// print what changed (design §4: PIVOT pings about every 5 minutes). The first
// round prints the whole result; later rounds print transitions only. Ctrl-C
// or SIGTERM ends the watch cleanly and at once, between rounds or in one.

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

// How a round is stopped early (Ctrl-C): the engine polls `wake_fd` and
// asks `requested` (probe::EngineHooks).
struct RoundStop {
  int wake_fd = -1;
  std::function<bool()> requested;
};
// Probes every target once; the targets a stop cut short come back
// NotProbed::interrupted.
using ProbeRound = std::function<render::ProbeRun(const RoundStop&)>;

// True when some target of the run was cut short by an interrupt.
bool was_interrupted(const render::ProbeRun& run) noexcept;
// 128 + the signal (130 for Ctrl-C, 143 for SIGTERM), the shell's convention.
util::ExitStatus interrupted_status(int signal_number) noexcept;

// Runs rounds, writes to `out`, notes on `notes`; returns the exit status of
// the last complete round. Ctrl-C or SIGTERM stops at once, in a round too
// (the engine is woken): the round cut short is dropped with a note, or, when
// it was the first, printed with its unfinished targets marked interrupted
// and the status 130.
util::ExitStatus watch_probes(const ProbeRound& round, const WatchSettings& settings, std::FILE* out,
                              std::FILE* notes);

} // namespace sipfo::cli
