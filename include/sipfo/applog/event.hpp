#pragma once
// A log line recognised as part of a registration story: one DNS or SIP step of the
// 84-Series, with the fields its text carries. Texts are the REAL ones of CS-14-17
// ("Parsing the Log") and applog-format.md §4-5; kinds marked SYN have no public
// sample and are matched loosely (applog-format.md §5).

#include "sipfo/applog/record_type.hpp"

#include <cstdint>
#include <string_view>

namespace sipfo::applog {

enum class EventKind {
  // module dns (applog-format.md §4)
  lookup_start,         // doDnsLookupForList for record T: hostname 'H' attempting..
  lookup_no_match,      // doDnsLookupForList for record T: no match found for 'H'
  passed_in_address,    // doDnsLookupForList(A): returning passed in ipAddress 'IP'
  cache_miss,           // Miss in All DNS cache for H(T)
  cache_hit,            // Hit in Dynamic DNS cache for H(T) expires in N seconds
  negative_cache_hit,   // SYN: Hit in Negative DNS cache for H(T) expires in N seconds
  negative_cache_added, // Added Negative DNS cache entry for H(T) expires in N seconds
  cache_added,          // Added Dynamic DNS cache entry for H(T) expires in N seconds
  cache_found,          // Found DNS cache entry for H(T)
  cache_retained,       // Retaining Dynamic DNS cache for H(T)
  no_answer,            // DNS lookup for (T) 'H' Server has no Answer
  error_code,           // DNS lookup for (T) 'H' found no match (err code: N)
  answer,               // DNS lookup for (T) 'H'(ADDR) TTL=N
  record_list,          // Current List:
  naptr_field,          // order/preference/flags/service/regexp/replacement 'V'
  naptr_added,          // naptr: Added to tail
  srv_added,            // srv: Added to tail (the record's fields follow)
  srv_field,            // target:port 'H:P' / priority 'N' / weight 'N'
  srv_to_a,             // dnsSrv2A calling LookupForList(A) for 'T' port P
  srv_to_a_done,        // dnsSrv2A for host 'S' returned OK (or another word)
  srv_fallback,         // doDnsSrvLookupForARecordList(tp): SRV lookup returned nothing
  a_lookup_step,        // doDnsSrvLookupForARecordList(tp): Doing DNS A lookup (port P)
  port_kept,            // doDnsSrvLookupForARecordList(tp): kept port at P
  // module sip (applog-format.md §5)
  register_start,       // Sip Register Usr:U Dsp:D Auth:'A' Inx:N
  naptr_empty,          // NAPTR query for host 'H' returned no results
  no_address,           // doDnsListLookup(tp): doDnsSrvLookupForARecordList 'H' found no records.
  registration_failed,  // Registration failed User: U, Error Code:NNN reason
  registration_ok,      // SYN: Registration succeeded User: U, Server: ip:port, Expires: n
  register_request,     // SYN: Register request User: U to ip:port (tp) CSeq:n
  register_response,    // SYN: Register response User: U from ip:port: code reason
  register_timeout,     // SYN: Register transaction timeout User: U to ip:port (tp)
  server_failover,      // SYN: Server failover User: U from a to b
  server_failback,      // SYN: Server failback User: U from a to b mode m
  // any module
  ready_for_call,       // Fast Boot Measurement Point: Ready for Call, uptime: S sec.
  boot_marker,          // SYN: Initial log entry. Current logging level N
};

// The fields a kind uses are named in its comment above; the rest stay empty / -1.
struct Event {
  EventKind kind = EventKind::boot_marker;
  RecordType type = RecordType::none;
  std::string_view host;    // H, T or S above; for sip kinds the user U
  std::string_view address; // IP, ip:port, a NAPTR/SRV field name, or a transport tag
  std::string_view detail;  // field value, SIP reason text, the 'to' server of a failover
  std::int64_t number = -1; // TTL / expiry seconds, err code, port, SIP code, Inx, uptime s
};

} // namespace sipfo::applog
