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

  std::optional<Event> classify(Group group, std::string_view text) const noexcept
  {
    for (const MessageFormat* format : by_first_[group][static_cast<unsigned char>(text.front())]) {
      if (auto event = read_message(*format, text)) return event;
    }
    return std::nullopt;
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

std::optional<Event> classify_line(const LogLine& line) noexcept
{
  const std::string_view text = line.text;
  if (text.empty()) return std::nullopt;
  const MessageIndex& index = message_index();
  // Every dns line is a DNS step or nothing; sip lines may also be boot lines.
  if (line.module == "dns") return index.classify(MessageIndex::dns, text);
  if (line.module == "sip") {
    if (auto event = index.classify(MessageIndex::sip, text)) return event;
  }
  return index.classify(MessageIndex::other, text);
}

} // namespace sipfo::applog
