#pragma once
// The progress line on stderr (design §2: any run that takes more than about a
// second): how many targets answered, how many are still waiting, and the
// longest they can still take, counting down to Timer F, so a silent server
// does not look like a hung program. Only on a terminal; redrawn at most every
// 100 ms; erased when the probes end (and before any other output on the same
// terminal: clear()), so what stays on the screen is the result.

#include "sipfo/probe/engine.hpp"

#include <chrono>
#include <cstdio>
#include <string>

namespace sipfo::cli {

// "probing: 3/5 done, 2 waiting (at most 27 s more, Timer F)".
// `now` and progress.gives_up_by are on the same (steady) clock.
std::string progress_text(const probe::EngineProgress& progress, sip::TimePoint now);

class ProgressLine {
public:
  // How long a run goes without a progress line.
  static constexpr std::chrono::milliseconds quiet_start{1000};

  // Shown when `stream` is a terminal, from quiet_start after construction.
  explicit ProgressLine(std::FILE* stream);
  ~ProgressLine(); // erases the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void update(const probe::EngineProgress& progress, sip::TimePoint now);
  // Erases the line now (before a row or a trace is printed); the next update draws it again.
  void clear();

private:
  std::FILE* stream_;
  bool enabled_;
  bool drawn_ = false;
  sip::TimePoint started_;
  sip::TimePoint last_{};
};

} // namespace sipfo::cli
