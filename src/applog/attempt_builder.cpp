#include "sipfo/applog/attempt_builder.hpp"

#include "sipfo/applog/attempt_chain.hpp"
#include "sipfo/applog/diagnoser.hpp"
#include "sipfo/applog/event_note.hpp"
#include "sipfo/applog/time_format.hpp"

#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>

namespace sipfo::applog {

namespace {

constexpr std::size_t explain_text_limit = 400; // characters of a line kept for --explain
constexpr std::size_t used_address_limit = 16;
constexpr std::size_t failure_limit = 32;
constexpr std::size_t step_limit = 64;
constexpr std::size_t loose_lookup_memory = 8;
constexpr std::int64_t clock_reset_slack_ms = 1000; // type-0 stamps may jitter a little

// What the log shows of the phone's DNS cache, to fill answers served from it.
struct CacheEntry {
  RecordType type = RecordType::none;
  std::string name;
  bool negative = false;
  std::uint64_t line = 0;
  std::vector<NaptrRecord> naptr;
  std::vector<SrvRecord> srv;
  std::vector<std::string> addresses;
};

struct LooseLookup {
  RecordType type = RecordType::none;
  std::string name;
};

// "testserver" for "testserver.example.net": the name minus the search domain, as the
// second cache line of seed 000 shows it.
bool is_short_of(std::string_view short_name, std::string_view name) noexcept
{
  if (short_name.empty() || name.size() <= short_name.size()) return false;
  return name[short_name.size()] == '.' && util::iequals(name.substr(0, short_name.size()), short_name);
}

bool names_match(std::string_view logged, std::string_view name) noexcept
{
  return same_name(logged, name) || is_short_of(logged, name);
}

bool starts_with_sip_service(std::string_view name) noexcept
{
  return name.size() > 4 && util::iequals(name.substr(0, 4), "_sip");
}

bool is_settled(const Attempt& attempt) noexcept
{
  return !attempt.failures.empty() || attempt.explicit_success_line != 0;
}

std::vector<std::string> split_addresses(std::string_view text, std::size_t limit)
{
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size() && out.size() < limit) {
    const std::size_t end = text.find_first_of(", ", at);
    const std::string_view piece = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    if (!piece.empty()) out.emplace_back(piece);
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return out;
}

void set_naptr_field(NaptrRecord& record, const Event& event)
{
  const std::string_view field = event.address;
  if (field == "order") record.order = event.number;
  else if (field == "preference") record.preference = event.number;
  else if (field == "flags") record.flags = event.detail;
  else if (field == "service") record.service = event.detail;
  else if (field == "regexp") record.regexp = event.detail;
  else if (field == "replacement") record.replacement = event.detail;
}

void set_srv_field(SrvRecord& record, const Event& event)
{
  const std::string_view field = event.address;
  if (field == "target:port") {
    record.target = event.host;
    record.port = event.number;
  } else if (field == "priority") {
    record.priority = event.number;
  } else if (field == "weight") {
    record.weight = event.number;
  }
}

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

} // namespace

struct AttemptBuilder::State {
  bool snapshot = false;
  BuilderLimits limits;
  FileReport report;
  bool boot_open = false;
  bool attempt_open = false;
  int records_lookup = -1; // lookup of the current attempt that receives record lines
  std::optional<NaptrRecord> pending_naptr;
  bool a_step_pending = false;
  std::optional<std::int64_t> last_since_boot;
  std::deque<CacheEntry> cache;
  std::deque<LooseLookup> loose_lookups;
  std::uint64_t dns_detail = 0;

  Boot& boot() { return report.boots.back(); }
  Attempt* attempt() { return attempt_open ? &boot().attempts.back() : nullptr; }

  LogStats stats_so_far() const
  {
    LogStats stats;
    stats.dns_detail = dns_detail;
    return stats;
  }

  // ---- boots -------------------------------------------------------------------

  void open_boot(std::uint64_t line, BootStart start)
  {
    Boot boot;
    boot.first_line = boot.last_line = line;
    boot.start = start;
    report.boots.push_back(std::move(boot));
    boot_open = true;
    last_since_boot.reset();
    while (report.boots.size() > limits.boots) {
      if (report.boots.front().failures > 0) ++report.failed_boots_dropped;
      ++report.boots_dropped;
      report.boots.pop_front();
    }
  }

  void close_current_boot(const LogStats& stats)
  {
    if (!boot_open) return;
    close_attempt();
    close_boot(boot(), stats);
    boot_open = false;
  }

  void begin_new_boot(std::uint64_t line, BootStart start)
  {
    if (boot_open) boot().last_line = line - 1;
    close_current_boot(stats_so_far());
    open_boot(line, start);
  }

  // A second "Ready for Call" in one boot: the phone rebooted in between. The new
  // boot starts at the first "Sip Register" after the previous Ready for Call (the
  // register line is always rendered), or at this line when there is none.
  void split_at_second_ready(std::uint64_t line)
  {
    Boot& old = boot();
    auto first_after_ready = [&old] {
      for (std::size_t i = 0; i < old.attempts.size(); ++i) {
        if (old.attempts[i].register_line > old.ready_line) return i;
      }
      return old.attempts.size();
    };
    std::size_t first_moved = first_after_ready();
    if (attempt_open && first_moved == old.attempts.size()) {
      close_attempt(); // stays in the old boot; closing may drop old attempts
      first_moved = first_after_ready();
    }
    const bool moving_open_attempt = attempt_open;
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
    attempt_open = false;
    close_boot(old, stats_so_far());
    open_boot(split_line, BootStart::ready_again);
    boot().attempts = std::move(moved);
    boot().failures = moved_failures;
    boot().loose = std::move(moved_loose);
    attempt_open = moving_open_attempt;
  }

  // ---- attempts ----------------------------------------------------------------

  Attempt& open_attempt(std::uint64_t line)
  {
    close_attempt();
    Attempt attempt;
    attempt.first_line = attempt.last_line = line;
    boot().attempts.push_back(std::move(attempt));
    attempt_open = true;
    records_lookup = -1;
    pending_naptr.reset();
    return boot().attempts.back();
  }

  const Diagnosis* previous_failure()
  {
    Boot& b = boot();
    for (std::size_t i = b.attempts.size() - 1; i-- > 0;) {
      if (!b.attempts[i].failures.empty() && b.attempts[i].diagnosis) return &*b.attempts[i].diagnosis;
    }
    return b.last_dropped_failure ? &*b.last_dropped_failure : nullptr;
  }

  void close_attempt()
  {
    if (!attempt_open) return;
    commit_naptr();
    Attempt& a = boot().attempts.back();
    resolve_chain(a);
    decide_attempt_outcome(a);
    DiagnosisContext context{snapshot, dns_detail, previous_failure()};
    a.diagnosis = diagnose_attempt(a, context);
    annotate(a);
    if (!a.failures.empty()) ++boot().failures;
    attempt_open = false;
    records_lookup = -1;
    Boot& b = boot();
    while (b.attempts.size() > limits.attempts_per_boot) {
      Attempt& oldest = b.attempts.front();
      if (!oldest.failures.empty() && oldest.diagnosis) b.last_dropped_failure = oldest.diagnosis;
      ++b.attempts_dropped;
      b.attempts.pop_front();
    }
  }

  // Notes that need the whole attempt: unrelated lookups, the candidate list.
  static void annotate(Attempt& a)
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

  // ---- explain -----------------------------------------------------------------

  void explain(std::uint64_t number, const LogLine& line, std::string note, int lookup = -1, bool loose = false)
  {
    ExplainLine entry{number, std::string(line.stamp), std::string(line.module), line.level,
                      std::string(line.text.substr(0, explain_text_limit)), std::move(note), lookup};
    Attempt* a = loose ? nullptr : attempt();
    if (a != nullptr) {
      a->last_line = number;
      if (a->explain.size() < limits.explain_per_attempt) a->explain.push_back(std::move(entry));
      else ++a->explain_dropped;
      return;
    }
    Boot& b = boot();
    if (b.loose.size() < limits.loose_per_boot) b.loose.push_back(std::move(entry));
  }

  // ---- lookups -----------------------------------------------------------------

  bool is_loose(RecordType type, std::string_view host) const
  {
    return std::any_of(loose_lookups.begin(), loose_lookups.end(),
                       [&](const LooseLookup& l) { return l.type == type && names_match(host, l.name); });
  }

  int find_lookup(RecordType type, std::string_view host)
  {
    Attempt* a = attempt();
    if (a == nullptr) return -1;
    for (std::size_t i = a->lookups.size(); i-- > 0;) {
      const DnsLookup& lookup = a->lookups[i];
      if (lookup.type == type && names_match(host, lookup.name)) return static_cast<int>(i);
    }
    return -1;
  }

  // The lookup a result line is about; a lookup whose start is not in the log is
  // created (the file may start in the middle of a chain).
  int lookup_for_result(std::uint64_t number, RecordType type, std::string_view host)
  {
    int index = find_lookup(type, host);
    if (index >= 0 || is_loose(type, host)) return index;
    Attempt* a = attempt();
    if (a == nullptr) {
      a = &open_attempt(number);
      a->starts_mid_chain = true;
    }
    return add_lookup(*a, type, host, 0);
  }

  int add_lookup(Attempt& a, RecordType type, std::string_view host, std::uint64_t start_line)
  {
    if (a.lookups.size() >= limits.lookups_per_attempt) {
      ++a.lookups_dropped;
      return -1;
    }
    DnsLookup lookup;
    lookup.type = type;
    lookup.name = std::string(host);
    lookup.start_line = start_line;
    a.lookups.push_back(std::move(lookup));
    return static_cast<int>(a.lookups.size() - 1);
  }

  DnsLookup* lookup_at(int index)
  {
    Attempt* a = attempt();
    if (a == nullptr || index < 0 || static_cast<std::size_t>(index) >= a->lookups.size()) return nullptr;
    return &a->lookups[static_cast<std::size_t>(index)];
  }

  bool begins_new_attempt(const Attempt& a, RecordType type) const
  {
    if (is_settled(a)) return true;
    if (a.chain_done_line != 0 && type != RecordType::a) return true;
    if (type == RecordType::naptr) {
      return std::any_of(a.lookups.begin(), a.lookups.end(), [](const DnsLookup& l) {
        return l.type == RecordType::naptr && l.outcome != DnsOutcome::pending;
      });
    }
    return false;
  }

  void on_lookup_start(std::uint64_t number, const LogLine& line, const Event& event)
  {
    if (is_ip_literal(event.host)) {
      a_step_pending = false;
      explain(number, line, note_for(event));
      return;
    }
    const bool after_a_step = event.type == RecordType::a && a_step_pending;
    const bool chain_start = event.type == RecordType::naptr ||
                             (event.type == RecordType::srv && starts_with_sip_service(event.host)) || after_a_step;
    a_step_pending = false;
    Attempt* a = attempt();
    if (a != nullptr && chain_start && begins_new_attempt(*a, event.type)) {
      a = &open_attempt(number);
    } else if (a == nullptr) {
      if (!chain_start) {
        loose_lookups.push_back({event.type, std::string(event.host)});
        if (loose_lookups.size() > loose_lookup_memory) loose_lookups.pop_front();
        explain(number, line, note_for(event) + " [outside any registration attempt]");
        return;
      }
      a = &open_attempt(number);
    }
    const int index = add_lookup(*a, event.type, event.host, number);
    if (after_a_step && a->a_step_name.empty()) a->a_step_name = std::string(event.host);
    if (DnsLookup* lookup = lookup_at(index)) lookup->lines.push_back(number);
    explain(number, line, note_for(event), index);
  }

  CacheEntry* cache_entry(RecordType type, std::string_view name)
  {
    for (auto it = cache.rbegin(); it != cache.rend(); ++it) {
      if (it->type == type && same_name(it->name, name)) return &*it;
    }
    return nullptr;
  }

  void remember(const DnsLookup& lookup, bool negative, std::uint64_t line)
  {
    CacheEntry entry{lookup.type, lookup.name, negative, line, lookup.naptr, lookup.srv, lookup.addresses};
    cache.push_back(std::move(entry));
    if (cache.size() > limits.cache_entries) cache.pop_front();
  }

  void on_lookup_event(std::uint64_t number, const LogLine& line, const Event& event)
  {
    const bool creates = event.kind != EventKind::cache_found && event.kind != EventKind::cache_retained &&
                         event.kind != EventKind::cache_miss;
    const int index = creates ? lookup_for_result(number, event.type, event.host) : find_lookup(event.type, event.host);
    DnsLookup* lookup = lookup_at(index);
    if (lookup != nullptr) {
      lookup->lines.push_back(number);
      apply(*lookup, index, number, event);
    }
    std::string note = note_for(event);
    if (event.kind == EventKind::cache_miss && lookup != nullptr && !same_name(lookup->name, event.host)) {
      note = fmt::format("not cached under the short name {} either (search domain removed): a query follows", event.host);
    }
    explain(number, line, std::move(note), index, lookup == nullptr && is_loose(event.type, event.host));
  }

  void apply(DnsLookup& lookup, int index, std::uint64_t number, const Event& event)
  {
    switch (event.kind) {
    case EventKind::cache_miss:
      if (lookup.cache == CacheUse::none) lookup.cache = CacheUse::miss;
      break;
    case EventKind::cache_hit:
      lookup.cache = CacheUse::hit;
      lookup.outcome = DnsOutcome::answered;
      lookup.cache_expires = event.number;
      lookup.result_line = number;
      if (const CacheEntry* entry = cache_entry(lookup.type, lookup.name); entry != nullptr && !entry->negative) {
        lookup.naptr = entry->naptr;
        lookup.srv = entry->srv;
        lookup.addresses = entry->addresses;
      }
      break;
    case EventKind::negative_cache_hit:
      lookup.cache = CacheUse::negative_hit;
      lookup.outcome = DnsOutcome::negative_cache;
      lookup.cache_expires = event.number;
      lookup.result_line = number;
      if (const CacheEntry* entry = cache_entry(lookup.type, lookup.name); entry != nullptr && entry->negative) {
        lookup.negative_source_line = entry->line;
      }
      break;
    case EventKind::negative_cache_added:
      lookup.negative_ttl = event.number;
      remember(lookup, true, number);
      break;
    case EventKind::cache_added:
      if (lookup.ttl < 0) lookup.ttl = event.number;
      remember(lookup, false, number);
      break;
    case EventKind::no_answer:
      lookup.server_gave_no_answer = true;
      if (lookup.result_line == 0) lookup.result_line = number;
      break;
    case EventKind::error_code:
      lookup.error_code = event.number;
      lookup.outcome = outcome_of_error_code(event.number);
      lookup.result_line = number;
      break;
    case EventKind::lookup_no_match:
      if (lookup.outcome == DnsOutcome::pending) {
        lookup.outcome = DnsOutcome::failed;
        lookup.result_line = number;
      }
      break;
    case EventKind::answer:
      lookup.outcome = DnsOutcome::answered;
      lookup.ttl = event.number;
      lookup.result_line = number;
      if (lookup.type == RecordType::a || lookup.type == RecordType::aaaa) {
        for (std::string& address : split_addresses(event.address, limits.records_per_lookup)) {
          if (lookup.addresses.size() < limits.records_per_lookup) lookup.addresses.push_back(std::move(address));
        }
      } else {
        commit_naptr();
        records_lookup = index;
      }
      break;
    default: break;
    }
  }

  // ---- records -----------------------------------------------------------------

  void commit_naptr()
  {
    if (!pending_naptr) return;
    if (DnsLookup* lookup = lookup_at(records_lookup);
        lookup != nullptr && lookup->naptr.size() < limits.records_per_lookup) {
      lookup->naptr.push_back(std::move(*pending_naptr));
    }
    pending_naptr.reset();
  }

  void on_record_event(std::uint64_t number, const LogLine& line, const Event& event)
  {
    DnsLookup* lookup = lookup_at(records_lookup);
    switch (event.kind) {
    case EventKind::naptr_field:
      if (pending_naptr && event.address == "order" && pending_naptr->order >= 0) commit_naptr();
      if (!pending_naptr) pending_naptr.emplace();
      set_naptr_field(*pending_naptr, event);
      break;
    case EventKind::naptr_added:
      if (pending_naptr) pending_naptr->line = number;
      commit_naptr();
      break;
    case EventKind::srv_added:
      if (lookup != nullptr && lookup->srv.size() < limits.records_per_lookup) {
        lookup->srv.push_back(SrvRecord{{}, -1, -1, -1, number});
      }
      break;
    case EventKind::srv_field:
      if (lookup != nullptr && !lookup->srv.empty()) set_srv_field(lookup->srv.back(), event);
      break;
    default: break;
    }
    if (lookup != nullptr) lookup->lines.push_back(number);
    explain(number, line, note_for(event), records_lookup);
  }

  // ---- DNS steps between lookups -------------------------------------------------

  Attempt& attempt_or_open(std::uint64_t number)
  {
    Attempt* a = attempt();
    return a != nullptr ? *a : open_attempt(number);
  }

  void on_dns_step(std::uint64_t number, const LogLine& line, const Event& event)
  {
    switch (event.kind) {
    case EventKind::srv_to_a: {
      Attempt& a = attempt_or_open(number);
      if (a.srv_to_a.size() < limits.records_per_lookup) {
        a.srv_to_a.push_back(SrvToA{std::string(event.host), event.number, number});
      }
      break;
    }
    case EventKind::srv_to_a_done:
      if (event.detail.substr(0, 2) == "OK") attempt_or_open(number).chain_done_line = number;
      break;
    case EventKind::srv_fallback: attempt_or_open(number).transport = transport_from(event.address); break;
    case EventKind::a_lookup_step: {
      Attempt* a = attempt();
      if (a == nullptr || is_settled(*a)) a = &open_attempt(number);
      a_step_pending = true;
      a->transport = transport_from(event.address);
      const bool no_srv_yet = std::none_of(a->lookups.begin(), a->lookups.end(), [](const DnsLookup& l) {
        return l.type == RecordType::naptr || l.type == RecordType::srv;
      });
      if (no_srv_yet && event.number > 0 && a->a_step_line == 0) {
        a->explicit_port = event.number;
        a->a_step_line = number;
      }
      break;
    }
    case EventKind::passed_in_address:
      if (Attempt* a = attempt(); a != nullptr && a->used_addresses.size() < used_address_limit) {
        a->used_addresses.push_back(UsedAddress{number, std::string(event.address)});
      }
      break;
    default: break;
    }
    explain(number, line, note_for(event));
  }

  // ---- SIP ---------------------------------------------------------------------

  void on_register_start(std::uint64_t number, const Event& event)
  {
    Attempt* a = attempt();
    const bool adopt = a != nullptr && a->register_line == 0 && !is_settled(*a) && a->chain_done_line == 0;
    if (!adopt) a = &open_attempt(number);
    a->register_line = number;
    a->user = std::string(event.host);
    a->line_index = event.number;
  }

  void add_failure(Attempt& a, SipFailure failure)
  {
    if (a.failures.size() < failure_limit) a.failures.push_back(std::move(failure));
    else a.failures.back() = std::move(failure);
  }

  void add_step(Attempt& a, std::uint64_t number, std::string summary)
  {
    if (a.sip_steps.size() < step_limit) a.sip_steps.push_back(SipStep{number, std::move(summary)});
  }

  void on_sip(std::uint64_t number, const LogLine& line, const Event& event)
  {
    switch (event.kind) {
    case EventKind::register_start: on_register_start(number, event); break;
    case EventKind::naptr_empty: {
      Attempt& a = attempt_or_open(number);
      a.reported_host = std::string(event.host);
      a.naptr_empty_line = number;
      break;
    }
    case EventKind::no_address: {
      Attempt& a = attempt_or_open(number);
      a.reported_host = std::string(event.host);
      a.no_address_line = number;
      a.transport = transport_from(event.address);
      break;
    }
    case EventKind::registration_failed:
      add_failure(attempt_or_open(number),
                  SipFailure{number, event.number, std::string(event.detail), std::string(event.host), {}});
      break;
    case EventKind::register_timeout:
      add_failure(attempt_or_open(number), SipFailure{number, 408, "Request Timeout (no answer)",
                                                      std::string(event.host), std::string(event.address)});
      break;
    case EventKind::registration_ok: {
      Attempt& a = attempt_or_open(number);
      a.explicit_success_line = number;
      a.explicit_server = std::string(event.address);
      break;
    }
    case EventKind::register_response: {
      Attempt& a = attempt_or_open(number);
      if (event.number >= 200 && event.number < 300) {
        a.explicit_success_line = number;
        a.explicit_server = std::string(event.address);
      }
      add_step(a, number, fmt::format("{} {} from {}", event.number, event.detail, event.address));
      break;
    }
    case EventKind::register_request:
      add_step(attempt_or_open(number), number, fmt::format("REGISTER to {} ({})", event.address, event.detail));
      break;
    case EventKind::server_failover:
    case EventKind::server_failback:
      add_step(attempt_or_open(number), number,
               fmt::format("{} {} -> {}", event.kind == EventKind::server_failover ? "failover" : "failback",
                           event.address, event.detail));
      break;
    default: break;
    }
    explain(number, line, note_for(event));
  }

  void on_boot_event(std::uint64_t number, const LogLine& line, const Event& event)
  {
    if (event.kind == EventKind::boot_marker) {
      Boot& b = boot();
      if (!b.attempts.empty() || !b.loose.empty() || b.attempts_dropped > 0) begin_new_boot(number, BootStart::marker);
      else b.start = BootStart::marker;
    } else {
      if (boot().ready_line != 0) split_at_second_ready(number);
      boot().ready_line = number;
      boot().uptime = std::string(event.detail);
    }
    explain(number, line, note_for(event), -1, true);
  }

  void dispatch(std::uint64_t number, const LogLine& line, const Event& event)
  {
    switch (event.kind) {
    case EventKind::lookup_start: on_lookup_start(number, line, event); break;
    case EventKind::lookup_no_match:
    case EventKind::cache_miss:
    case EventKind::cache_hit:
    case EventKind::negative_cache_hit:
    case EventKind::negative_cache_added:
    case EventKind::cache_added:
    case EventKind::cache_found:
    case EventKind::cache_retained:
    case EventKind::no_answer:
    case EventKind::error_code:
    case EventKind::answer: on_lookup_event(number, line, event); break;
    case EventKind::record_list:
    case EventKind::naptr_field:
    case EventKind::naptr_added:
    case EventKind::srv_added:
    case EventKind::srv_field: on_record_event(number, line, event); break;
    case EventKind::srv_to_a:
    case EventKind::srv_to_a_done:
    case EventKind::srv_fallback:
    case EventKind::a_lookup_step:
    case EventKind::port_kept:
    case EventKind::passed_in_address: on_dns_step(number, line, event); break;
    case EventKind::ready_for_call:
    case EventKind::boot_marker: on_boot_event(number, line, event); break;
    default: on_sip(number, line, event); break;
    }
  }
};

AttemptBuilder::AttemptBuilder(bool snapshot, BuilderLimits limits) : state_(std::make_unique<State>())
{
  state_->snapshot = snapshot;
  state_->limits = limits;
}

AttemptBuilder::~AttemptBuilder() = default;

void AttemptBuilder::add(std::uint64_t number, const LogLine& line, const std::optional<Event>& event,
                         std::uint64_t dns_detail_so_far)
{
  State& s = *state_;
  s.dns_detail = dns_detail_so_far;
  if (!s.boot_open) s.open_boot(number, BootStart::file_start);
  if (auto ms = since_boot_ms(line.stamp)) {
    if (s.last_since_boot && *ms + clock_reset_slack_ms < *s.last_since_boot) {
      s.begin_new_boot(number, BootStart::clock_reset);
    }
    s.last_since_boot = ms;
  }
  s.boot().last_line = number;
  if (event) s.dispatch(number, line, *event);
}

FileReport AttemptBuilder::finish(std::string path, const LogStats& stats)
{
  State& s = *state_;
  s.close_current_boot(stats);
  s.report.path = std::move(path);
  s.report.snapshot = s.snapshot;
  s.report.stats = stats;
  decide_verdict(s.report);
  return std::move(s.report);
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
