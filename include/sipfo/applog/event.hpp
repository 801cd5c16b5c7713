#pragma once
// A log line recognised as part of a registration story: one DNS or SIP step of the
// 84-Series, with the fields its text carries. Which message it is (EventKind) is the
// id of its entry in the message table (message_format.cpp), where the wording, the
// fields it fills, where the wording comes from and the --explain note are.

#include "sipfo/applog/record_type.hpp"

#include <cstdint>
#include <string_view>

namespace sipfo::applog {

// One per entry of the message table, in the table's order (a static_assert there
// checks it): a message with two wordings has two kinds, routed to one tracker
// method (AttemptBuilder's switch).
enum class EventKind {
  // module dns (applog-format.md §4)
  lookup_start,
  lookup_no_match,
  passed_in_address,
  srv_fallback,
  a_lookup_step,
  port_kept,
  srv_to_a,
  srv_to_a_done,
  cache_hit,
  negative_cache_hit,
  negative_cache_added,
  cache_added,
  cache_miss,
  cache_found,
  cache_retained,
  negative_cache_hit_other_wording,
  no_answer,
  error_code,
  answer,
  naptr_order,
  naptr_preference,
  naptr_flags,
  naptr_service,
  naptr_regexp,
  naptr_replacement,
  srv_priority,
  srv_weight,
  srv_target_port,
  naptr_added,
  srv_added,
  record_list,
  // module sip (applog-format.md §5)
  register_start,
  naptr_empty,
  no_address,
  server_failover,
  server_failback,
  registration_failed,
  registration_ok,
  register_request,
  register_response,
  register_timeout,
  // any module but dns
  ready_for_call,
  boot_marker,
};

// The fields a kind uses are the holes of its pattern in the message table; the rest
// stay empty / -1.
struct Event {
  EventKind kind = EventKind::boot_marker;
  RecordType type = RecordType::none;
  std::string_view host;    // H, T or S above; for sip kinds the user U
  std::string_view address; // IP, ip:port, a NAPTR/SRV field name, or a transport tag
  std::string_view detail;  // field value, SIP reason text, the 'to' server of a failover
  std::int64_t number = -1; // TTL / expiry seconds, err code, port, SIP code, Inx, uptime s
};

} // namespace sipfo::applog
