// Rules of the rfc3263 profile; section numbers are RFC 3263's.

#include "fake_dns.hpp"

#include "sipfo/handset/profile.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sipfo;
using namespace sipfo::test;
using handset::TransportSetting;

namespace {

handset::Resolution resolve3263(FakeDns& dns, std::string address, std::uint16_t port = 0,
                                TransportSetting transport = TransportSetting::naptr, std::uint64_t seed = 1)
{
  return handset::find_profile("rfc3263")->resolve({std::move(address), port, transport}, dns, {seed});
}

std::vector<std::string> endpoints(const handset::Resolution& r)
{
  std::vector<std::string> out;
  for (const auto& c : r.candidates) out.push_back(handset::endpoint_text(c));
  return out;
}

} // namespace

TEST_CASE("rfc3263: without NAPTR, SRV for every supported transport is asked together (4.1)")
{
  FakeDns dns({srv("_sip._tcp.x.test.", 1, 0, 5060, "t.x.test."), srv("_sip._udp.x.test.", 1, 0, 5060, "u.x.test."),
               a("t.x.test.", "192.0.2.1"), a("u.x.test.", "192.0.2.2")});
  const auto r = resolve3263(dns, "x.test");
  REQUIRE(dns.batches.size() >= 2);
  CHECK(dns.batches[1].size() == 3);
  CHECK(dns.batches[1][0].name == "_sips._tcp.x.test.");
  // The first transport in preference order that has records wins: TCP before UDP.
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.1:5060/tcp"});
}

TEST_CASE("rfc3263: a NAPTR whose SRV name is empty moves on to the next NAPTR (design §3)")
{
  FakeDns dns({naptr("n.test.", 10, 10, "S", "SIP+D2T", "_sip._tcp.empty.n.test."),
               naptr("n.test.", 20, 10, "S", "SIP+D2U", "_sip._udp.n.test."),
               srv("_sip._udp.n.test.", 1, 0, 5070, "u.n.test."), a("u.n.test.", "192.0.2.3")});
  const auto r = resolve3263(dns, "n.test");
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.3:5070/udp"});
  CHECK(std::any_of(r.findings.begin(), r.findings.end(), [](const auto& f) { return f.code == "naptr_dead_end"; }));
}

TEST_CASE("rfc3263: a SIPS target follows SIPS+D2T only")
{
  FakeDns dns({naptr("s.test.", 10, 10, "S", "SIP+D2U", "_sip._udp.s.test."),
               naptr("s.test.", 20, 10, "S", "SIPS+D2T", "_sips._tcp.s.test."),
               srv("_sip._udp.s.test.", 1, 0, 5060, "u.s.test."), srv("_sips._tcp.s.test.", 1, 0, 5061, "t.s.test."),
               a("u.s.test.", "192.0.2.4"), a("t.s.test.", "192.0.2.5")});
  const auto r = resolve3263(dns, "s.test", 0, TransportSetting::tls);
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.5:5061/tls"});
}

TEST_CASE("rfc3263: address records are AAAA then A, asked together")
{
  FakeDns dns({aaaa("d.test.", "2001:db8::d"), a("d.test.", "192.0.2.6")});
  const auto r = resolve3263(dns, "d.test", 5060);
  REQUIRE(dns.batches.size() == 1);
  CHECK(dns.batches[0].size() == 2);
  CHECK(endpoints(r) == std::vector<std::string>{"[2001:db8::d]:5060/udp", "192.0.2.6:5060/udp"});
}

TEST_CASE("rfc3263: the weighted random order is repeatable with a seed and follows the weights")
{
  std::vector<dns::Record> records{srv("_sip._udp.w.test.", 1, 1, 5060, "light.w.test."),
                                   srv("_sip._udp.w.test.", 1, 99, 5060, "heavy.w.test."),
                                   srv("_sip._udp.w.test.", 2, 0, 5060, "backup.w.test."),
                                   a("light.w.test.", "192.0.2.7"), a("heavy.w.test.", "192.0.2.8"),
                                   a("backup.w.test.", "192.0.2.9")};
  int heavy_first = 0;
  for (std::uint64_t seed = 0; seed < 1000; ++seed) {
    FakeDns dns(records);
    const auto r = resolve3263(dns, "w.test", 0, TransportSetting::udp, seed);
    REQUIRE(r.candidates.size() == 3);
    CHECK(r.candidates[2].address == "192.0.2.9"); // priority 2 always last
    if (r.candidates[0].address == "192.0.2.8") ++heavy_first;
    FakeDns again(records);
    CHECK(endpoints(resolve3263(again, "w.test", 0, TransportSetting::udp, seed)) == endpoints(r));
  }
  // RFC 2782: P(heavy first) = 99/100 with sum drawn in [0, 100]: r <= 1 picks the
  // light one (r in {0, 1}: 2 of 101 values), so about 98 %. Allow a wide margin.
  CHECK(heavy_first > 940);
  CHECK(heavy_first < 1000);
}
