#pragma once
// Everything parse-log learnt from one file: its boots, the verdict for the last
// boot (applog-format.md §7) and counters about the file itself.

#include "sipfo/applog/boot.hpp"
#include "sipfo/applog/time_format.hpp"

#include "sipfo/util/exit_status.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::applog {

struct LogStats {
  std::uint64_t lines = 0;
  std::uint64_t bytes = 0;
  std::uint64_t malformed = 0;           // not TIME|MODULE|LEVEL|MISSED|TEXT
  std::uint64_t first_malformed_line = 0;
  std::uint64_t blank = 0;
  std::uint64_t cut = 0;                 // longer than the line limit
  std::uint64_t missed_events = 0;       // highest missed-events counter seen
  std::uint64_t lines_with_missed = 0;   // lines with a non-zero counter
  std::uint64_t dns_detail = 0;          // dns lines of level 1-3
  std::uint64_t sip_lines = 0;
  bool unterminated_last_line = false;
  TimeFormat time_format = TimeFormat::none;
};

struct FileReport {
  std::string path;
  bool snapshot = false; // "-now-app.log": only the last ~300 lines (CS-14-17)
  std::deque<Boot> boots; // the most recent ones (bounded)
  std::uint64_t boots_dropped = 0;
  std::uint64_t failed_boots_dropped = 0;
  LogStats stats;

  Outcome outcome = Outcome::unknown;   // of the last boot
  std::optional<Diagnosis> diagnosis;   // root cause for the last boot
  std::vector<Candidate> candidates;    // of the last attempt that had some
  std::string active;                   // address that carried the last success
  bool failure_in_file = false;         // any boot had a failure
  util::ExitStatus exit_status = util::ExitStatus::unknown;
  std::optional<std::string> error;     // set when the input was unusable
  std::vector<std::string> warnings;    // about the file (read errors, dropped events)
};

} // namespace sipfo::applog
