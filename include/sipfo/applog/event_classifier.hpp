#pragma once
// Recognises the registration-relevant lines of an app.log. Cheap checks first
// (module, first character) so the bulk of a log (other modules) costs almost nothing;
// then the entries of the message table (message_format.hpp), the same entries
// `resolve --trace=applog` writes with. Words like "failed", "403" or "timeout" in
// other modules are never events.

#include "sipfo/applog/event.hpp"
#include "sipfo/applog/log_line.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

namespace sipfo::applog {

// The event `line` carries, or nullopt for an unrelated line. Views point into `line`.
std::optional<Event> classify_line(const LogLine& line) noexcept;
// The same into `event`; false for an unrelated line (`event` then holds nothing
// useful). The parser's loop: one Event reused for every line (issue 12).
bool classify_line_into(const LogLine& line, Event& event) noexcept;

// classify_line_into with a memory of recent dns texts, for one parser (not shared
// between threads). A phone at dns level 1 writes the same few hundred dns texts over
// and over (the same names, the same NAPTR and SRV fields); a text seen before is
// compared, not read again: most dns lines cost a hash and a memcmp instead of the
// table's readers (issue 12). The answer is the same as classify_line_into's: an
// entry is used only when its whole text is equal to the line's.
class EventClassifier {
public:
  EventClassifier();
  ~EventClassifier();
  EventClassifier(const EventClassifier&) = delete;
  EventClassifier& operator=(const EventClassifier&) = delete;

  bool classify(const LogLine& line, Event& event) noexcept;

private:
  struct Memory;
  std::unique_ptr<Memory> memory_;
};

} // namespace sipfo::applog
