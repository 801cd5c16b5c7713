#pragma once
// Turns the stream of a file's lines into boots and registration attempts, in one
// pass with bounded memory: only the most recent boots and attempts are kept in
// full, older ones are counted (a million boots cost no more than a few).
//
// The work is the trackers' (boot_tracker.hpp, dns_lookup_tracker.hpp,
// record_tracker.hpp, chain_step_tracker.hpp, sip_outcome_tracker.hpp), over one
// LogStory; the builder routes each event kind to the one that handles it.

#include "sipfo/applog/event.hpp"
#include "sipfo/applog/file_report.hpp"
#include "sipfo/applog/log_line.hpp"
#include "sipfo/applog/log_story.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace sipfo::applog {

class AttemptBuilder {
public:
  // `snapshot`: the file is a -now-app.log (the bulletin's "Parsing the Log": the
  // last ~300 lines).
  explicit AttemptBuilder(bool snapshot, BuilderLimits limits = {}, Explanations explanations = Explanations::dropped);
  ~AttemptBuilder();
  AttemptBuilder(const AttemptBuilder&) = delete;
  AttemptBuilder& operator=(const AttemptBuilder&) = delete;

  // Every well-formed line, in order; `event` when the classifier recognised it.
  // `dns_detail_so_far` counts dns lines of level 1-3 up to this one.
  void add(std::uint64_t number, const LogLine& line, const std::optional<Event>& event, std::uint64_t dns_detail_so_far)
  {
    add(number, line, event ? &*event : nullptr, dns_detail_so_far);
  }
  // The same with null for no event (the parser's loop, without an optional per line).
  void add(std::uint64_t number, const LogLine& line, const Event* event, std::uint64_t dns_detail_so_far);

  // Closes the open attempt and boot and decides the verdict. Call once.
  FileReport finish(std::string path, const LogStats& stats);

private:
  struct Trackers;
  std::unique_ptr<Trackers> trackers_;
};

} // namespace sipfo::applog
