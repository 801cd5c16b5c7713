#include "sipfo/applog/message_format.hpp"

#include "sipfo/applog/event_note.hpp"
#include "sipfo/util/ip_literal.hpp"

#include "text_pattern.hpp"

#include <fmt/format.h>

#include <array>
#include <cstring>

namespace sipfo::applog {

namespace {

// Where the wordings come from (cited by title and section, design §1).
constexpr std::string_view bulletin_failed =
  "Technical Bulletin CS-14-17, \"84-Series Failover Configuration Using DNS\", Parsing the Log: Failed Registration Log";
constexpr std::string_view bulletin_success =
  "Technical Bulletin CS-14-17, \"84-Series Failover Configuration Using DNS\", Parsing the Log: Successful Registration Log";
constexpr std::string_view dns_note = "sipfo's assumption: no public sample (applog-format.md §4, last row)";
constexpr std::string_view sip_note = "sipfo's assumption: no public sample (applog-format.md §5, SYN wordings)";

std::int64_t number_or(std::string_view text, std::int64_t fallback = -1) noexcept
{
  return parse_number(text).value_or(fallback);
}

std::string_view skip_blanks(std::string_view text) noexcept
{
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
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

// "User: U" up to the next ',' or blank.
std::string_view user_after(std::string_view text) noexcept
{
  const std::size_t at = text.find("User:");
  if (at == std::string_view::npos) return {};
  const std::string_view rest = skip_blanks(text.substr(at + 5));
  return rest.substr(0, rest.find_first_of(", "));
}

// ---- fields a pattern cannot say ------------------------------------------------

void srv_target_port(std::string_view, Event& event) noexcept
{
  const std::string_view value = event.detail;
  const std::size_t colon = value.rfind(':');
  event.host = value.substr(0, colon);
  event.number = colon == std::string_view::npos ? -1 : number_or(value.substr(colon + 1));
}

void first_word_of_detail(std::string_view, Event& event) noexcept
{
  event.detail = event.detail.substr(0, event.detail.find(' '));
}

// ---- loose readers ----------------------------------------------------------------

// Other wordings of a negative-cache hit: "Hit ... negative ... for H(T) [expires in N ...]".
bool read_negative_hit_other_wording(std::string_view text, Event& event) noexcept
{
  if (text.substr(0, 4) != "Hit " || ifind(text, "negative") == std::string_view::npos) return false;
  const std::size_t for_at = text.find(" for ");
  if (for_at == std::string_view::npos) return false;
  std::string_view rest = text.substr(for_at + 5);
  const std::size_t expires = rest.find(" expires in ");
  if (expires != std::string_view::npos) {
    event.number = number_or(rest.substr(expires + 12, rest.find(' ', expires + 12) - expires - 12));
    rest = rest.substr(0, expires);
  }
  split_name_type(rest, event);
  return true;
}

bool read_register_start(std::string_view text, Event& event) noexcept
{
  if (text.substr(0, 12) != "Sip Register") return false;
  std::array<std::string_view, 1> c;
  if (match_pattern(text, "Sip Register Usr:{} Dsp:", c)) event.host = c[0];
  const std::size_t inx = text.find("Inx:");
  if (inx != std::string_view::npos) event.number = number_or(text.substr(inx + 4, text.find(' ', inx) - inx - 4));
  return true;
}

bool read_registration_failed(std::string_view text, Event& event) noexcept
{
  if (text.substr(0, 19) != "Registration failed") return false;
  event.host = user_after(text);
  const std::size_t code_at = text.find("Code:");
  if (code_at == std::string_view::npos) return true;
  std::string_view rest = skip_blanks(text.substr(code_at + 5));
  const std::size_t digits = rest.find_first_not_of("0123456789");
  event.number = number_or(rest.substr(0, digits));
  if (digits != std::string_view::npos) event.detail = skip_blanks(rest.substr(digits));
  return true;
}

bool read_registration_ok(std::string_view text, Event& event) noexcept
{
  if (ifind(text, "registration succeeded") != 0 && ifind(text, "registration successful") != 0 &&
      ifind(text, "registered successfully") == std::string_view::npos) {
    return false;
  }
  event.host = user_after(text);
  std::array<std::string_view, 2> c;
  if (match_pattern(text, "{}Server: {},", c)) event.address = c[1];
  const std::size_t expires = text.find("Expires:");
  if (expires != std::string_view::npos) event.number = number_or(text.substr(expires + 8));
  return true;
}

bool read_register_response(std::string_view text, Event& event) noexcept
{
  std::array<std::string_view, 3> c;
  if (!match_pattern(text, "Register response User: {} from {}: {}", c)) return false;
  event.host = c[0];
  event.address = c[1];
  const std::size_t space = c[2].find(' ');
  event.number = number_or(c[2].substr(0, space));
  if (space != std::string_view::npos) event.detail = c[2].substr(space + 1);
  return true;
}

// With or without the transport tag.
bool read_register_timeout(std::string_view text, Event& event) noexcept
{
  std::array<std::string_view, 3> c;
  if (match_pattern(text, "Register transaction timeout User: {} to {} ({})", c)) {
    event.detail = c[2];
  } else if (!match_pattern(text, "Register transaction timeout User: {} to {}", c)) {
    return false;
  }
  event.host = c[0];
  event.address = c[1];
  event.number = 408;
  return true;
}

// Anything between "Ready for Call" and "uptime:" is accepted.
bool read_ready_for_call(std::string_view text, Event& event) noexcept
{
  std::array<std::string_view, 2> c;
  if (!match_pattern(text, "Fast Boot Measurement Point: Ready for Call{}uptime: {} sec", c)) return false;
  event.detail = c[1];
  event.number = number_or(c[1].substr(0, c[1].find('.')));
  return true;
}

// ---- --explain notes made from the event's fields ---------------------------------

std::string type_of(const Event& event) { return std::string(to_string(event.type)); }

std::string lookup_start_note(const Event& event)
{
  if (util::is_ip_literal(event.host)) return fmt::format("'{}' is already an address: no DNS query", event.host);
  switch (event.type) {
  case RecordType::naptr:
    return fmt::format("NAPTR lookup of {}: first step with transport DNSnaptr and port 0 (RFC 3263)", event.host);
  case RecordType::srv: return fmt::format("SRV lookup of {}: which servers, ports and priorities", event.host);
  case RecordType::a: return fmt::format("A lookup of {}: its IPv4 address", event.host);
  case RecordType::aaaa:
  case RecordType::other:
  case RecordType::none: break;
  }
  return fmt::format("{} lookup of {}", type_of(event), event.host);
}

std::string lookup_no_match_note(const Event& event)
{
  return fmt::format("the {} lookup of {} failed", type_of(event), event.host);
}

std::string passed_in_address_note(const Event& event) { return fmt::format("the phone uses {} as is", event.address); }

std::string a_lookup_step_note(const Event& event)
{
  return event.number == 0 ? std::string("A lookup next (port 0: 5060 unless DNS gives one)")
                           : fmt::format("A lookup with port {}", event.number);
}

std::string port_kept_note(const Event& event) { return fmt::format("the port stays {}", event.number); }

std::string srv_to_a_note(const Event& event)
{
  return fmt::format("resolving SRV target {} (port {}) to an address", event.host, event.number);
}

std::string srv_to_a_done_note(const Event& event)
{
  return event.detail.substr(0, 2) == "OK" ? std::string("the SRV targets are resolved: the candidate list is ready")
                                           : fmt::format("resolving the SRV targets ended: {}", event.detail);
}

std::string cache_hit_note(const Event& event)
{
  return fmt::format("answered from the cache (expires in {} s): no query", event.number);
}

std::string negative_cache_hit_note(const Event& event)
{
  return fmt::format("answered from the NEGATIVE cache (expires in {} s): no query, the earlier failure is reused",
                     event.number);
}

std::string negative_cache_added_note(const Event& event)
{
  return fmt::format("the failure is cached for {} s: lookups of {} within that time fail without a query",
                     event.number, event.host);
}

std::string cache_added_note(const Event& event) { return fmt::format("answer cached for {} s (its TTL)", event.number); }

std::string cache_retained_note(const Event& event) { return fmt::format("keeps the cached entry of {}", event.host); }

std::string error_code_note(const Event& event)
{
  switch (event.number) {
  case 1: return fmt::format("err code 1 = NODATA: {} exists but has no {} record", event.host, type_of(event));
  case 3: return "err code 3 = SERVFAIL: the DNS server failed to answer";
  case 4: return fmt::format("err code 4 = NXDOMAIN: {} does not exist", event.host);
  case 6: return "err code 6 = REFUSED: the DNS server refused the query";
  case 11: return "err code 11 = no DNS server could be reached";
  case 12: return "err code 12 = timeout: no DNS reply";
  default: return fmt::format("err code {}: the lookup failed", event.number);
  }
}

std::string answer_note(const Event& event)
{
  if (event.type == RecordType::a) return fmt::format("{} has address {} (TTL {} s)", event.host, event.address, event.number);
  return fmt::format("{} answer for {}, TTL {} s: the records follow", type_of(event), event.host, event.number);
}

std::string naptr_order_note(const Event& event)
{
  return fmt::format("NAPTR order {}: lower orders are used first", event.detail);
}

std::string naptr_preference_note(const Event& event)
{
  return fmt::format("preference {}: tie-break within an order", event.detail);
}

std::string naptr_flags_note(const Event& event)
{
  return event.detail == "S" || event.detail == "s" ? std::string("flag S: the replacement is an SRV name")
                                                    : fmt::format("flags '{}'", event.detail);
}

std::string naptr_service_note(const Event& event)
{
  return event.detail.empty() ? std::string("no service field (SIP+D2U would name SIP over UDP)")
                              : fmt::format("service {}", event.detail);
}

std::string naptr_regexp_note(const Event& event)
{
  return event.detail.empty() ? std::string("no regexp: the replacement is used") : std::string("regexp");
}

std::string naptr_replacement_note(const Event& event)
{
  if (event.detail.empty() || event.detail == ".") return "replacement '.': no SRV name to follow";
  const bool service_form = event.detail.size() > 1 && event.detail[0] == '_' &&
                            event.detail.find("._") != std::string_view::npos;
  return service_form ? fmt::format("replacement: the SRV name to query next ({})", event.detail)
                      : fmt::format("replacement {} is not of the form _service._proto.domain (expected e.g. "
                                    "_sip._udp.NAME); as logged it may be cut short",
                                    event.detail);
}

std::string srv_priority_note(const Event& event)
{
  return fmt::format("priority {}: the lowest is tried first", event.detail);
}

std::string srv_weight_note(const Event& event)
{
  return fmt::format("weight {}: preference among equal priorities", event.detail);
}

std::string srv_target_port_note(const Event& event)
{
  return fmt::format("server {} on port {}", event.host, event.number);
}

std::string register_start_note(const Event& event)
{
  return event.number >= 0 ? fmt::format("registration of user {} (line index {}) starts", event.host, event.number)
                           : fmt::format("registration of user {} starts", event.host);
}

std::string no_address_note(const Event& event)
{
  return fmt::format("no address found for {}: nothing to register to", event.host);
}

std::string server_failover_note(const Event& event)
{
  return fmt::format("fails over from {} to {}", event.address, event.detail);
}

std::string server_failback_note(const Event& event)
{
  return fmt::format("fails back from {} to {}", event.address, event.detail);
}

std::string registration_failed_note(const Event& event)
{
  if (event.number == 480) {
    return "registration failed, 480: when no server address was found the phone makes this code itself";
  }
  return fmt::format("registration failed with {} {}", event.number, event.detail);
}

std::string registration_ok_note(const Event& event) { return fmt::format("registered to {}", event.address); }

std::string register_request_note(const Event& event) { return fmt::format("REGISTER sent to {}", event.address); }

std::string register_response_note(const Event& event)
{
  if (event.number == 401 || event.number == 407) return "digest challenge: the phone answers with credentials";
  return fmt::format("response {} {} from {}", event.number, event.detail, event.address);
}

std::string register_timeout_note(const Event& event)
{
  return fmt::format("no answer from {}: transaction timeout (408)", event.address);
}

std::string ready_for_call_note(const Event& event)
{
  return fmt::format("boot finished after {} s (ready, which is not proof of registration)", event.detail);
}

// ---- the table -----------------------------------------------------------------------

using K = EventKind;
using R = Reading;

// The order is EventKind's and the classifier's: within one module and first
// character, the first entry that reads a line wins.
constexpr auto formats = std::to_array<MessageFormat>({
  // module dns (applog-format.md §4)
  {K::lookup_start, "dns", '1', "doDnsLookupForList for record {type}: hostname '{host}' attempting[..]", bulletin_failed,
   lookup_start_note},
  {K::lookup_no_match, "dns", '2', "doDnsLookupForList for record {type}: no match found for '{host}'", bulletin_failed,
   lookup_no_match_note},
  {K::passed_in_address, "dns", '1', "doDnsLookupForList({type}): returning passed in ipAddress '{address}'",
   bulletin_success, passed_in_address_note},
  {K::srv_fallback, "dns", '1', "doDnsSrvLookupForARecordList({address}): SRV lookup returned nothing", bulletin_failed,
   "no SRV answer: falls back to an A lookup of the name"},
  {K::a_lookup_step, "dns", '1', "doDnsSrvLookupForARecordList({address}): Doing DNS A lookup (port {number})",
   bulletin_failed, a_lookup_step_note},
  {K::port_kept, "dns", '1', "doDnsSrvLookupForARecordList({address}): kept port at {number}", bulletin_success,
   port_kept_note},
  {K::srv_to_a, "dns", '1', "dnsSrv2A calling LookupForList(A) for '{host}' port {number}", bulletin_success,
   srv_to_a_note},
  {K::srv_to_a_done, "dns", '1', "dnsSrv2A for host '{host}' returned {detail}", bulletin_success, srv_to_a_done_note},
  {K::cache_hit, "dns", '2', "Hit in Dynamic DNS cache for {name_type} expires in {number} second[s]", bulletin_success,
   cache_hit_note},
  {K::negative_cache_hit, "dns", '2', "Hit in Negative DNS cache for {name_type} expires in {number} second[s]", dns_note,
   negative_cache_hit_note},
  {K::negative_cache_added, "dns", '2', "Added Negative DNS cache entry for {name_type} expires in {number} second[s]",
   bulletin_failed, negative_cache_added_note},
  {K::cache_added, "dns", '2', "Added Dynamic DNS cache entry for {name_type} expires in {number} second[s]",
   bulletin_success, cache_added_note},
  {K::cache_miss, "dns", '2', "Miss in All DNS cache for {name_type}", bulletin_failed, "not in the phone's DNS cache"},
  {K::cache_found, "dns", '2', "Found DNS cache entry for {name_type}", bulletin_failed, "reads back the entry just cached"},
  {K::cache_retained, "dns", '2', "Retaining Dynamic DNS cache for {name_type}", bulletin_success, cache_retained_note},
  {K::negative_cache_hit_other_wording, "dns", '2', "Hit negative DNS cache for {name_type} expires in {number} second[s]",
   dns_note, negative_cache_hit_note, R::custom, nullptr, read_negative_hit_other_wording},
  {K::no_answer, "dns", '3', "DNS lookup for ({type}) '{host}' Server has no Answer", bulletin_failed,
   "the DNS server had no answer for this question"},
  {K::error_code, "dns", '3', "DNS lookup for ({type}) '{host}' found no match (err code: {number})", bulletin_failed,
   error_code_note},
  {K::answer, "dns", '3', "DNS lookup for ({type}) '{host}'({address}) TTL={number}", bulletin_success, answer_note},
  {K::naptr_order, "dns", '1', "order '{number}'", bulletin_success, naptr_order_note, R::quoted_field},
  {K::naptr_preference, "dns", '1', "preference '{number}'", bulletin_success, naptr_preference_note, R::quoted_field},
  {K::naptr_flags, "dns", '1', "flags '{detail}'", bulletin_success, naptr_flags_note, R::quoted_field},
  {K::naptr_service, "dns", '1', "service '{detail}'", bulletin_success, naptr_service_note, R::quoted_field},
  {K::naptr_regexp, "dns", '1', "regexp '{detail}'", bulletin_success, naptr_regexp_note, R::quoted_field},
  {K::naptr_replacement, "dns", '1', "replacement '{detail}'", bulletin_success, naptr_replacement_note, R::quoted_field},
  {K::srv_priority, "dns", '1', "priority '{number}'", bulletin_success, srv_priority_note, R::quoted_field},
  {K::srv_weight, "dns", '1', "weight '{number}'", bulletin_success, srv_weight_note, R::quoted_field},
  {K::srv_target_port, "dns", '1', "target:port '{host}:{number}'", bulletin_success, srv_target_port_note,
   R::quoted_field, srv_target_port},
  {K::naptr_added, "dns", '1', "naptr: Added to tail", bulletin_success, "end of one NAPTR record"},
  {K::srv_added, "dns", '1', "srv: Added to tail", bulletin_success, "one SRV record: its fields follow"},
  {K::record_list, "dns", '1', "Current List:", bulletin_success, "the records of the answer follow"},
  // module sip (applog-format.md §5)
  {K::register_start, "sip", '*', "Sip Register Usr:{host} Dsp:{host} Auth:'{host}' Inx:{number}", bulletin_failed,
   register_start_note, R::custom, nullptr, read_register_start},
  {K::naptr_empty, "sip", '4', "NAPTR query for host '{host}' returned no results", bulletin_failed,
   "no NAPTR answer: the phone goes on with SRV (normal where no NAPTR is published)"},
  {K::no_address, "sip", '4', "doDnsListLookup({address}): doDnsSrvLookupForARecordList '{host}' found no records[.]",
   bulletin_failed, no_address_note},
  {K::server_failover, "sip", '4', "Server failover User: {host} from {address} to {detail}", sip_note,
   server_failover_note},
  {K::server_failback, "sip", '2', "Server failback User: {host} from {address} to {detail}", sip_note,
   server_failback_note, R::shape, first_word_of_detail},
  {K::registration_failed, "sip", '4', "Registration failed User: {host}, Error Code:{number} {detail}", bulletin_failed,
   registration_failed_note, R::custom, nullptr, read_registration_failed},
  {K::registration_ok, "sip", '2', "Registration succeeded User: {host}, Server: {address}, Expires: {number}", sip_note,
   registration_ok_note, R::custom, nullptr, read_registration_ok},
  {K::register_request, "sip", '2', "Register request User: {host} to {address} ({detail})", sip_note,
   register_request_note},
  {K::register_response, "sip", '2', "Register response User: {host} from {address}: {number} {detail}", sip_note,
   register_response_note, R::custom, nullptr, read_register_response},
  {K::register_timeout, "sip", '4', "Register transaction timeout User: {host} to {address} ({detail})", sip_note,
   register_timeout_note, R::custom, nullptr, read_register_timeout},
  // any module but dns
  {K::ready_for_call, "", '*', "Fast Boot Measurement Point: Ready for Call, uptime: {detail} sec[.]", bulletin_success,
   ready_for_call_note, R::custom, nullptr, read_ready_for_call},
  {K::boot_marker, "", '*', "Initial log entry[.]", sip_note, "the log starts anew: a boot"},
});

// The table is in EventKind's order, so an entry is found by its kind in one step;
// a kind added in one place and not the other fails the build here.
static_assert([] {
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (formats[i].kind != static_cast<EventKind>(i)) return false;
  }
  return formats.back().kind == EventKind::boot_marker; // the last enumerator
}());

// ---- reading a pattern -------------------------------------------------------------

enum class Hole { host, type, name_type, address, detail, number, skip };

constexpr std::optional<Hole> hole_named(std::string_view name) noexcept
{
  if (name == "host") return Hole::host;
  if (name == "type") return Hole::type;
  if (name == "name_type") return Hole::name_type;
  if (name == "address") return Hole::address;
  if (name == "detail") return Hole::detail;
  if (name == "number") return Hole::number;
  if (name == "_") return Hole::skip;
  return std::nullopt;
}

void fill(Hole hole, std::string_view value, Event& event) noexcept
{
  switch (hole) {
  case Hole::host: event.host = value; break;
  case Hole::type: event.type = parse_record_type(value); break;
  case Hole::name_type: split_name_type(value, event); break;
  case Hole::address: event.address = value; break;
  case Hole::detail: event.detail = value; break;
  case Hole::number: event.number = number_or(value.substr(0, value.find(' '))); break;
  case Hole::skip: break;
  }
}

// A pattern split once, at compile time, into what a reader needs: the head, then
// each hole with the literal that ends it (an empty literal: the rest of the line).
struct ReaderShape {
  static constexpr std::size_t max_holes = 6;
  std::string_view head;
  std::size_t holes = 0;
  std::array<Hole, max_holes> hole{};
  std::array<std::string_view, max_holes> literal{};
  bool valid = true;
};

constexpr ReaderShape reader_shape(std::string_view pattern) noexcept
{
  ReaderShape shape;
  pattern = pattern.substr(0, pattern.find('[')); // a [tail] is not required when reading
  std::size_t open = pattern.find('{');
  shape.head = pattern.substr(0, open);
  while (open != std::string_view::npos) {
    const std::size_t close = pattern.find('}', open);
    const auto hole = hole_named(pattern.substr(open + 1, close - open - 1));
    const std::size_t next = pattern.find('{', close);
    const std::string_view literal = pattern.substr(close + 1, next - close - 1);
    if (!hole || shape.holes == ReaderShape::max_holes || (literal.empty() && next != std::string_view::npos)) {
      shape.valid = false; // two holes in a row cannot be read
      return shape;
    }
    shape.hole[shape.holes] = *hole;
    shape.literal[shape.holes] = literal;
    ++shape.holes;
    open = next;
  }
  return shape;
}

constexpr auto reader_shapes = [] {
  std::array<ReaderShape, formats.size()> shapes{};
  for (std::size_t i = 0; i < formats.size(); ++i) shapes[i] = reader_shape(formats[i].pattern);
  return shapes;
}();

// Every pattern can be read: a broken one fails the build, not a log.
static_assert([] {
  for (const ReaderShape& shape : reader_shapes) {
    if (!shape.valid) return false;
  }
  return true;
}());

// Whether `text` starts with `head`. The head's last character is tested first: the
// formats that share a line's first character (the classifier's bucket) mostly differ
// there, so most candidates are turned down without a memcmp call.
bool has_head(std::string_view text, std::string_view head) noexcept
{
  if (head.empty()) return true;
  if (text.size() < head.size() || text[head.size() - 1] != head.back()) return false;
  return std::memcmp(text.data(), head.data(), head.size()) == 0;
}

// text_pattern's matcher, with named holes: a hole ends at the first occurrence of
// its literal; text after the last literal is ignored.
// The caller (read_message_into) has checked that `text` starts with the head.
bool read_shape(std::string_view text, const ReaderShape& shape, Event& event) noexcept
{
  std::size_t at = shape.head.size();
  for (std::size_t i = 0; i < shape.holes; ++i) {
    if (shape.literal[i].empty()) {
      fill(shape.hole[i], text.substr(at), event);
      return true;
    }
    const std::size_t found = text.find(shape.literal[i], at);
    if (found == std::string_view::npos) return false;
    fill(shape.hole[i], text.substr(at, found - at), event);
    at = found + shape.literal[i].size();
  }
  return true;
}

// "key 'value'", the value up to the last quote; number when the value is one.
bool read_quoted_field(std::string_view text, std::string_view pattern, Event& event) noexcept
{
  const std::string_view key = pattern.substr(0, pattern.find(" '"));
  if (text.size() < key.size() + 3 || text.substr(0, key.size()) != key) return false;
  const std::string_view rest = text.substr(key.size());
  if (rest.substr(0, 2) != " '" || rest.back() != '\'') return false;
  event.address = key;
  event.detail = rest.substr(2, rest.size() - 3);
  event.number = number_or(event.detail);
  return true;
}

} // namespace

std::span<const MessageFormat> message_formats() noexcept { return formats; }

const MessageFormat& message_format(EventKind kind) noexcept { return formats[static_cast<std::size_t>(kind)]; }

std::string note_for(const Event& event)
{
  const MessageNote& note = message_format(event.kind).note;
  return note.make != nullptr ? note.make(event) : std::string(note.text);
}

bool read_message_into(const MessageFormat& format, std::string_view text, Event& event) noexcept
{
  // `format` is an entry of the table (message_formats() hands out no others).
  const auto index_of = [](const MessageFormat& f) { return static_cast<std::size_t>(&f - formats.data()); };
  // A line whose head differs is turned down before the event is cleared: a dns line
  // is tried against up to eight formats that share its first character.
  if (format.reading == Reading::shape && !has_head(text, reader_shapes[index_of(format)].head)) return false;
  event = Event{};
  event.kind = format.kind;
  bool read = false;
  switch (format.reading) {
  case Reading::shape: read = read_shape(text, reader_shapes[index_of(format)], event); break;
  case Reading::quoted_field: read = read_quoted_field(text, format.pattern, event); break;
  case Reading::custom: read = format.read != nullptr && format.read(text, event); break;
  }
  if (!read) return false;
  if (format.refine != nullptr) format.refine(text, event);
  return true;
}

std::optional<Event> read_message(const MessageFormat& format, std::string_view text) noexcept
{
  std::optional<Event> event(std::in_place);
  if (!read_message_into(format, text, *event)) event.reset();
  return event;
}

std::string write_message(EventKind kind, const MessageFields& fields)
{
  const std::string_view pattern = message_format(kind).pattern;
  std::string out;
  out.reserve(pattern.size() + fields.host.size() * 3 + 16);
  for (std::size_t at = 0; at < pattern.size();) {
    const char c = pattern[at];
    if (c == '[' || c == ']') {
      ++at;
      continue;
    }
    if (c != '{') {
      out += c;
      ++at;
      continue;
    }
    const std::size_t close = pattern.find('}', at);
    switch (hole_named(pattern.substr(at + 1, close - at - 1)).value_or(Hole::skip)) {
    case Hole::host: out += fields.host; break;
    case Hole::type: out += fields.type; break;
    case Hole::name_type: out += fmt::format("{}({})", fields.host, fields.type); break;
    case Hole::address: out += fields.address; break;
    case Hole::detail: out += fields.detail; break;
    case Hole::number: out += fmt::format("{}", fields.number); break;
    case Hole::skip: break;
    }
    at = close + 1;
  }
  return out;
}

} // namespace sipfo::applog
