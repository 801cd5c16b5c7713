#pragma once
// Where one boot of the phone ends and the next begins (applog-format.md §3): the
// file's first line, a boot marker, a type-0 timestamp that goes back, a second
// "Ready for Call".

#include "sipfo/applog/log_story.hpp"

#include <cstdint>
#include <optional>

namespace sipfo::applog {

class BootTracker : private StoryListener {
public:
  explicit BootTracker(LogStory& story);

  // Every well-formed line, before its event: opens the first boot, starts a new
  // one when the clock since boot goes back, extends the open boot.
  void line_seen(std::uint64_t number, const LogLine& line);

  void on_boot_marker(std::uint64_t number, const LogLine& line, const Event& event);
  void on_ready_for_call(std::uint64_t number, const LogLine& line, const Event& event);

private:
  void boot_opened() override { last_since_boot_.reset(); }

  LogStory& story_;
  std::optional<std::int64_t> last_since_boot_; // ms, the open boot's last type-0 stamp
};

} // namespace sipfo::applog
