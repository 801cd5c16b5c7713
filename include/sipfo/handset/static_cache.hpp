#pragma once
// A handset's static DNS cache: records configured in the phone itself (Yealink
// `dns_cache_a.X.*`, `dns_cache_srv.X.*`, `dns_cache_naptr.X.*`, Yealink Server Redundancy
// Appendix B), consulted when DNS gives nothing, or first (`static_cache_pri=1`).

#include "sipfo/dns/answer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sipfo::handset {

enum class StaticCachePriority {
  after_dns,  // static_cache_pri = 0 (default): only when DNS gives nothing
  before_dns, // static_cache_pri = 1
};

struct StaticCache {
  std::vector<dns::Record> records;
  // Where each record came from ("dns_cache_srv.2"), parallel to `records`.
  std::vector<std::string> keys;
  StaticCachePriority priority = StaticCachePriority::after_dns;
  // Entries the phone cannot use, each with why ("dns_cache_a.2 has no name"):
  // a blank field is the phone's default, not a file error (Appendix B).
  std::vector<std::string> unusable;

  bool empty() const noexcept { return records.empty() && unusable.empty(); }
  // The records for a question, as an answer with carrier static_cache; nullopt
  // when the cache has none of that name and type.
  std::optional<dns::Answer> answer(const dns::Question& question) const;
};

// One `key = value` setting from a phone configuration or the command line.
struct KeyValue {
  std::string key;
  std::string value;
  std::string where; // "phone.cfg:12" or "--static", for messages
};

// Builds the cache from Yealink settings: "dns_cache_srv.1.name" = "_sip._udp.x",
// "dns_cache_srv.1.target" = ..., and so on (name, ip, port, priority, weight,
// ttl; NAPTR flags, order, preference, service, replace). Keys that are not
// dns_cache_* are ignored. Throws util::InputError naming where and the key for a
// bad value or an incomplete record.
StaticCache static_cache_from_settings(const std::vector<KeyValue>& settings);

} // namespace sipfo::handset
