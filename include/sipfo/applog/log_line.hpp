#pragma once
// One line of an 84-Series app.log, split into its five fields.
//
// Real lines (applog-format.md §2, Polycom "Event Logging"):
//   <timestamp>|<module, space-padded to 5>|<level>|<missed, 2 digits>|<text>
// also accepted: the stripped, numbered form of CS-14-17 ("Parsing the Log":
// "12 |dns |1| |text", timestamp replaced by a line label, missed field blank) and the
// four-field form without a timestamp ("sip|*|00|text").

#include <optional>
#include <string_view>

namespace sipfo::applog {

struct LogLine {
  std::string_view stamp;  // raw timestamp (or the seed's line label), trimmed; "" when absent
  std::string_view module; // component id, trimmed: "dns", "sip", "so", "tickt"
  char level = ' ';        // event class '0'..'7', or '*' for always-rendered events
  int missed = 0;          // logger's cumulative count of events lost to CPU load; 0 when blank
  std::string_view text;   // free text (may itself contain '|'), trailing blanks removed
};

// Nullopt when the line does not have the field shape above (a malformed line).
// Views point into `line`. Never throws.
std::optional<LogLine> parse_log_line(std::string_view line) noexcept;
// The same into `out`; false for a malformed line (`out` then holds nothing useful).
// The parser's loop: one LogLine reused for every line.
bool read_log_line(std::string_view line, LogLine& out) noexcept;

} // namespace sipfo::applog
