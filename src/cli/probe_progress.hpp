#pragma once
// The progress line `probing 120/1000 targets` on stderr (design §2): only on
// a terminal and for enough targets to take a while; redrawn at most every
// 100 ms, and erased when the probes are done, so stdout stays clean.

#include <chrono>
#include <cstddef>
#include <cstdio>

namespace sipfo::cli {

class ProgressLine {
public:
  // Targets from which a run counts as large enough to show progress.
  static constexpr std::size_t min_targets = 20;

  // Shown when `stream` is a terminal and `total` >= min_targets.
  ProgressLine(std::FILE* stream, std::size_t total);
  ~ProgressLine(); // erases the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void update(std::size_t done, std::size_t total);

private:
  std::FILE* stream_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

} // namespace sipfo::cli
