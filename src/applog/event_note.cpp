#include "sipfo/applog/event_note.hpp"

#include "sipfo/applog/dns_lookup.hpp"
#include "sipfo/util/ip_literal.hpp"

#include <fmt/format.h>

namespace sipfo::applog {

namespace {

std::string type_of(const Event& event) { return std::string(to_string(event.type)); }

std::string lookup_start_note(const Event& event)
{
  if (util::is_ip_literal(event.host)) return fmt::format("'{}' is already an address: no DNS query", event.host);
  switch (event.type) {
  case RecordType::naptr:
    return fmt::format("NAPTR lookup of {}: first step with transport DNSnaptr and port 0 (RFC 3263)", event.host);
  case RecordType::srv: return fmt::format("SRV lookup of {}: which servers, ports and priorities", event.host);
  case RecordType::a: return fmt::format("A lookup of {}: its IPv4 address", event.host);
  default: return fmt::format("{} lookup of {}", type_of(event), event.host);
  }
}

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

std::string cache_miss_note(const Event&) { return "not in the phone's DNS cache"; }

std::string naptr_field_note(const Event& event)
{
  const std::string_view field = event.address;
  if (field == "order") return fmt::format("NAPTR order {}: lower orders are used first", event.detail);
  if (field == "preference") return fmt::format("preference {}: tie-break within an order", event.detail);
  if (field == "flags") {
    return event.detail == "S" || event.detail == "s" ? std::string("flag S: the replacement is an SRV name")
                                                      : fmt::format("flags '{}'", event.detail);
  }
  if (field == "service") {
    return event.detail.empty() ? std::string("no service field (SIP+D2U would name SIP over UDP)")
                                : fmt::format("service {}", event.detail);
  }
  if (field == "regexp") return event.detail.empty() ? std::string("no regexp: the replacement is used") : "regexp";
  if (event.detail.empty() || event.detail == ".") return "replacement '.': no SRV name to follow";
  const bool service_form = event.detail.size() > 1 && event.detail[0] == '_' &&
                            event.detail.find("._") != std::string_view::npos;
  return service_form ? fmt::format("replacement: the SRV name to query next ({})", event.detail)
                      : fmt::format("replacement {} is not of the form _service._proto.domain (expected e.g. "
                                    "_sip._udp.NAME); as logged it may be cut short",
                                    event.detail);
}

std::string srv_field_note(const Event& event)
{
  if (event.address == "target:port") return fmt::format("server {} on port {}", event.host, event.number);
  if (event.address == "priority") return fmt::format("priority {}: the lowest is tried first", event.detail);
  return fmt::format("weight {}: preference among equal priorities", event.detail);
}

std::string registration_failed_note(const Event& event)
{
  if (event.number == 480) {
    return "registration failed, 480: when no server address was found the phone makes this code itself";
  }
  return fmt::format("registration failed with {} {}", event.number, event.detail);
}

} // namespace

std::string note_for(const Event& event)
{
  switch (event.kind) {
  case EventKind::register_start:
    return event.number >= 0 ? fmt::format("registration of user {} (line index {}) starts", event.host, event.number)
                             : fmt::format("registration of user {} starts", event.host);
  case EventKind::naptr_empty:
    return "no NAPTR answer: the phone goes on with SRV (normal where no NAPTR is published)";
  case EventKind::no_address: return fmt::format("no address found for {}: nothing to register to", event.host);
  case EventKind::registration_failed: return registration_failed_note(event);
  case EventKind::registration_ok: return fmt::format("registered to {}", event.address);
  case EventKind::register_request: return fmt::format("REGISTER sent to {}", event.address);
  case EventKind::register_response:
    if (event.number == 401 || event.number == 407) return "digest challenge: the phone answers with credentials";
    return fmt::format("response {} {} from {}", event.number, event.detail, event.address);
  case EventKind::register_timeout: return fmt::format("no answer from {}: transaction timeout (408)", event.address);
  case EventKind::server_failover: return fmt::format("fails over from {} to {}", event.address, event.detail);
  case EventKind::server_failback: return fmt::format("fails back from {} to {}", event.address, event.detail);
  case EventKind::ready_for_call:
    return fmt::format("boot finished after {} s (ready, which is not proof of registration)", event.detail);
  case EventKind::boot_marker: return "the log starts anew: a boot";
  case EventKind::lookup_start: return lookup_start_note(event);
  case EventKind::lookup_no_match: return fmt::format("the {} lookup of {} failed", type_of(event), event.host);
  case EventKind::passed_in_address: return fmt::format("the phone uses {} as is", event.address);
  case EventKind::cache_miss: return cache_miss_note(event);
  case EventKind::cache_hit:
    return fmt::format("answered from the cache (expires in {} s): no query", event.number);
  case EventKind::negative_cache_hit:
    return fmt::format("answered from the NEGATIVE cache (expires in {} s): no query, the earlier failure is reused",
                       event.number);
  case EventKind::negative_cache_added:
    return fmt::format("the failure is cached for {} s: lookups of {} within that time fail without a query",
                       event.number, event.host);
  case EventKind::cache_added: return fmt::format("answer cached for {} s (its TTL)", event.number);
  case EventKind::cache_found: return "reads back the entry just cached";
  case EventKind::cache_retained: return fmt::format("keeps the cached entry of {}", event.host);
  case EventKind::no_answer: return "the DNS server had no answer for this question";
  case EventKind::error_code: return error_code_note(event);
  case EventKind::answer:
    if (event.type == RecordType::a) return fmt::format("{} has address {} (TTL {} s)", event.host, event.address, event.number);
    return fmt::format("{} answer for {}, TTL {} s: the records follow", type_of(event), event.host, event.number);
  case EventKind::record_list: return "the records of the answer follow";
  case EventKind::naptr_field: return naptr_field_note(event);
  case EventKind::naptr_added: return "end of one NAPTR record";
  case EventKind::srv_added: return "one SRV record: its fields follow";
  case EventKind::srv_field: return srv_field_note(event);
  case EventKind::srv_to_a: return fmt::format("resolving SRV target {} (port {}) to an address", event.host, event.number);
  case EventKind::srv_to_a_done:
    return event.detail.substr(0, 2) == "OK" ? std::string("the SRV targets are resolved: the candidate list is ready")
                                             : fmt::format("resolving the SRV targets ended: {}", event.detail);
  case EventKind::srv_fallback: return "no SRV answer: falls back to an A lookup of the name";
  case EventKind::a_lookup_step:
    return event.number == 0 ? std::string("A lookup next (port 0: 5060 unless DNS gives one)")
                             : fmt::format("A lookup with port {}", event.number);
  case EventKind::port_kept: return fmt::format("the port stays {}", event.number);
  }
  return {}; // every kind has its case above: no default, so -Wswitch names a new kind here
}

} // namespace sipfo::applog
