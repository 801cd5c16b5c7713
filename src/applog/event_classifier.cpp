#include "sipfo/applog/event_classifier.hpp"

#include "sipfo/applog/message_format.hpp"

#include <array>
#include <vector>

namespace sipfo::applog {

namespace {

// The table's entries by module group and by the first character of their text, so
// a line is tried only against the few messages that can be it.
class MessageIndex {
public:
  enum Group { dns, sip, other, groups };

  MessageIndex()
  {
    for (const MessageFormat& format : message_formats()) {
      const Group group = format.module == "dns" ? dns : format.module == "sip" ? sip : other;
      by_first_[group][static_cast<unsigned char>(format.pattern.front())].push_back(&format);
    }
  }

  bool classify(Group group, std::string_view text, Event& event) const noexcept
  {
    for (const MessageFormat* format : by_first_[group][static_cast<unsigned char>(text.front())]) {
      if (read_message_into(*format, text, event)) return true;
    }
    return false;
  }

private:
  std::array<std::array<std::vector<const MessageFormat*>, 256>, groups> by_first_;
};

const MessageIndex& message_index()
{
  static const MessageIndex index;
  return index;
}

} // namespace

bool classify_line_into(const LogLine& line, Event& event) noexcept
{
  const std::string_view text = line.text;
  if (text.empty()) return false;
  const MessageIndex& index = message_index();
  // Every dns line is a DNS step or nothing; sip lines may also be boot lines.
  if (line.module == "dns") return index.classify(MessageIndex::dns, text, event);
  if (line.module == "sip" && index.classify(MessageIndex::sip, text, event)) return true;
  return index.classify(MessageIndex::other, text, event);
}

std::optional<Event> classify_line(const LogLine& line) noexcept
{
  // One named result, filled in place: an Event built on the stack and copied out
  // through optionals stalled on store forwarding (issue 12 profile).
  std::optional<Event> event(std::in_place);
  if (!classify_line_into(line, *event)) event.reset();
  return event;
}

} // namespace sipfo::applog
