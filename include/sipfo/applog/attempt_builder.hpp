#pragma once
// Turns the stream of a file's lines into boots and registration attempts, in one
// pass with bounded memory: only the most recent boots and attempts are kept in
// full, older ones are counted (a million boots cost no more than a few).

#include "sipfo/applog/event.hpp"
#include "sipfo/applog/file_report.hpp"
#include "sipfo/applog/log_line.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace sipfo::applog {

struct BuilderLimits {
  std::size_t boots = 16;               // boots kept in full per file
  std::size_t attempts_per_boot = 24;   // attempts kept in full per boot
  std::size_t lookups_per_attempt = 64;
  std::size_t records_per_lookup = 32;  // NAPTR/SRV records and addresses
  std::size_t explain_per_attempt = 400;
  std::size_t loose_per_boot = 64;      // explained lines outside attempts
  std::size_t cache_entries = 64;       // the phone's DNS cache as the log shows it
};

class AttemptBuilder {
public:
  // `snapshot`: the file is a -now-app.log (seed 000: the last ~300 lines).
  explicit AttemptBuilder(bool snapshot, BuilderLimits limits = {});
  ~AttemptBuilder();
  AttemptBuilder(const AttemptBuilder&) = delete;
  AttemptBuilder& operator=(const AttemptBuilder&) = delete;

  // Every well-formed line, in order; `event` when the classifier recognised it.
  // `dns_detail_so_far` counts dns lines of level 1-3 up to this one.
  void add(std::uint64_t number, const LogLine& line, const std::optional<Event>& event, std::uint64_t dns_detail_so_far);

  // Closes the open attempt and boot and decides the verdict. Call once.
  FileReport finish(std::string path, const LogStats& stats);

private:
  struct State;
  std::unique_ptr<State> state_;
};

} // namespace sipfo::applog
