#pragma once
// The boots and attempts of one file while they are being built: which boot and
// which attempt are open, opening and closing them (closing decides an attempt's
// chain, outcome and diagnosis), the bounds on memory, and the lines kept for
// --explain. The trackers (boot_tracker.hpp, dns_lookup_tracker.hpp,
// record_tracker.hpp, chain_step_tracker.hpp, sip_outcome_tracker.hpp) change it;
// AttemptBuilder routes each event to the tracker that handles it.

#include "sipfo/applog/event.hpp"
#include "sipfo/applog/file_report.hpp"
#include "sipfo/applog/log_line.hpp"
#include "sipfo/applog/tree_recycler.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sipfo::applog {

struct BuilderLimits {
  std::size_t boots = 16;               // boots kept in full per file
  std::size_t attempts_per_boot = 24;   // attempts kept in full per boot
  std::size_t lookups_per_attempt = 64;
  std::size_t records_per_lookup = 32;  // NAPTR/SRV records and addresses
  std::size_t explain_per_attempt = 400;
  std::size_t loose_per_boot = 64;      // explained lines outside attempts
  std::size_t cache_entries = 64;       // the phone's DNS cache as the log shows it
};

// Whether the lines and notes of --explain are kept. Only --explain shows them (text
// and JSON alike), and building them for every relevant line was most of the work.
enum class Explanations { dropped, kept };

// Told when a boot or an attempt opens, and before an attempt closes: trackers that
// keep state per boot or per attempt reset or flush it.
class StoryListener {
public:
  virtual void boot_opened() {}
  virtual void attempt_opened() {}
  virtual void attempt_closing() {}

protected:
  ~StoryListener() = default;
};

class LogStory {
public:
  // `snapshot`: the file is a -now-app.log (the bulletin's "Parsing the Log": the last
  // ~300 lines).
  LogStory(bool snapshot, BuilderLimits limits, Explanations explanations);

  const BuilderLimits& limits() const noexcept { return limits_; }
  void add_listener(StoryListener& listener) { listeners_.push_back(&listener); }
  // dns lines of level 1-3 so far (the diagnosis of an attempt uses it).
  void set_dns_detail(std::uint64_t count) noexcept { dns_detail_ = count; }

  // ---- boots
  bool boot_open() const noexcept { return boot_open_; }
  Boot& boot() { return report_.boots.back(); }
  void open_boot(std::uint64_t line, BootStart start);
  // Ends the open boot on the line before `line` and opens a new one there.
  void begin_new_boot(std::uint64_t line, BootStart start);
  // A second "Ready for Call" in one boot: the phone rebooted in between. The new
  // boot starts at the first "Sip Register" after the previous Ready for Call (the
  // register line is always rendered), or at `line` when there is none.
  void split_at_second_ready(std::uint64_t line);
  void close_current_boot(const LogStats& stats);

  // ---- attempts
  Attempt* attempt() { return attempt_open_ ? &boot().attempts.back() : nullptr; }
  Attempt& open_attempt(std::uint64_t line);
  Attempt& attempt_or_open(std::uint64_t line);
  void close_attempt();
  // A new DnsLookup at the end of `lookups` (the open attempt's), built in the storage
  // of a dropped one when there is one (tree_recycler.hpp).
  DnsLookup& add_lookup(std::vector<DnsLookup>& lookups)
  {
    DnsLookup& fresh = lookups.emplace_back();
    recycler_.fill(fresh);
    return fresh;
  }

  // ---- --explain
  // Keeps a line for --explain. `make_note` is called only when explanations are
  // kept: without --explain no output shows them, so no string is built (issue 12).
  // A line inside an attempt extends the attempt. Loose lines (outside attempts) are
  // counted even when dropped: whether a boot saw any decides where a boot marker
  // starts a new boot.
  template <class MakeNote>
  void explain(std::uint64_t number, const LogLine& line, MakeNote&& make_note, int lookup = -1, bool loose = false)
  {
    Attempt* a = loose ? nullptr : attempt();
    if (a != nullptr) {
      a->last_line = number;
      if (explanations_ == Explanations::dropped) return;
      if (a->explain.size() < limits_.explain_per_attempt) a->explain.push_back(explain_line(number, line, make_note(), lookup));
      else ++a->explain_dropped;
      return;
    }
    Boot& b = boot();
    if (b.loose.size() >= limits_.loose_per_boot) return;
    // Room for all at once: growing one by one moved every kept line each time.
    if (b.loose.empty()) b.loose.reserve(limits_.loose_per_boot);
    if (explanations_ == Explanations::kept) b.loose.push_back(explain_line(number, line, make_note(), lookup));
    else b.loose.push_back(ExplainLine{number, {}, {}, ' ', {}, {}, lookup});
  }
  // The same with the event's own note (event_note.hpp).
  void explain(std::uint64_t number, const LogLine& line, const Event& event, int lookup = -1, bool loose = false);

  // Closes the open attempt and boot and decides the verdict. Call once.
  FileReport finish(std::string path, const LogStats& stats);

private:
  static ExplainLine explain_line(std::uint64_t number, const LogLine& line, std::string note, int lookup);
  const Diagnosis* previous_failure();
  LogStats stats_so_far() const;

  bool snapshot_;
  BuilderLimits limits_;
  Explanations explanations_;
  std::vector<StoryListener*> listeners_;
  FileReport report_;
  bool boot_open_ = false;
  bool attempt_open_ = false;
  std::uint64_t dns_detail_ = 0;
  TreeRecycler recycler_; // dropped attempts' storage, reused by the next ones
};

} // namespace sipfo::applog
