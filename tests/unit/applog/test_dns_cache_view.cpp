#include "sipfo/applog/dns_cache_view.hpp"

#include <doctest/doctest.h>

using namespace sipfo::applog;

namespace {

DnsLookup answer(RecordType type, std::string name, std::string address)
{
  DnsLookup lookup;
  lookup.type = type;
  lookup.name = std::move(name);
  lookup.addresses.push_back(std::move(address));
  return lookup;
}

} // namespace

TEST_CASE("applog::DnsCacheView: the newest entry for a name and type answers, names compare as DNS names")
{
  DnsCacheView cache(4);
  cache.remember(answer(RecordType::a, "pbx.example.org", "192.0.2.1"), false, 10);
  cache.remember(answer(RecordType::a, "pbx.example.org", "192.0.2.2"), false, 20);
  cache.remember(answer(RecordType::srv, "pbx.example.org", "x"), true, 30);
  const auto* found = cache.find(RecordType::a, "PBX.example.org.");
  REQUIRE(found != nullptr);
  CHECK(found->line == 20);
  CHECK(found->answer.addresses == std::vector<std::string>{"192.0.2.2"});
  CHECK_FALSE(found->negative);
  REQUIRE(cache.find(RecordType::srv, "pbx.example.org") != nullptr);
  CHECK(cache.find(RecordType::srv, "pbx.example.org")->negative);
  CHECK(cache.find(RecordType::naptr, "pbx.example.org") == nullptr);
}

TEST_CASE("applog::DnsCacheView: a full cache forgets its oldest entry")
{
  DnsCacheView cache(2);
  cache.remember(answer(RecordType::a, "one.example.org", "192.0.2.1"), false, 1);
  cache.remember(answer(RecordType::a, "two.example.org", "192.0.2.2"), false, 2);
  cache.remember(answer(RecordType::a, "three.example.org", "192.0.2.3"), false, 3);
  CHECK(cache.find(RecordType::a, "one.example.org") == nullptr);
  REQUIRE(cache.find(RecordType::a, "two.example.org") != nullptr);
  REQUIRE(cache.find(RecordType::a, "three.example.org") != nullptr);
  CHECK(cache.find(RecordType::a, "three.example.org")->answer.addresses[0] == "192.0.2.3");
  DnsCacheView none(0);
  none.remember(answer(RecordType::a, "one.example.org", "192.0.2.1"), false, 1);
  CHECK(none.find(RecordType::a, "one.example.org") == nullptr);
}
