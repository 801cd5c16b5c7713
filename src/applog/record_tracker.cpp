#include "sipfo/applog/record_tracker.hpp"

namespace sipfo::applog {

namespace {

void set_naptr_field(NaptrRecord& record, const Event& event)
{
  const std::string_view field = event.address;
  if (field == "order") record.order = event.number;
  else if (field == "preference") record.preference = event.number;
  else if (field == "flags") record.flags = event.detail;
  else if (field == "service") record.service = event.detail;
  else if (field == "regexp") record.regexp = event.detail;
  else if (field == "replacement") record.replacement = event.detail;
}

void set_srv_field(SrvRecord& record, const Event& event)
{
  const std::string_view field = event.address;
  if (field == "target:port") {
    record.target = event.host;
    record.port = event.number;
  } else if (field == "priority") {
    record.priority = event.number;
  } else if (field == "weight") {
    record.weight = event.number;
  }
}

} // namespace

RecordTracker::RecordTracker(LogStory& story) : story_(story) { story_.add_listener(*this); }

void RecordTracker::attempt_opened()
{
  records_lookup_ = -1;
  pending_naptr_.reset();
}

void RecordTracker::attempt_closing()
{
  commit_naptr();
  records_lookup_ = -1;
}

void RecordTracker::answer_of(int lookup_index)
{
  commit_naptr();
  records_lookup_ = lookup_index;
}

DnsLookup* RecordTracker::lookup()
{
  Attempt* a = story_.attempt();
  if (a == nullptr || records_lookup_ < 0 || static_cast<std::size_t>(records_lookup_) >= a->lookups.size()) return nullptr;
  return &a->lookups[static_cast<std::size_t>(records_lookup_)];
}

void RecordTracker::commit_naptr()
{
  if (!pending_naptr_) return;
  if (DnsLookup* l = lookup(); l != nullptr && l->naptr.size() < story_.limits().records_per_lookup) {
    l->naptr.push_back(std::move(*pending_naptr_));
  }
  pending_naptr_.reset();
}

void RecordTracker::record_line(DnsLookup* l, std::uint64_t number, const LogLine& line, const Event& event)
{
  if (l != nullptr) l->lines.push_back(number);
  story_.explain(number, line, event, records_lookup_);
}

void RecordTracker::on_record_list(std::uint64_t number, const LogLine& line, const Event& event)
{
  record_line(lookup(), number, line, event);
}

// A NAPTR record's fields come before its "Added to tail"; a second "order" means
// the previous record ended without one.
void RecordTracker::on_naptr_field(std::uint64_t number, const LogLine& line, const Event& event)
{
  DnsLookup* l = lookup();
  if (pending_naptr_ && event.address == "order" && pending_naptr_->order >= 0) commit_naptr();
  if (!pending_naptr_) pending_naptr_.emplace();
  set_naptr_field(*pending_naptr_, event);
  record_line(l, number, line, event);
}

void RecordTracker::on_naptr_added(std::uint64_t number, const LogLine& line, const Event& event)
{
  DnsLookup* l = lookup();
  if (pending_naptr_) pending_naptr_->line = number;
  commit_naptr();
  record_line(l, number, line, event);
}

void RecordTracker::on_srv_added(std::uint64_t number, const LogLine& line, const Event& event)
{
  DnsLookup* l = lookup();
  if (l != nullptr && l->srv.size() < story_.limits().records_per_lookup) l->srv.push_back(SrvRecord{{}, -1, -1, -1, number});
  record_line(l, number, line, event);
}

void RecordTracker::on_srv_field(std::uint64_t number, const LogLine& line, const Event& event)
{
  DnsLookup* l = lookup();
  if (l != nullptr && !l->srv.empty()) set_srv_field(l->srv.back(), event);
  record_line(l, number, line, event);
}

} // namespace sipfo::applog
