#include "sipfo/applog/dns_cache_view.hpp"

namespace sipfo::applog {

void DnsCacheView::remember(const DnsLookup& lookup, bool negative, std::uint64_t line)
{
  if (capacity_ == 0) return;
  // A full cache reuses its oldest entry's storage: no allocation per cached answer
  // once the names and record lists have reached their usual sizes.
  if (entries_.size() < capacity_) entries_.emplace_back();
  Entry& entry = entries_[next_];
  next_ = (next_ + 1) % capacity_;
  entry.answer.type = lookup.type;
  entry.answer.name.assign(lookup.name);
  entry.answer.naptr.assign(lookup.naptr.begin(), lookup.naptr.end());
  entry.answer.srv.assign(lookup.srv.begin(), lookup.srv.end());
  entry.answer.addresses.assign(lookup.addresses.begin(), lookup.addresses.end());
  entry.negative = negative;
  entry.line = line;
}

const DnsCacheView::Entry* DnsCacheView::find(RecordType type, std::string_view name) const
{
  for (std::size_t age = 1; age <= entries_.size(); ++age) {
    const Entry& entry = entries_[(next_ + entries_.size() - age) % entries_.size()];
    if (entry.answer.type == type && same_name(entry.answer.name, name)) return &entry;
  }
  return nullptr;
}

} // namespace sipfo::applog
