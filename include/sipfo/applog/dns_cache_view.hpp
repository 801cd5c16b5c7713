#pragma once
// What the log shows of the phone's DNS cache: the answers it added (records,
// addresses) and the failures it cached, so that a later "Hit in ... DNS cache" line
// can be given the answer it stands for. Bounded: the oldest entries are forgotten.

#include "sipfo/applog/dns_lookup.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>
#include <string_view>

namespace sipfo::applog {

class DnsCacheView {
public:
  explicit DnsCacheView(std::size_t capacity) : capacity_(capacity) {}

  // The lookup's answer (or its failure, `negative`) as cached on `line`.
  void remember(const DnsLookup& lookup, bool negative, std::uint64_t line);

  struct Entry {
    DnsLookup answer; // type, name, records and addresses only
    bool negative = false;
    std::uint64_t line = 0; // where it was cached
  };
  // The newest entry for the name and type; null when the log showed none.
  const Entry* find(RecordType type, std::string_view name) const;

private:
  std::size_t capacity_;
  std::vector<Entry> entries_; // a ring once full; newest at next_ - 1
  std::size_t next_ = 0;
};

} // namespace sipfo::applog
