#include "sipfo/applog/tree_recycler.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace sipfo::applog;

namespace {

Attempt used_attempt()
{
  Attempt a;
  a.first_line = 7;
  a.user = "a user name longer than the small-string buffer";
  a.line_index = 3;
  a.starts_mid_chain = true;
  a.configured_name = "voice.example.org";
  DnsLookup lookup;
  lookup.type = RecordType::srv;
  lookup.name = "_sip._udp.voice.example.org";
  lookup.outcome = DnsOutcome::nxdomain;
  lookup.lines = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  lookup.addresses = {"192.0.2.1"};
  lookup.related = false;
  a.lookups.push_back(lookup);
  a.lookups.push_back(lookup);
  a.failures.push_back(SipFailure{9, 404, "Not Found", "17", {}});
  a.outcome = Outcome::failed;
  a.diagnosis = Diagnosis{};
  a.success_inferred = true;
  a.transport = Transport::tcp;
  return a;
}

} // namespace

TEST_CASE("applog::TreeRecycler: a recycled attempt reads as a new one and keeps the dropped one's buffers")
{
  TreeRecycler recycler(4, 8);
  Attempt dropped = used_attempt();
  const std::size_t user_capacity = dropped.user.capacity();
  recycler.give(std::move(dropped));
  CHECK(recycler.spare_attempts() == 1);
  CHECK(recycler.spare_lookups() == 2);

  Attempt a = recycler.attempt();
  CHECK(recycler.spare_attempts() == 0);
  CHECK(a.first_line == 0);
  CHECK(a.user.empty());
  CHECK(a.user.capacity() == user_capacity);
  CHECK(a.line_index == -1);
  CHECK_FALSE(a.starts_mid_chain);
  CHECK(a.configured_name.empty());
  CHECK(a.lookups.empty());
  CHECK(a.lookups.capacity() >= 2);
  CHECK(a.failures.empty());
  CHECK(a.outcome == Outcome::unknown);
  CHECK_FALSE(a.diagnosis.has_value());
  CHECK_FALSE(a.success_inferred);
  CHECK_FALSE(a.transport.has_value());

  DnsLookup l = recycler.lookup();
  CHECK(recycler.spare_lookups() == 1);
  CHECK(l.type == RecordType::none);
  CHECK(l.name.empty());
  CHECK(l.name.capacity() >= 27);
  CHECK(l.outcome == DnsOutcome::pending);
  CHECK(l.lines.empty());
  CHECK(l.lines.capacity() >= 9);
  CHECK(l.addresses.empty());
  CHECK(l.related);
}

TEST_CASE("applog::TreeRecycler: spares are bounded and an empty recycler gives default objects")
{
  TreeRecycler recycler(1, 3);
  CHECK(recycler.attempt().lookups.capacity() == 0);
  CHECK(recycler.lookup().name.empty());
  recycler.give(used_attempt());
  recycler.give(used_attempt());
  CHECK(recycler.spare_attempts() == 1);
  CHECK(recycler.spare_lookups() == 3);
}

TEST_CASE("applog::TreeRecycler: fill gives an object in place the dropped one's buffers")
{
  TreeRecycler recycler(2, 4);
  Attempt dropped = used_attempt();
  const std::size_t user_capacity = dropped.user.capacity();
  recycler.give(std::move(dropped));
  std::vector<Attempt> kept(1);
  recycler.fill(kept.back());
  CHECK(recycler.spare_attempts() == 0);
  CHECK(kept.back().user.empty());
  CHECK(kept.back().user.capacity() == user_capacity);
  CHECK(kept.back().lookups.empty());
  CHECK(kept.back().lookups.capacity() >= 2);
  std::vector<DnsLookup> lookups(1);
  recycler.fill(lookups.back());
  CHECK(recycler.spare_lookups() == 1);
  CHECK(lookups.back().name.empty());
  CHECK(lookups.back().name.capacity() >= 27);
  CHECK(lookups.back().related);
  // Nothing spare: the object stays the default one.
  Attempt plain;
  recycler.fill(plain);
  CHECK(plain.user.capacity() == Attempt{}.user.capacity());
  CHECK(plain.lookups.capacity() == 0);
}
