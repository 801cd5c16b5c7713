#pragma once
// A phone's findings with repeats folded: the same code about the same server
// is one finding whose `count` grows (parse-pcap reports a phone that timed
// out on p1 a hundred times once, not a hundred times). Bounded.

#include "sipfo/wire/capture_story.hpp"

#include <string>
#include <vector>

namespace sipfo::wire {

class FindingList {
public:
  // Distinct findings kept per phone; beyond it only the counts of kept ones grow.
  static constexpr std::size_t max_findings = 256;
  // Evidence packets kept per finding.
  static constexpr std::size_t max_evidence = 4;

  // Adds `finding` (severity filled from the registry), or counts it on the one
  // already there with the same code and `server` ("" for findings about no server).
  void add(StoryFinding finding, const std::string& server);
  bool has(util::FindingCode code) const noexcept;
  // In order of first evidence.
  std::vector<StoryFinding> take();

private:
  struct Entry {
    StoryFinding finding;
    std::string server;
  };
  std::vector<Entry> entries_;
};

} // namespace sipfo::wire
