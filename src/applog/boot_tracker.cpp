#include "sipfo/applog/boot_tracker.hpp"

#include "sipfo/applog/time_format.hpp"

namespace sipfo::applog {

namespace {
constexpr std::int64_t clock_reset_slack_ms = 1000; // type-0 stamps may jitter a little
} // namespace

BootTracker::BootTracker(LogStory& story) : story_(story) { story_.add_listener(*this); }

void BootTracker::line_seen(std::uint64_t number, const LogLine& line)
{
  if (!story_.boot_open()) story_.open_boot(number, BootStart::file_start);
  if (auto ms = since_boot_ms(line.stamp)) {
    if (last_since_boot_ && *ms + clock_reset_slack_ms < *last_since_boot_) {
      story_.begin_new_boot(number, BootStart::clock_reset);
    }
    last_since_boot_ = ms;
  }
  story_.boot().last_line = number;
}

// A marker opens a new boot unless the open one has seen nothing yet.
void BootTracker::on_boot_marker(std::uint64_t number, const LogLine& line, const Event& event)
{
  Boot& b = story_.boot();
  if (!b.attempts.empty() || !b.loose.empty() || b.attempts_dropped > 0) story_.begin_new_boot(number, BootStart::marker);
  else b.start = BootStart::marker;
  story_.explain(number, line, event, -1, true);
}

void BootTracker::on_ready_for_call(std::uint64_t number, const LogLine& line, const Event& event)
{
  if (story_.boot().ready_line != 0) story_.split_at_second_ready(number);
  story_.boot().ready_line = number;
  story_.boot().uptime.assign(event.detail);
  story_.explain(number, line, event, -1, true);
}

} // namespace sipfo::applog
