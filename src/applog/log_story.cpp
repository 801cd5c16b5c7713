#include "sipfo/applog/log_story.hpp"

#include "sipfo/applog/attempt_chain.hpp"
#include "sipfo/applog/diagnoser.hpp"
#include "sipfo/applog/event_note.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <iterator>

namespace sipfo::applog {

namespace {

constexpr std::size_t explain_text_limit = 400; // characters of a line kept for --explain

std::string candidate_summary(const Attempt& attempt)
{
  std::string text;
  std::size_t rank = 0;
  for (const Candidate& candidate : attempt.candidates) {
    if (rank == 4) {
      text += ", ...";
      break;
    }
    text += fmt::format("{}{}) {}:{}", rank == 0 ? "" : ", ", rank + 1,
                        candidate.address.empty() ? candidate.target + " (no address)" : candidate.address, candidate.port);
    ++rank;
  }
  return text;
}

// Notes that need the whole attempt: unrelated lookups, the candidate list.
void annotate(Attempt& a)
{
  for (ExplainLine& line : a.explain) {
    if (line.lookup >= 0 && static_cast<std::size_t>(line.lookup) < a.lookups.size() &&
        !a.lookups[static_cast<std::size_t>(line.lookup)].related) {
      line.note += " [not the SIP server: ignored]";
    }
    if (line.line == a.chain_done_line && !a.candidates.empty()) {
      line.note += "; candidates in try order: " + candidate_summary(a);
    }
    if (a.success_inferred && line.line == a.success_line) {
      line.note += ": a candidate, so the registration went ahead (no SIP line confirms it)";
    }
  }
}

} // namespace

LogStory::LogStory(bool snapshot, BuilderLimits limits, Explanations explanations)
  : snapshot_(snapshot), limits_(limits), explanations_(explanations),
    recycler_(limits.attempts_per_boot, 2 * limits.lookups_per_attempt)
{
}

LogStats LogStory::stats_so_far() const
{
  LogStats stats;
  stats.dns_detail = dns_detail_;
  return stats;
}

// ---- boots ---------------------------------------------------------------------

void LogStory::open_boot(std::uint64_t line, BootStart start)
{
  Boot boot;
  boot.first_line = boot.last_line = line;
  boot.start = start;
  report_.boots.push_back(std::move(boot));
  boot_open_ = true;
  for (StoryListener* listener : listeners_) listener->boot_opened();
  while (report_.boots.size() > limits_.boots) {
    if (report_.boots.front().failures > 0) ++report_.failed_boots_dropped;
    ++report_.boots_dropped;
    for (Attempt& attempt : report_.boots.front().attempts) recycler_.give(std::move(attempt));
    report_.boots.pop_front();
  }
}

void LogStory::close_current_boot(const LogStats& stats)
{
  if (!boot_open_) return;
  close_attempt();
  close_boot(boot(), stats);
  boot_open_ = false;
}

void LogStory::begin_new_boot(std::uint64_t line, BootStart start)
{
  if (boot_open_) boot().last_line = line - 1;
  close_current_boot(stats_so_far());
  open_boot(line, start);
}

void LogStory::split_at_second_ready(std::uint64_t line)
{
  Boot& old = boot();
  auto first_after_ready = [&old] {
    for (std::size_t i = 0; i < old.attempts.size(); ++i) {
      if (old.attempts[i].register_line > old.ready_line) return i;
    }
    return old.attempts.size();
  };
  std::size_t first_moved = first_after_ready();
  if (attempt_open_ && first_moved == old.attempts.size()) {
    close_attempt(); // stays in the old boot; closing may drop old attempts
    first_moved = first_after_ready();
  }
  const bool moving_open_attempt = attempt_open_;
  std::deque<Attempt> moved;
  std::uint64_t moved_failures = 0;
  for (std::size_t i = first_moved; i < old.attempts.size(); ++i) {
    const bool is_open = moving_open_attempt && i + 1 == old.attempts.size();
    if (!is_open && !old.attempts[i].failures.empty()) ++moved_failures;
    moved.push_back(std::move(old.attempts[i]));
  }
  old.attempts.erase(old.attempts.begin() + static_cast<std::ptrdiff_t>(first_moved), old.attempts.end());
  old.failures -= std::min(old.failures, moved_failures);
  const std::uint64_t split_line = moved.empty() ? line : moved.front().first_line;
  std::vector<ExplainLine> moved_loose;
  auto keep = std::stable_partition(old.loose.begin(), old.loose.end(),
                                    [&](const ExplainLine& l) { return l.line < split_line; });
  std::move(keep, old.loose.end(), std::back_inserter(moved_loose));
  old.loose.erase(keep, old.loose.end());
  old.last_line = split_line - 1;
  attempt_open_ = false;
  close_boot(old, stats_so_far());
  open_boot(split_line, BootStart::ready_again);
  boot().attempts = std::move(moved);
  boot().failures = moved_failures;
  boot().loose = std::move(moved_loose);
  attempt_open_ = moving_open_attempt;
}

// ---- attempts ------------------------------------------------------------------

Attempt& LogStory::open_attempt(std::uint64_t line)
{
  close_attempt();
  Attempt& attempt = boot().attempts.emplace_back();
  recycler_.fill(attempt);
  attempt.first_line = attempt.last_line = line;
  attempt_open_ = true;
  for (StoryListener* listener : listeners_) listener->attempt_opened();
  return attempt;
}

Attempt& LogStory::attempt_or_open(std::uint64_t line)
{
  Attempt* a = attempt();
  return a != nullptr ? *a : open_attempt(line);
}

const Diagnosis* LogStory::previous_failure()
{
  Boot& b = boot();
  for (std::size_t i = b.attempts.size() - 1; i-- > 0;) {
    if (!b.attempts[i].failures.empty() && b.attempts[i].diagnosis) return &*b.attempts[i].diagnosis;
  }
  return b.last_dropped_failure ? &*b.last_dropped_failure : nullptr;
}

void LogStory::close_attempt()
{
  if (!attempt_open_) return;
  for (StoryListener* listener : listeners_) listener->attempt_closing();
  Attempt& a = boot().attempts.back();
  resolve_chain(a);
  decide_attempt_outcome(a);
  DiagnosisContext context{snapshot_, dns_detail_, previous_failure()};
  a.diagnosis = diagnose_attempt(a, context);
  annotate(a);
  if (!a.failures.empty()) ++boot().failures;
  attempt_open_ = false;
  Boot& b = boot();
  while (b.attempts.size() > limits_.attempts_per_boot) {
    Attempt& oldest = b.attempts.front();
    if (!oldest.failures.empty() && oldest.diagnosis) b.last_dropped_failure = oldest.diagnosis;
    ++b.attempts_dropped;
    recycler_.give(std::move(oldest));
    b.attempts.pop_front();
  }
}

// ---- --explain -----------------------------------------------------------------

void LogStory::explain(std::uint64_t number, const LogLine& line, const Event& event, int lookup, bool loose)
{
  explain(number, line, [&event] { return note_for(event); }, lookup, loose);
}

ExplainLine LogStory::explain_line(std::uint64_t number, const LogLine& line, std::string note, int lookup)
{
  return ExplainLine{number, std::string(line.stamp), std::string(line.module), line.level,
                     std::string(line.text.substr(0, explain_text_limit)), std::move(note), lookup};
}

FileReport LogStory::finish(std::string path, const LogStats& stats)
{
  close_current_boot(stats);
  report_.path = std::move(path);
  report_.snapshot = snapshot_;
  report_.stats = stats;
  decide_verdict(report_);
  return std::move(report_);
}

std::string_view to_string(BootStart start) noexcept
{
  switch (start) {
  case BootStart::file_start: return "file start";
  case BootStart::marker: return "boot marker";
  case BootStart::clock_reset: return "clock reset";
  case BootStart::ready_again: return "second Ready for Call";
  }
  return "file start";
}

} // namespace sipfo::applog
