#include "sipfo/applog/dns_lookup_tracker.hpp"

#include "sipfo/applog/event_note.hpp"

#include "sipfo/util/ip_literal.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::applog {

namespace {

constexpr std::size_t loose_lookup_memory = 8;

// "testserver" for "testserver.example.net": the name minus the search domain, as
// the second cache line of the bulletin's walkthrough shows it.
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

// util::is_ip_literal for a lookup's host, without its copy and inet_pton calls for the
// usual host name: an address is digits and dots (IPv4) or holds a ':' (IPv6).
bool is_address(std::string_view host) noexcept
{
  const bool maybe_address = host.find(':') != std::string_view::npos ||
                             host.find_first_not_of("0123456789.") == std::string_view::npos;
  return maybe_address && util::is_ip_literal(host);
}

bool is_settled(const Attempt& attempt) noexcept
{
  return !attempt.failures.empty() || attempt.explicit_success_line != 0;
}

// "10.0.0.1, 10.0.0.2" -> the addresses, at most `room` more of them.
void add_addresses(std::vector<std::string>& out, std::string_view text, std::size_t limit)
{
  std::size_t at = 0;
  std::size_t taken = 0;
  while (at < text.size() && taken < limit) {
    const std::size_t end = text.find_first_of(", ", at);
    const std::string_view piece = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    if (!piece.empty()) {
      ++taken;
      if (out.size() < limit) out.emplace_back(piece);
    }
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
}

} // namespace

DnsLookupTracker::DnsLookupTracker(LogStory& story, RecordTracker& records, ChainStepTracker& steps)
  : story_(story), records_(records), steps_(steps), cache_(story.limits().cache_entries)
{
}

bool DnsLookupTracker::is_loose(RecordType type, std::string_view host) const
{
  return std::any_of(loose_lookups_.begin(), loose_lookups_.end(),
                     [&](const LooseLookup& l) { return l.type == type && names_match(host, l.name); });
}

int DnsLookupTracker::find_lookup(RecordType type, std::string_view host)
{
  Attempt* a = story_.attempt();
  if (a == nullptr) return -1;
  for (std::size_t i = a->lookups.size(); i-- > 0;) {
    const DnsLookup& lookup = a->lookups[i];
    if (lookup.type == type && names_match(host, lookup.name)) return static_cast<int>(i);
  }
  return -1;
}

// The lookup a result line is about; a lookup whose start is not in the log is
// created (the file may start in the middle of a chain).
int DnsLookupTracker::lookup_for_result(std::uint64_t number, RecordType type, std::string_view host)
{
  int index = find_lookup(type, host);
  if (index >= 0 || is_loose(type, host)) return index;
  Attempt* a = story_.attempt();
  if (a == nullptr) {
    a = &story_.open_attempt(number);
    a->starts_mid_chain = true;
  }
  return add_lookup(*a, type, host, 0);
}

int DnsLookupTracker::add_lookup(Attempt& a, RecordType type, std::string_view host, std::uint64_t start_line)
{
  if (a.lookups.size() >= story_.limits().lookups_per_attempt) {
    ++a.lookups_dropped;
    return -1;
  }
  DnsLookup& lookup = story_.add_lookup(a.lookups);
  lookup.type = type;
  lookup.name.assign(host);
  lookup.start_line = start_line;
  return static_cast<int>(a.lookups.size() - 1);
}

DnsLookup* DnsLookupTracker::lookup_at(int index)
{
  Attempt* a = story_.attempt();
  if (a == nullptr || index < 0 || static_cast<std::size_t>(index) >= a->lookups.size()) return nullptr;
  return &a->lookups[static_cast<std::size_t>(index)];
}

// A chain start after a settled attempt, after a finished chain, or a second NAPTR
// lookup once the first has its result: a new registration attempt.
bool DnsLookupTracker::begins_new_attempt(const Attempt& a, RecordType type) const
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

void DnsLookupTracker::on_lookup_start(std::uint64_t number, const LogLine& line, const Event& event)
{
  const bool after_a_step = steps_.take_a_step();
  if (is_address(event.host)) {
    story_.explain(number, line, event);
    return;
  }
  const bool a_after_step = event.type == RecordType::a && after_a_step;
  const bool chain_start = event.type == RecordType::naptr ||
                           (event.type == RecordType::srv && starts_with_sip_service(event.host)) || a_after_step;
  Attempt* a = story_.attempt();
  if (a != nullptr && chain_start && begins_new_attempt(*a, event.type)) {
    a = &story_.open_attempt(number);
  } else if (a == nullptr) {
    if (!chain_start) {
      loose_lookups_.push_back({event.type, std::string(event.host)});
      if (loose_lookups_.size() > loose_lookup_memory) loose_lookups_.pop_front();
      story_.explain(number, line, [&event] { return note_for(event) + " [outside any registration attempt]"; });
      return;
    }
    a = &story_.open_attempt(number);
  }
  const int index = add_lookup(*a, event.type, event.host, number);
  if (a_after_step && a->a_step_name.empty()) a->a_step_name.assign(event.host);
  if (DnsLookup* lookup = lookup_at(index)) lookup->lines.push_back(number);
  story_.explain(number, line, event, index);
}

template <class Change>
void DnsLookupTracker::result(std::uint64_t number, const LogLine& line, const Event& event, Create create, Change&& change)
{
  const int index =
    create == Create::yes ? lookup_for_result(number, event.type, event.host) : find_lookup(event.type, event.host);
  DnsLookup* lookup = lookup_at(index);
  if (lookup != nullptr) {
    lookup->lines.push_back(number);
    change(*lookup, index);
  }
  const bool short_name_miss =
    event.kind == EventKind::cache_miss && lookup != nullptr && !same_name(lookup->name, event.host);
  auto note = [&event, short_name_miss] {
    if (!short_name_miss) return note_for(event);
    return fmt::format("not cached under the short name {} either (search domain removed): a query follows", event.host);
  };
  story_.explain(number, line, note, index, lookup == nullptr && is_loose(event.type, event.host));
}

void DnsLookupTracker::on_cache_miss(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::no, [](DnsLookup& lookup, int) {
    if (lookup.cache == CacheUse::none) lookup.cache = CacheUse::miss;
  });
}

void DnsLookupTracker::on_cache_hit(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::yes, [&](DnsLookup& lookup, int) {
    lookup.cache = CacheUse::hit;
    lookup.outcome = DnsOutcome::answered;
    lookup.cache_expires = event.number;
    lookup.result_line = number;
    if (const auto* entry = cache_.find(lookup.type, lookup.name); entry != nullptr && !entry->negative) {
      lookup.naptr = entry->answer.naptr;
      lookup.srv = entry->answer.srv;
      lookup.addresses = entry->answer.addresses;
    }
  });
}

void DnsLookupTracker::on_negative_cache_hit(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::yes, [&](DnsLookup& lookup, int) {
    lookup.cache = CacheUse::negative_hit;
    lookup.outcome = DnsOutcome::negative_cache;
    lookup.cache_expires = event.number;
    lookup.result_line = number;
    if (const auto* entry = cache_.find(lookup.type, lookup.name); entry != nullptr && entry->negative) {
      lookup.negative_source_line = entry->line;
    }
  });
}

void DnsLookupTracker::on_negative_cache_added(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::yes, [&](DnsLookup& lookup, int) {
    lookup.negative_ttl = event.number;
    cache_.remember(lookup, true, number);
  });
}

void DnsLookupTracker::on_cache_added(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::yes, [&](DnsLookup& lookup, int) {
    if (lookup.ttl < 0) lookup.ttl = event.number;
    cache_.remember(lookup, false, number);
  });
}

void DnsLookupTracker::on_cache_found(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::no, [](DnsLookup&, int) {});
}

void DnsLookupTracker::on_cache_retained(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::no, [](DnsLookup&, int) {});
}

void DnsLookupTracker::on_no_answer(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::yes, [&](DnsLookup& lookup, int) {
    lookup.server_gave_no_answer = true;
    if (lookup.result_line == 0) lookup.result_line = number;
  });
}

void DnsLookupTracker::on_error_code(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::yes, [&](DnsLookup& lookup, int) {
    lookup.error_code = event.number;
    lookup.outcome = outcome_of_error_code(event.number);
    lookup.result_line = number;
  });
}

void DnsLookupTracker::on_lookup_no_match(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::yes, [&](DnsLookup& lookup, int) {
    if (lookup.outcome == DnsOutcome::pending) {
      lookup.outcome = DnsOutcome::failed;
      lookup.result_line = number;
    }
  });
}

// An A answer carries its addresses; a NAPTR or SRV answer's records follow it.
void DnsLookupTracker::on_answer(std::uint64_t number, const LogLine& line, const Event& event)
{
  result(number, line, event, Create::yes, [&](DnsLookup& lookup, int index) {
    lookup.outcome = DnsOutcome::answered;
    lookup.ttl = event.number;
    lookup.result_line = number;
    if (lookup.type == RecordType::a || lookup.type == RecordType::aaaa) {
      add_addresses(lookup.addresses, event.address, story_.limits().records_per_lookup);
    } else {
      records_.answer_of(index);
    }
  });
}

} // namespace sipfo::applog
