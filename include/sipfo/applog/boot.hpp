#pragma once
// One boot of the phone inside an app.log. Uploads with append make one file hold
// several boots (applog-format.md §3); the verdict is for the last one.

#include "sipfo/applog/attempt.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::applog {

enum class BootStart {
  file_start,  // the first lines of the file
  marker,      // SYN "Initial log entry"
  clock_reset, // a type-0 timestamp went back
  ready_again, // a second "Fast Boot Measurement Point: Ready for Call"
};
std::string_view to_string(BootStart start) noexcept;

struct Boot {
  std::uint64_t first_line = 0;
  std::uint64_t last_line = 0;
  BootStart start = BootStart::file_start;
  std::uint64_t ready_line = 0;      // "Ready for Call"
  std::string uptime;                // its uptime, seconds as logged
  std::deque<Attempt> attempts;      // the most recent ones (bounded)
  std::uint64_t attempts_dropped = 0;
  std::uint64_t failures = 0;        // failed attempts, dropped ones included
  std::optional<Diagnosis> last_dropped_failure; // last failure among dropped attempts
  std::vector<ExplainLine> loose;    // relevant lines outside attempts (bounded)

  Outcome outcome = Outcome::unknown; // set when the boot closes
  std::optional<Diagnosis> diagnosis;
};

} // namespace sipfo::applog
