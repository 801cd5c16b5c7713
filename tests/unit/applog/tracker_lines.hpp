#pragma once
// Helpers for the tracker tests: app.log lines made from the message table and read
// by the real classifier, so a test feeds a tracker what parse-log would.

#include "sipfo/applog/event_classifier.hpp"
#include "sipfo/applog/message_format.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <string>

namespace sipfo::applog::test {

// One line and its event; the texts live in a deque so views stay valid.
class TrackerLines {
public:
  struct Fed {
    LogLine line;
    Event event;
  };

  Fed make(EventKind kind, const MessageFields& fields, std::string_view stamp = "")
  {
    const MessageFormat& format = message_format(kind);
    texts_.push_back(write_message(kind, fields));
    stamps_.emplace_back(stamp);
    const LogLine line{stamps_.back(), format.module.empty() ? std::string_view("so") : format.module, format.level, 0,
                       texts_.back()};
    const auto event = classify_line(line);
    REQUIRE(event);
    return Fed{line, *event};
  }

private:
  std::deque<std::string> texts_;
  std::deque<std::string> stamps_;
};

} // namespace sipfo::applog::test
