#pragma once
// One DNS lookup of the phone as app.log tells it: type and name, what the cache did,
// how it ended (err code meanings from c-ares, applog-format.md §4 / K1) and the
// records of a positive answer.

#include "sipfo/applog/record_type.hpp"

#include "sipfo/util/suggest.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::applog {

// How a lookup ended. The err-code values are c-ares statuses (ares.h).
enum class DnsOutcome {
  pending,        // no result line in the log (yet)
  answered,       // "TTL=" answer with data, or a positive cache hit
  nodata,         // err code 1 (ARES_ENODATA): the name exists, no record of that type
  servfail,       // err code 3 (ARES_ESERVFAIL)
  nxdomain,       // err code 4 (ARES_ENOTFOUND): the name does not exist
  refused,        // err code 6 (ARES_EREFUSED)
  unreachable,    // err code 11 (ARES_ECONNREFUSED): no DNS server answered
  timeout,        // err code 12 (ARES_ETIMEOUT)
  failed,         // another err code, or "no match found" without one
  negative_cache, // served from a negative cache entry: no query was sent
};

std::string_view to_string(DnsOutcome outcome) noexcept;
// The outcome an "err code: N" means.
DnsOutcome outcome_of_error_code(std::int64_t code) noexcept;
// Whether the outcome is a DNS server's definitive "no" (nodata, nxdomain).
bool is_negative_answer(DnsOutcome outcome) noexcept;
// Whether the outcome means the DNS server could not be asked or did not help
// (servfail, refused, unreachable, timeout).
bool is_server_problem(DnsOutcome outcome) noexcept;

enum class CacheUse {
  none,         // no cache line seen
  miss,         // "Miss in All DNS cache": a query follows
  hit,          // "Hit in Dynamic DNS cache": answered from the cache, no query
  negative_hit, // a negative entry answered, no query
};

struct NaptrRecord {
  std::int64_t order = -1;
  std::int64_t preference = -1;
  std::string flags;
  std::string service;
  std::string regexp;
  std::string replacement; // as logged (may be cut short, CS-14-17 "Parsing the Log")
  std::uint64_t line = 0;  // "naptr: Added to tail"
};

struct SrvRecord {
  std::string target;
  std::int64_t port = -1;
  std::int64_t priority = -1;
  std::int64_t weight = -1;
  std::uint64_t line = 0; // "srv: Added to tail"
};

struct DnsLookup {
  RecordType type = RecordType::none;
  std::string name;
  std::uint64_t start_line = 0;  // "attempting.." line; 0 when the log starts after it
  std::uint64_t result_line = 0; // the line that decided `outcome`
  CacheUse cache = CacheUse::none;
  DnsOutcome outcome = DnsOutcome::pending;
  std::int64_t error_code = -1;     // "err code: N"
  std::int64_t ttl = -1;            // answer TTL, seconds
  std::int64_t negative_ttl = -1;   // "Added Negative DNS cache entry ... expires in N seconds"
  std::int64_t cache_expires = -1;  // seconds left on a cache hit
  std::uint64_t negative_source_line = 0; // where the negative entry used by a hit was added
  bool server_gave_no_answer = false;     // "Server has no Answer"
  std::vector<NaptrRecord> naptr;
  std::vector<SrvRecord> srv;
  std::vector<std::string> addresses;
  std::vector<std::uint64_t> lines; // every line about this lookup, in order
  bool related = true;              // part of the registration chain (decided when the attempt closes)
};

// Case-insensitive comparison of DNS names, ignoring a trailing dot.
// The same DNS name: without case and without the root dot. Inline, with an exact
// compare first: the cache view and the trackers call it for every DNS line, and the
// names a phone logs repeat with the same spelling (issue 12 profile: 4-5 %).
inline bool same_name(std::string_view a, std::string_view b) noexcept
{
  if (!a.empty() && a.back() == '.') a.remove_suffix(1);
  if (!b.empty() && b.back() == '.') b.remove_suffix(1);
  if (a.size() != b.size()) return false;
  return a == b || util::iequals(a, b);
}

} // namespace sipfo::applog
