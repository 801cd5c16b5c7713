#include "sipfo/applog/event_classifier.hpp"

#include "sipfo/applog/message_format.hpp"

#include <array>
#include <cstring>
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

namespace {

bool classify_with(const MessageIndex& index, const LogLine& line, Event& event) noexcept
{
  const std::string_view text = line.text;
  if (text.empty()) return false;
  // Every dns line is a DNS step or nothing; sip lines may also be boot lines.
  if (line.module == "dns") return index.classify(MessageIndex::dns, text, event);
  if (line.module == "sip" && index.classify(MessageIndex::sip, text, event)) return true;
  return index.classify(MessageIndex::other, text, event);
}

} // namespace

bool classify_line_into(const LogLine& line, Event& event) noexcept
{
  return classify_with(message_index(), line, event);
}

// ---- the memory of dns texts ------------------------------------------------------

namespace {

constexpr std::size_t remembered_text = 120; // longer dns texts are read every time
constexpr unsigned memory_slot_bits = 9;
constexpr std::size_t memory_slots = std::size_t{1} << memory_slot_bits;

// One remembered text and what it was: the event is read from the slot's own copy of
// the text, so its views point there (or into the message table), and are moved onto
// the line's equal text when the slot is used again.
struct Slot {
  std::uint16_t size = 0;
  bool used = false;
  bool is_event = false;
  std::array<char, remembered_text> text{};
  Event event;
};

// `view` moved from `from` onto `to` (the same bytes) when it points into `from`.
inline std::string_view rebased(std::string_view view, std::string_view from, const char* to) noexcept
{
  const std::uintptr_t offset = reinterpret_cast<std::uintptr_t>(view.data()) - reinterpret_cast<std::uintptr_t>(from.data());
  return offset <= from.size() ? std::string_view(to + offset, view.size()) : view; // (wraps when before `from`)
}

// FNV-1a over eight bytes at a time: the slot of a text.
std::size_t slot_of(std::string_view text) noexcept
{
  std::uint64_t hash = 0xcbf29ce484222325ULL ^ text.size();
  std::size_t at = 0;
  for (; at + 8 <= text.size(); at += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + at, 8);
    hash = (hash ^ word) * 0x100000001b3ULL;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, text.data() + at, text.size() - at);
  hash = (hash ^ tail) * 0x100000001b3ULL;
  // A multiply carries only upwards: the slot is taken from the top bits after a mix.
  hash = (hash ^ (hash >> 32)) * 0x9e3779b97f4a7c15ULL;
  return static_cast<std::size_t>(hash >> (64 - memory_slot_bits));
}

} // namespace

struct EventClassifier::Memory {
  const MessageIndex& index = message_index();
  std::array<Slot, memory_slots> slots{};
};

EventClassifier::EventClassifier() : memory_(std::make_unique<Memory>()) {}

EventClassifier::~EventClassifier() = default;

bool EventClassifier::classify(const LogLine& line, Event& event) noexcept
{
  const std::string_view text = line.text;
  if (line.module != "dns" || text.empty() || text.size() > remembered_text) return classify_with(memory_->index, line, event);
  Slot& slot = memory_->slots[slot_of(text)];
  if (!slot.used || std::string_view(slot.text.data(), slot.size) != text) {
    slot.used = true;
    slot.size = static_cast<std::uint16_t>(text.size());
    std::memcpy(slot.text.data(), text.data(), text.size());
    slot.is_event = memory_->index.classify(MessageIndex::dns, std::string_view(slot.text.data(), slot.size), slot.event);
  }
  if (!slot.is_event) return false;
  const std::string_view kept(slot.text.data(), slot.size);
  event = slot.event;
  // Every view of Event (event.hpp): into the line's own text, as classify_line_into gives.
  event.host = rebased(event.host, kept, text.data());
  event.address = rebased(event.address, kept, text.data());
  event.detail = rebased(event.detail, kept, text.data());
  return true;
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
