#pragma once
// The app.log messages sipfo knows, one table entry each: the event kind it is (the
// entry's id), the text with named holes, the module and level the phone writes it
// at, where the wording comes from and what --explain says about it. The classifier
// reads lines with these entries and `resolve --trace=applog` writes lines with them,
// so writer and reader cannot drift (tests/unit/applog/test_message_format.cpp writes
// every entry and reads it back). A new message is one entry here, its EventKind, and
// the case that gives it to a tracker (attempt_builder.cpp).
//
// Pattern syntax: literal text with holes naming the Event field they fill:
//   {host} {address} {detail}  the text itself
//   {type}                     a record type (NAPTR, SRV, A, AAAA)
//   {name_type}                "host(TYPE)": host, then the type in the last parentheses
//   {number}                   a decimal number (its first word)
//   {_}                        text that is read past and not kept
// A hole captures up to the first occurrence of the literal after it; a hole at the
// end captures the rest; text after the final literal is ignored when reading. A
// tail in [brackets] is written but not required when reading ("second[s]").

#include "sipfo/applog/event.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sipfo::applog {

// How a line is recognised.
enum class Reading {
  shape,        // the pattern, holes and all
  quoted_field, // "key 'value'": the value runs to the line's last quote (values may hold quotes)
  custom,       // `read` decides (loose SYN wordings)
};

// What --explain says about a line of this message: a fixed text, or one made from
// the event's fields.
struct MessageNote {
  constexpr MessageNote(const char* fixed) noexcept : text(fixed) {}
  constexpr MessageNote(std::string (*from_fields)(const Event&)) noexcept : make(from_fields) {}

  std::string_view text;
  std::string (*make)(const Event&) = nullptr;
};

struct MessageFormat {
  EventKind kind;          // the entry's id: EventKind lists the entries in this order
  std::string_view module; // "dns", "sip", or "" for any module but dns
  char level;              // the level the phone writes it at
  std::string_view pattern;
  std::string_view source; // document title and section, or the research note for SYN wordings
  MessageNote note;        // the --explain note (event_note.hpp)
  Reading reading = Reading::shape;
  // Fields the pattern does not say how to read (may be null).
  void (*refine)(std::string_view text, Event& event) noexcept = nullptr;
  // Reading::custom only: true when `text` is this message, filling `event`.
  bool (*read)(std::string_view text, Event& event) noexcept = nullptr;
};

// Every entry, in the order the classifier tries them.
std::span<const MessageFormat> message_formats() noexcept;
const MessageFormat& message_format(EventKind kind) noexcept;

// The event `text` carries when it is message `format` (module not checked).
std::optional<Event> read_message(const MessageFormat& format, std::string_view text) noexcept;
// The same into `event` (reset first); false when `text` is not this message. For the
// classifier's loop, which fills its caller's result in place.
bool read_message_into(const MessageFormat& format, std::string_view text, Event& event) noexcept;

// The values a writer puts in the holes.
struct MessageFields {
  std::string_view host{};
  std::string_view type{}; // "NAPTR", "SRV", "A"
  std::string_view address{};
  std::string_view detail{};
  std::int64_t number = 0;
};

// The message text (no timestamp, module or level) with the holes filled; {_}
// holes are written empty.
std::string write_message(EventKind kind, const MessageFields& fields);

} // namespace sipfo::applog
