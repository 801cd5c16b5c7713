#pragma once
// Storage of dropped attempts and DNS lookups, handed to the next ones. On a dense log
// (a phone at log.level.change.dns="1": tens of thousands of boots, nine lookups per
// registration) nearly every boot is built and then only summarised; freeing its tree
// and allocating the next one's was an eighth of parse-log's time (issue 12). A
// recycled object is a default one whose strings and vectors keep the buffers of a
// dropped one: the caller cannot tell them apart, only the allocator can.

#include "sipfo/applog/attempt.hpp"
#include "sipfo/applog/dns_lookup.hpp"

#include <cstddef>
#include <vector>

namespace sipfo::applog {

class TreeRecycler {
public:
  // At most `attempts` spare attempts and `lookups` spare lookups are kept (bounded
  // memory: a spare holds only what its largest use needed).
  TreeRecycler(std::size_t attempts, std::size_t lookups) : attempt_room_(attempts), lookup_room_(lookups) {}

  // A default Attempt / DnsLookup, reusing spare storage when there is some.
  Attempt attempt();
  DnsLookup lookup();
  // The same into a default object where it already lives (a boot's deque, an
  // attempt's vector): returning one and moving it there cost a move of every member
  // and a destructor per attempt and per lookup (issue 12). `fresh` must be default.
  void fill(Attempt& fresh);
  void fill(DnsLookup& fresh);

  // Takes a dropped attempt (and its lookups) as spare storage.
  void give(Attempt&& dropped);

  std::size_t spare_attempts() const noexcept { return attempts_.size(); }
  std::size_t spare_lookups() const noexcept { return lookups_.size(); }

private:
  void give(DnsLookup&& dropped);

  std::size_t attempt_room_;
  std::size_t lookup_room_;
  std::vector<Attempt> attempts_;
  std::vector<DnsLookup> lookups_;
};

} // namespace sipfo::applog
