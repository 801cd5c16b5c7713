#include "sipfo/applog/event_classifier.hpp"

#include "text_pattern.hpp"

#include <array>

namespace sipfo::applog {

namespace {

using Captures = std::array<std::string_view, 4>;

std::int64_t number_or(std::string_view text, std::int64_t fallback = -1) noexcept
{
  return parse_number(text).value_or(fallback);
}

// "name(TYPE)" -> name and type; the type is what the last parentheses hold.
void split_name_type(std::string_view text, Event& event) noexcept
{
  const std::size_t open = text.rfind('(');
  if (open == std::string_view::npos || text.empty() || text.back() != ')') {
    event.host = text;
    return;
  }
  event.host = text.substr(0, open);
  event.type = parse_record_type(text.substr(open + 1, text.size() - open - 2));
}

// "key 'value'" with the value up to the last quote (values may hold quotes).
std::optional<std::string_view> quoted_value(std::string_view text, std::string_view key) noexcept
{
  if (text.size() < key.size() + 3 || text.substr(0, key.size()) != key) return std::nullopt;
  const std::string_view rest = text.substr(key.size());
  if (rest.substr(0, 2) != " '" || rest.back() != '\'') return std::nullopt;
  return rest.substr(2, rest.size() - 3);
}

Event make(EventKind kind) noexcept
{
  Event event;
  event.kind = kind;
  return event;
}

std::optional<Event> classify_cache(std::string_view text) noexcept
{
  Captures c;
  struct Shape {
    std::string_view pattern;
    EventKind kind;
  };
  static constexpr std::array<Shape, 4> with_expiry{{
    {"Hit in Dynamic DNS cache for {} expires in {} second", EventKind::cache_hit},
    {"Hit in Negative DNS cache for {} expires in {} second", EventKind::negative_cache_hit},
    {"Added Negative DNS cache entry for {} expires in {} second", EventKind::negative_cache_added},
    {"Added Dynamic DNS cache entry for {} expires in {} second", EventKind::cache_added},
  }};
  for (const Shape& shape : with_expiry) {
    if (match_pattern(text, shape.pattern, c)) {
      Event event = make(shape.kind);
      split_name_type(c[0], event);
      event.number = number_or(c[1]);
      return event;
    }
  }
  static constexpr std::array<Shape, 3> plain{{
    {"Miss in All DNS cache for {}", EventKind::cache_miss},
    {"Found DNS cache entry for {}", EventKind::cache_found},
    {"Retaining Dynamic DNS cache for {}", EventKind::cache_retained},
  }};
  for (const Shape& shape : plain) {
    if (match_pattern(text, shape.pattern, c)) {
      Event event = make(shape.kind);
      split_name_type(c[0], event);
      return event;
    }
  }
  // SYN: other wordings of a negative-cache hit (applog-format.md §4, last row).
  if (text.substr(0, 4) == "Hit " && ifind(text, "negative") != std::string_view::npos) {
    const std::size_t for_at = text.find(" for ");
    if (for_at != std::string_view::npos) {
      Event event = make(EventKind::negative_cache_hit);
      std::string_view rest = text.substr(for_at + 5);
      const std::size_t expires = rest.find(" expires in ");
      if (expires != std::string_view::npos) {
        event.number = number_or(rest.substr(expires + 12, rest.find(' ', expires + 12) - expires - 12));
        rest = rest.substr(0, expires);
      }
      split_name_type(rest, event);
      return event;
    }
  }
  return std::nullopt;
}

std::optional<Event> classify_lookup_result(std::string_view text) noexcept
{
  Captures c;
  if (match_pattern(text, "DNS lookup for ({}) '{}' Server has no Answer", c)) {
    Event event = make(EventKind::no_answer);
    event.type = parse_record_type(c[0]);
    event.host = c[1];
    return event;
  }
  if (match_pattern(text, "DNS lookup for ({}) '{}' found no match (err code: {})", c)) {
    Event event = make(EventKind::error_code);
    event.type = parse_record_type(c[0]);
    event.host = c[1];
    event.number = number_or(c[2]);
    return event;
  }
  if (match_pattern(text, "DNS lookup for ({}) '{}'({}) TTL={}", c)) {
    Event event = make(EventKind::answer);
    event.type = parse_record_type(c[0]);
    event.host = c[1];
    event.address = c[2];
    event.number = number_or(c[3].substr(0, c[3].find(' ')));
    return event;
  }
  return std::nullopt;
}

std::optional<Event> classify_do_dns(std::string_view text) noexcept
{
  Captures c;
  if (match_pattern(text, "doDnsLookupForList for record {}: hostname '{}' attempting", c)) {
    Event event = make(EventKind::lookup_start);
    event.type = parse_record_type(c[0]);
    event.host = c[1];
    return event;
  }
  if (match_pattern(text, "doDnsLookupForList for record {}: no match found for '{}'", c)) {
    Event event = make(EventKind::lookup_no_match);
    event.type = parse_record_type(c[0]);
    event.host = c[1];
    return event;
  }
  if (match_pattern(text, "doDnsLookupForList({}): returning passed in ipAddress '{}'", c)) {
    Event event = make(EventKind::passed_in_address);
    event.type = parse_record_type(c[0]);
    event.address = c[1];
    return event;
  }
  if (match_pattern(text, "doDnsSrvLookupForARecordList({}): SRV lookup returned nothing", c)) {
    Event event = make(EventKind::srv_fallback);
    event.address = c[0];
    return event;
  }
  if (match_pattern(text, "doDnsSrvLookupForARecordList({}): Doing DNS A lookup (port {})", c)) {
    Event event = make(EventKind::a_lookup_step);
    event.address = c[0];
    event.number = number_or(c[1]);
    return event;
  }
  if (match_pattern(text, "doDnsSrvLookupForARecordList({}): kept port at {}", c)) {
    Event event = make(EventKind::port_kept);
    event.address = c[0];
    event.number = number_or(c[1]);
    return event;
  }
  if (match_pattern(text, "dnsSrv2A calling LookupForList(A) for '{}' port {}", c)) {
    Event event = make(EventKind::srv_to_a);
    event.host = c[0];
    event.number = number_or(c[1]);
    return event;
  }
  if (match_pattern(text, "dnsSrv2A for host '{}' returned {}", c)) {
    Event event = make(EventKind::srv_to_a_done);
    event.host = c[0];
    event.detail = c[1];
    return event;
  }
  return std::nullopt;
}

std::optional<Event> classify_record_field(std::string_view text) noexcept
{
  static constexpr std::array<std::string_view, 6> naptr_fields{"order", "preference", "flags", "service", "regexp",
                                                                "replacement"};
  for (std::string_view key : naptr_fields) {
    if (auto value = quoted_value(text, key)) {
      Event event = make(EventKind::naptr_field);
      event.address = key;
      event.detail = *value;
      event.number = number_or(*value);
      return event;
    }
  }
  for (std::string_view key : {std::string_view("priority"), std::string_view("weight")}) {
    if (auto value = quoted_value(text, key)) {
      Event event = make(EventKind::srv_field);
      event.address = key;
      event.detail = *value;
      event.number = number_or(*value);
      return event;
    }
  }
  if (auto value = quoted_value(text, "target:port")) {
    Event event = make(EventKind::srv_field);
    event.address = "target:port";
    const std::size_t colon = value->rfind(':');
    event.host = value->substr(0, colon);
    if (colon != std::string_view::npos) event.number = number_or(value->substr(colon + 1));
    event.detail = *value;
    return event;
  }
  if (text.substr(0, 20) == "naptr: Added to tail") return make(EventKind::naptr_added);
  if (text.substr(0, 18) == "srv: Added to tail") return make(EventKind::srv_added);
  if (text.substr(0, 13) == "Current List:") return make(EventKind::record_list);
  return std::nullopt;
}

std::optional<Event> classify_dns(std::string_view text) noexcept
{
  switch (text.front()) {
  case 'd': return classify_do_dns(text);
  case 'M':
  case 'H':
  case 'A':
  case 'F':
  case 'R': return classify_cache(text);
  case 'D': return classify_lookup_result(text);
  default: return classify_record_field(text);
  }
}

// "User: U" up to the next ',' or blank.
std::string_view user_after(std::string_view text) noexcept
{
  const std::size_t at = text.find("User:");
  if (at == std::string_view::npos) return {};
  std::string_view rest = text.substr(at + 5);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest.substr(0, rest.find_first_of(", "));
}

std::optional<Event> classify_registration(std::string_view text) noexcept
{
  Captures c;
  if (text.substr(0, 19) == "Registration failed") {
    Event event = make(EventKind::registration_failed);
    event.host = user_after(text);
    const std::size_t code_at = text.find("Code:");
    if (code_at != std::string_view::npos) {
      std::string_view rest = text.substr(code_at + 5);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      const std::size_t digits = rest.find_first_not_of("0123456789");
      event.number = number_or(rest.substr(0, digits));
      if (digits != std::string_view::npos) {
        rest.remove_prefix(digits);
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        event.detail = rest;
      }
    }
    return event;
  }
  if (ifind(text, "registration succeeded") == 0 || ifind(text, "registration successful") == 0 ||
      ifind(text, "registered successfully") != std::string_view::npos) {
    Event event = make(EventKind::registration_ok);
    event.host = user_after(text);
    if (match_pattern(text, "{}Server: {},", c)) event.address = c[1];
    const std::size_t expires = text.find("Expires:");
    if (expires != std::string_view::npos) event.number = number_or(text.substr(expires + 8));
    return event;
  }
  if (match_pattern(text, "Register request User: {} to {} ({})", c)) {
    Event event = make(EventKind::register_request);
    event.host = c[0];
    event.address = c[1];
    event.detail = c[2];
    return event;
  }
  if (match_pattern(text, "Register response User: {} from {}: {}", c)) {
    Event event = make(EventKind::register_response);
    event.host = c[0];
    event.address = c[1];
    std::string_view rest = c[2];
    const std::size_t space = rest.find(' ');
    event.number = number_or(rest.substr(0, space));
    if (space != std::string_view::npos) event.detail = rest.substr(space + 1);
    return event;
  }
  if (match_pattern(text, "Register transaction timeout User: {} to {} ({})", c) ||
      match_pattern(text, "Register transaction timeout User: {} to {}", c)) {
    Event event = make(EventKind::register_timeout);
    event.host = c[0];
    event.address = c[1];
    event.number = 408;
    return event;
  }
  return std::nullopt;
}

std::optional<Event> classify_sip(std::string_view text) noexcept
{
  Captures c;
  if (text.substr(0, 12) == "Sip Register") {
    Event event = make(EventKind::register_start);
    if (match_pattern(text, "Sip Register Usr:{} Dsp:", c)) event.host = c[0];
    const std::size_t inx = text.find("Inx:");
    if (inx != std::string_view::npos) event.number = number_or(text.substr(inx + 4, text.find(' ', inx) - inx - 4));
    return event;
  }
  if (match_pattern(text, "NAPTR query for host '{}' returned no results", c)) {
    Event event = make(EventKind::naptr_empty);
    event.host = c[0];
    return event;
  }
  if (match_pattern(text, "doDnsListLookup({}): doDnsSrvLookupForARecordList '{}' found no records", c)) {
    Event event = make(EventKind::no_address);
    event.address = c[0];
    event.host = c[1];
    return event;
  }
  if (match_pattern(text, "Server failover User: {} from {} to {}", c)) {
    Event event = make(EventKind::server_failover);
    event.host = c[0];
    event.address = c[1];
    event.detail = c[2];
    return event;
  }
  if (match_pattern(text, "Server failback User: {} from {} to {}", c)) {
    Event event = make(EventKind::server_failback);
    event.host = c[0];
    event.address = c[1];
    event.detail = c[2].substr(0, c[2].find(' '));
    return event;
  }
  if (text.front() == 'R') return classify_registration(text);
  return std::nullopt;
}

std::optional<Event> classify_any_module(std::string_view text) noexcept
{
  Captures c;
  if (text.front() == 'F' && match_pattern(text, "Fast Boot Measurement Point: Ready for Call{}uptime: {} sec", c)) {
    Event event = make(EventKind::ready_for_call);
    event.detail = c[1];
    event.number = number_or(c[1].substr(0, c[1].find('.')));
    return event;
  }
  if (text.front() == 'I' && text.substr(0, 17) == "Initial log entry") return make(EventKind::boot_marker);
  return std::nullopt;
}

} // namespace

std::optional<Event> classify_line(const LogLine& line) noexcept
{
  const std::string_view text = line.text;
  if (text.empty()) return std::nullopt;
  if (line.module == "dns") return classify_dns(text);
  if (line.module == "sip") {
    if (auto event = classify_sip(text)) return event;
  }
  if (text.front() == 'F' || text.front() == 'I') return classify_any_module(text);
  return std::nullopt;
}

} // namespace sipfo::applog
