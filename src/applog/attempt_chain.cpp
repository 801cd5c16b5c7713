#include "sipfo/applog/attempt_chain.hpp"

#include "sipfo/util/suggest.hpp"

#include <algorithm>

namespace sipfo::applog {

namespace {

bool starts_with_sip_service(std::string_view name) noexcept
{
  return name.size() >= 4 && util::iequals(name.substr(0, 4), "_sip");
}

bool ends_with_name(std::string_view name, std::string_view suffix) noexcept
{
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (!suffix.empty() && suffix.back() == '.') suffix.remove_suffix(1);
  if (suffix.empty() || name.size() <= suffix.size()) return false;
  return name[name.size() - suffix.size() - 1] == '.' && util::iequals(name.substr(name.size() - suffix.size()), suffix);
}

// "_sip._udp.example.test" -> "example.test": drops the leading "_" labels.
std::string_view strip_service_labels(std::string_view name)
{
  while (!name.empty() && name.front() == '_') {
    const std::size_t dot = name.find('.');
    if (dot == std::string_view::npos) return {};
    name.remove_prefix(dot + 1);
  }
  return name;
}

// A view into the attempt's own strings (never into configured_name): the caller
// assigns it, reusing the name's buffer instead of a new string per attempt.
std::string_view configured_name_of(const Attempt& attempt)
{
  if (!attempt.reported_host.empty()) return attempt.reported_host;
  for (const DnsLookup& lookup : attempt.lookups) {
    if (lookup.type == RecordType::naptr) return lookup.name;
  }
  for (const DnsLookup& lookup : attempt.lookups) {
    if (lookup.type == RecordType::srv && starts_with_sip_service(lookup.name)) {
      const std::string_view base = strip_service_labels(lookup.name);
      if (!base.empty()) return base;
    }
  }
  if (!attempt.a_step_name.empty()) return attempt.a_step_name;
  for (const DnsLookup& lookup : attempt.lookups) {
    if (lookup.type == RecordType::a) return lookup.name;
  }
  return {};
}

bool is_srv_target(const Attempt& attempt, std::string_view name)
{
  for (const SrvToA& step : attempt.srv_to_a) {
    if (same_name(step.target, name)) return true;
  }
  for (const DnsLookup& lookup : attempt.lookups) {
    if (lookup.type != RecordType::srv || !lookup.related) continue;
    for (const SrvRecord& record : lookup.srv) {
      if (same_name(record.target, name)) return true;
    }
  }
  return false;
}

void mark_related(Attempt& attempt)
{
  const std::string& root = attempt.configured_name;
  for (DnsLookup& lookup : attempt.lookups) {
    switch (lookup.type) {
    case RecordType::naptr: lookup.related = root.empty() || same_name(lookup.name, root); break;
    case RecordType::srv:
      lookup.related = starts_with_sip_service(lookup.name) || ends_with_name(lookup.name, root) || root.empty();
      break;
    default: lookup.related = false; break;
    }
  }
  for (DnsLookup& lookup : attempt.lookups) {
    if (lookup.type == RecordType::a || lookup.type == RecordType::aaaa) {
      lookup.related = same_name(lookup.name, root) || is_srv_target(attempt, lookup.name);
    }
  }
}

const DnsLookup* last_answer(const Attempt& attempt, RecordType type, std::string_view name)
{
  const DnsLookup* found = nullptr;
  for (const DnsLookup& lookup : attempt.lookups) {
    if (lookup.related && lookup.type == type && same_name(lookup.name, name) && lookup.outcome == DnsOutcome::answered) {
      found = &lookup;
    }
  }
  return found;
}

void add_target(Attempt& attempt, const std::string& target, std::int64_t port, Transport transport,
                std::int64_t priority, std::int64_t weight, std::uint64_t line)
{
  const DnsLookup* a = last_answer(attempt, RecordType::a, target);
  Candidate candidate{target, {}, port, transport, priority, weight, line};
  if (a == nullptr || a->addresses.empty()) {
    attempt.candidates.push_back(candidate);
    return;
  }
  for (const std::string& address : a->addresses) {
    candidate.address = address;
    candidate.line = a->result_line;
    attempt.candidates.push_back(candidate);
  }
}

// Whether SRV record `a` is tried before `b` (RFC 2782 order as the phone uses it).
bool tried_before(const SrvRecord& a, const SrvRecord& b) noexcept
{
  if (a.priority != b.priority) return a.priority < b.priority;
  return a.weight > b.weight;
}

thread_local std::vector<const SrvRecord*> srv_order; // one per parsing thread, reused

const DnsLookup* srv_with_records(const Attempt& attempt)
{
  const DnsLookup* found = nullptr;
  for (const DnsLookup& lookup : attempt.lookups) {
    if (lookup.related && lookup.type == RecordType::srv && !lookup.srv.empty()) found = &lookup;
  }
  return found;
}

void build_candidates(Attempt& attempt)
{
  attempt.candidates.clear();
  const Transport fallback = attempt.transport.value_or(Transport::udp);
  if (const DnsLookup* srv = srv_with_records(attempt)) {
    // Try order: priority up, weight down, log order on ties. An insertion sort of
    // pointers: stable like std::stable_sort, without its copy and buffer per attempt
    // (the records of one lookup are bounded, BuilderLimits::records_per_lookup).
    std::vector<const SrvRecord*>& order = srv_order;
    order.clear();
    for (const SrvRecord& record : srv->srv) {
      auto at = order.end();
      while (at != order.begin() && tried_before(record, **(at - 1))) --at;
      order.insert(at, &record);
    }
    const Transport transport = transport_from(srv->name);
    for (const SrvRecord* record : order) {
      add_target(attempt, record->target, record->port < 0 ? default_port(transport) : record->port, transport,
                 record->priority, record->weight, record->line);
    }
    return;
  }
  if (!attempt.srv_to_a.empty()) {
    for (const SrvToA& step : attempt.srv_to_a) {
      add_target(attempt, step.target, step.port < 0 ? default_port(fallback) : step.port, fallback, -1, -1, step.line);
    }
    return;
  }
  if (!attempt.configured_name.empty() && last_answer(attempt, RecordType::a, attempt.configured_name) != nullptr) {
    const std::int64_t port = attempt.explicit_port > 0 ? attempt.explicit_port : default_port(fallback);
    add_target(attempt, attempt.configured_name, port, fallback, -1, -1, 0);
  }
}

bool is_candidate_address(const Attempt& attempt, std::string_view address)
{
  return std::any_of(attempt.candidates.begin(), attempt.candidates.end(),
                     [&](const Candidate& c) { return !c.address.empty() && c.address == address; });
}

std::uint64_t last_failure_line(const Attempt& attempt) noexcept
{
  return attempt.failures.empty() ? 0 : attempt.failures.back().line;
}

} // namespace

void resolve_chain(Attempt& attempt)
{
  attempt.configured_name.assign(configured_name_of(attempt));
  mark_related(attempt);
  if (!attempt.transport) {
    for (const DnsLookup& lookup : attempt.lookups) {
      if (lookup.related && lookup.type == RecordType::srv) attempt.transport = transport_from(lookup.name);
    }
  }
  build_candidates(attempt);
  if (attempt.chain_done_line == 0 && !attempt.configured_name.empty()) {
    if (const DnsLookup* a = last_answer(attempt, RecordType::a, attempt.configured_name)) {
      attempt.chain_done_line = a->result_line;
    }
  }
}

void decide_attempt_outcome(Attempt& attempt)
{
  attempt.success_line = attempt.explicit_success_line;
  attempt.success_inferred = false;
  if (attempt.explicit_success_line != 0) {
    attempt.active = attempt.explicit_server;
  } else if (attempt.chain_done_line != 0) {
    // applog-format.md §7: the name resolved and the phone then used one of the
    // addresses ("returning passed in ipAddress"), with no failure after it.
    for (const UsedAddress& used : attempt.used_addresses) {
      if (used.line > attempt.chain_done_line && is_candidate_address(attempt, used.address)) {
        attempt.success_line = used.line;
        attempt.success_inferred = true;
        attempt.active = used.address;
        break;
      }
    }
  }
  const std::uint64_t failure = last_failure_line(attempt);
  if (attempt.success_line != 0 && attempt.success_line > failure) {
    attempt.outcome = Outcome::registered;
  } else if (failure != 0) {
    attempt.outcome = Outcome::failed;
    if (attempt.success_inferred) {
      attempt.success_line = 0;
      attempt.success_inferred = false;
      attempt.active.clear();
    }
  } else {
    attempt.outcome = Outcome::unknown;
  }
}

std::uint64_t last_outcome_line(const Attempt& attempt) noexcept
{
  return std::max(attempt.success_line, last_failure_line(attempt));
}

std::string_view to_string(Outcome outcome) noexcept
{
  switch (outcome) {
  case Outcome::registered: return "registered";
  case Outcome::failed: return "failed";
  case Outcome::unknown: return "unknown";
  }
  return "unknown";
}

} // namespace sipfo::applog
