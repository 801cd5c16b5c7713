#pragma once
// Recognises the registration-relevant lines of an app.log. Cheap checks first
// (module, first character) so the bulk of a log (other modules) costs almost nothing;
// then the entries of the message table (message_format.hpp), the same entries
// `resolve --trace=applog` writes with. Words like "failed", "403" or "timeout" in
// other modules are never events.

#include "sipfo/applog/event.hpp"
#include "sipfo/applog/log_line.hpp"

#include <optional>

namespace sipfo::applog {

// The event `line` carries, or nullopt for an unrelated line. Views point into `line`.
std::optional<Event> classify_line(const LogLine& line) noexcept;
// The same into `event`; false for an unrelated line (`event` then holds nothing
// useful). The parser's loop: one Event reused for every line (issue 12).
bool classify_line_into(const LogLine& line, Event& event) noexcept;

} // namespace sipfo::applog
