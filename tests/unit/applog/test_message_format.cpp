// The app.log message table: every entry written by the trace writer's function is
// read back by the classifier as the same event, with the fields it was written from.

#include "sipfo/applog/event_classifier.hpp"
#include "sipfo/applog/message_format.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace sipfo::applog;

namespace {

std::optional<Event> classify_as(const MessageFormat& format, std::string_view text)
{
  const std::string_view module = format.module.empty() ? std::string_view("so") : format.module;
  return classify_line(LogLine{"0101000000", module, format.level, 0, text});
}

MessageFields fields_of(const Event& event)
{
  return MessageFields{event.host, to_string(event.type), event.address, event.detail, event.number};
}

} // namespace

TEST_CASE("applog::message_formats: one entry per message, each with a source")
{
  std::set<EventKind> seen;
  for (const MessageFormat& format : message_formats()) {
    CAPTURE(format.pattern);
    CHECK(seen.insert(format.kind).second);
    CHECK(&message_format(format.kind) == &format);
    // Every entry says what its lines mean under --explain.
    CHECK((format.note.make != nullptr || !format.note.text.empty()));
    CHECK(!format.source.empty());
    // Users read sources by title and section, never by an internal file number.
    CHECK(format.source.find("seed") == std::string_view::npos);
    CHECK((format.reading == Reading::custom) == (format.read != nullptr));
  }
  CHECK(seen.size() == static_cast<std::size_t>(EventKind::boot_marker) + 1);
}

TEST_CASE("applog::message_formats: every message written is read back as the same event")
{
  const MessageFields sample{"pbx1.example.org", "SRV", "192.0.2.7", "OK", 480};
  for (const MessageFormat& format : message_formats()) {
    const std::string text = write_message(format.kind, sample);
    CAPTURE(text);
    const auto event = classify_as(format, text);
    REQUIRE(event);
    CHECK(event->kind == format.kind);
    // What the reader took from the line is enough to write the same line again.
    CHECK(write_message(format.kind, fields_of(*event)) == text);
  }
}

TEST_CASE("applog::write_message: holes, [tails] and the name(TYPE) form")
{
  CHECK(write_message(EventKind::lookup_start, {.host = "voice.example.org", .type = "NAPTR"}) ==
        "doDnsLookupForList for record NAPTR: hostname 'voice.example.org' attempting..");
  CHECK(write_message(EventKind::cache_added, {.host = "a.example.org", .type = "A", .number = 36}) ==
        "Added Dynamic DNS cache entry for a.example.org(A) expires in 36 seconds");
  CHECK(write_message(EventKind::srv_target_port, {.host = "sbc.example.org.", .number = 5061}) ==
        "target:port 'sbc.example.org.:5061'");
}

TEST_CASE("applog::read_message: a [tail] is not required, a quoted value keeps its quotes")
{
  const auto miss = read_message(message_format(EventKind::cache_hit), "Hit in Dynamic DNS cache for x(A) expires in 1 second");
  REQUIRE(miss);
  CHECK(miss->number == 1);
  CHECK(miss->type == RecordType::a);
  const auto regexp = read_message(message_format(EventKind::naptr_regexp), "regexp '!^.*$!sip:'x'@y!'");
  REQUIRE(regexp);
  CHECK(regexp->detail == "!^.*$!sip:'x'@y!");
  CHECK_FALSE(read_message(message_format(EventKind::naptr_regexp), "regexp 'open"));
  CHECK_FALSE(read_message(message_format(EventKind::answer), "DNS lookup for (A) 'x' TTL=3"));
}
