#include "sipfo/applog/tree_recycler.hpp"

#include <utility>

namespace sipfo::applog {

namespace {

// Moves a spare's emptied buffer into a fresh object's member. Only the members named
// below are reused; every other member of the fresh object keeps its default, so a
// member added later is right even if it is never listed here.
template <class Container>
void reuse(Container& fresh, Container& spare) noexcept
{
  spare.clear();
  fresh = std::move(spare);
}

} // namespace

Attempt TreeRecycler::attempt()
{
  Attempt fresh;
  fill(fresh);
  return fresh;
}

DnsLookup TreeRecycler::lookup()
{
  DnsLookup fresh;
  fill(fresh);
  return fresh;
}

void TreeRecycler::fill(Attempt& fresh)
{
  if (attempts_.empty()) return;
  Attempt& spare = attempts_.back();
  reuse(fresh.user, spare.user);
  reuse(fresh.configured_name, spare.configured_name);
  reuse(fresh.lookups, spare.lookups);
  reuse(fresh.srv_to_a, spare.srv_to_a);
  reuse(fresh.used_addresses, spare.used_addresses);
  reuse(fresh.reported_host, spare.reported_host);
  reuse(fresh.a_step_name, spare.a_step_name);
  reuse(fresh.candidates, spare.candidates);
  reuse(fresh.sip_steps, spare.sip_steps);
  reuse(fresh.failures, spare.failures);
  reuse(fresh.explicit_server, spare.explicit_server);
  reuse(fresh.active, spare.active);
  reuse(fresh.explain, spare.explain);
  attempts_.pop_back();
}

void TreeRecycler::fill(DnsLookup& fresh)
{
  if (lookups_.empty()) return;
  DnsLookup& spare = lookups_.back();
  reuse(fresh.name, spare.name);
  reuse(fresh.naptr, spare.naptr);
  reuse(fresh.srv, spare.srv);
  reuse(fresh.addresses, spare.addresses);
  reuse(fresh.lines, spare.lines);
  lookups_.pop_back();
}

void TreeRecycler::give(Attempt&& dropped)
{
  for (DnsLookup& lookup : dropped.lookups) give(std::move(lookup));
  if (attempts_.size() < attempt_room_) attempts_.push_back(std::move(dropped));
}

void TreeRecycler::give(DnsLookup&& dropped)
{
  if (lookups_.size() < lookup_room_) lookups_.push_back(std::move(dropped));
}

} // namespace sipfo::applog
