// Issue 16, the handset layer: addresses no SIP server can have, CNAME loops, and
// SRV target de-duplication at scale.

#include "fake_dns.hpp"

#include "sipfo/dns/zone.hpp"
#include "sipfo/check/resolve_status.hpp"
#include "sipfo/handset/profile.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sipfo;
using namespace sipfo::test;
using handset::TransportSetting;

namespace {

handset::Resolution resolve(const std::string& profile, dns::Resolver& dns, std::string address,
                            std::uint16_t port = 0, TransportSetting transport = TransportSetting::naptr)
{
  return handset::find_profile(profile)->resolve({std::move(address), port, transport}, dns, {});
}

const handset::Finding* finding(const handset::Resolution& r, std::string_view code)
{
  for (const auto& f : r.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

} // namespace

TEST_CASE("issue 16: 0.0.0.0, broadcast and multicast SRV target addresses are never candidates")
{
  FakeDns dns({srv("_sip._udp.x.test", 1, 10, 5060, "zero.x.test"), srv("_sip._udp.x.test", 2, 10, 5060, "bcast.x.test"),
               srv("_sip._udp.x.test", 3, 10, 5060, "mcast.x.test"), srv("_sip._udp.x.test", 4, 10, 5060, "ok.x.test"),
               a("zero.x.test", "0.0.0.0"), a("bcast.x.test", "255.255.255.255"), a("mcast.x.test", "239.1.2.3"),
               a("ok.x.test", "10.0.0.9")});
  for (const std::string profile : {"spectralink-84", "yealink"}) {
    const auto r = resolve(profile, dns, "x.test");
    REQUIRE(r.candidates.size() == 1);
    CHECK(r.candidates[0].address == "10.0.0.9");
    CHECK(r.candidates[0].rank == 1);
    const auto* f = finding(r, "unusable_address");
    REQUIRE(f != nullptr);
    CHECK(f->severity == handset::Severity::warning); // something usable is left
    const auto count = std::count_if(r.findings.begin(), r.findings.end(),
                                     [](const handset::Finding& x) { return x.code == "unusable_address"; });
    CHECK(count == 3);
  }
}

TEST_CASE("issue 16: nothing usable left is an error and no candidate (exit 2, never 0)")
{
  FakeDns dns({a("only.x.test", "224.0.0.1")});
  const auto r = resolve("spectralink-84", dns, "only.x.test", 5060);
  CHECK(r.candidates.empty());
  const auto* f = finding(r, "unusable_address");
  REQUIRE(f != nullptr);
  CHECK(f->severity == handset::Severity::error);
  CHECK(check::resolve_status(r) == util::ExitStatus::critical);
  // A literal setting of such an address, IPv6 multicast and :: too.
  FakeDns none({});
  for (const std::string literal : {"0.0.0.0", "255.255.255.255", "ff02::1", "::"}) {
    const auto lit = resolve("yealink", none, literal, 5060, TransportSetting::udp);
    CHECK_MESSAGE(lit.candidates.empty(), literal);
    CHECK(check::resolve_status(lit) == util::ExitStatus::critical);
  }
  // Unicast neighbours are fine.
  const auto fine = resolve("yealink", none, "223.255.255.255", 5060, TransportSetting::udp);
  CHECK(fine.candidates.size() == 1);
}

TEST_CASE("issue 16: a CNAME loop gets a finding naming the chain")
{
  const auto zone = dns::parse_zone("$ORIGIN loop.test.\n$TTL 60\n@ IN SOA ns admin 1 1 1 1 1\n@ IN NS ns\n"
                                    "ns IN A 10.0.0.53\n_sip._udp IN SRV 1 1 5060 a\n_sip._udp IN SRV 2 1 5060 ok\n"
                                    "a IN CNAME b\nb IN CNAME a\nok IN A 10.0.0.7\n",
                                    "loop.zone");
  dns::ZoneResolver dns({zone});
  const auto r = resolve("spectralink-84", dns, "loop.test");
  const auto* f = finding(r, "cname_loop");
  REQUIRE(f != nullptr);
  CHECK(f->message.find("a.loop.test.") != std::string::npos);
  CHECK(f->message.find("b.loop.test.") != std::string::npos);
  REQUIRE(r.candidates.size() == 1);
  CHECK(r.candidates[0].address == "10.0.0.7");
  // A bounded number of questions, not one per hop forever.
  CHECK(r.queries.size() < 20);
}

TEST_CASE("issue 16: 20000 SRV records over 10000 targets: each target asked once, candidates in SRV order")
{
  // Odd records name the target in lower case without the root dot, even ones in
  // upper case with it: one target for dns::same_name, asked once.
  std::string text = "$ORIGIN big.test.\n$TTL 60\n@ IN SOA ns admin 1 1 1 1 1\n@ IN NS ns\nns IN A 10.0.0.53\n";
  for (int i = 0; i < 20000; ++i) {
    const auto n = std::to_string(i % 10000);
    text += "_sip._udp IN SRV " + std::to_string(i) + " 1 5060 " + (i % 2 ? "t" + n : "T" + n + ".BIG.TEST.") + "\n";
  }
  for (int i = 0; i < 10000; ++i) {
    text += "t" + std::to_string(i) + " IN A 10.1." + std::to_string(i / 256) + "." + std::to_string(i % 256) + "\n";
  }
  dns::ZoneResolver zones({dns::parse_zone(text, "big.zone")});
  const auto r = resolve("yealink", zones, "big.test");
  const auto a_questions = std::count_if(r.queries.begin(), r.queries.end(), [](const handset::Query& q) {
    return q.answer.question.type == dns::RrType::a;
  });
  CHECK(a_questions == 10000);
  REQUIRE(r.candidates.size() == 20000);
  CHECK(r.candidates[0].address == "10.1.0.0");
  CHECK(r.candidates[1].address == "10.1.0.1");
  CHECK(r.candidates[10000].address == "10.1.0.0");
}
