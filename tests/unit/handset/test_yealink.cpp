// Rules of the yealink profile; "Yealink Server Redundancy" is the Yealink SIP server redundancy
// guide (Appendix A: DNS SRV, Appendix B: static DNS cache).

#include "fake_dns.hpp"
#include "resolution_view.hpp"

#include "sipfo/handset/profile.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sipfo;
using namespace sipfo::test;
using handset::TransportSetting;

namespace {

handset::Resolution resolve_yealink(FakeDns& dns, std::string address, std::uint16_t port, TransportSetting transport,
                                    int naptr_build = 0, const handset::StaticCache* cache = nullptr)
{
  return handset::find_profile("yealink")->resolve({std::move(address), port, transport}, dns,
                                                   {std::nullopt, naptr_build, cache});
}

} // namespace

TEST_CASE("yealink: the phone's defaults (UDP, port 5060) ask A only")
{
  const auto* profile = handset::find_profile("yealink");
  CHECK(profile->default_port == 5060);
  CHECK(profile->default_transport == TransportSetting::udp);
  FakeDns dns({a("pbx.test.", "192.0.2.1")});
  CHECK(endpoints(resolve_yealink(dns, "pbx.test", 5060, TransportSetting::udp)) ==
        std::vector<std::string>{"192.0.2.1:5060/udp"});
  CHECK(dns.asked() == std::vector<std::string>{"A pbx.test."});
}

TEST_CASE("yealink: TLS with no SRV answer falls back to A at 5060, as the guides say for any transport")
{
  // "If no port is found through the DNS query, 5060 will be used" (Server
  // Domain Name Resolution), with no exception for TLS.
  FakeDns dns({a("pbx.test.", "192.0.2.1")});
  CHECK(endpoints(resolve_yealink(dns, "pbx.test", 0, TransportSetting::tls)) ==
        std::vector<std::string>{"192.0.2.1:5060/tls"});
}

TEST_CASE("yealink: Appendix A, the lowest order NAPTR decides the transport, higher weight first")
{
  FakeDns dns({naptr("y.test.", 90, 50, "s", "SIP+D2T", "_sip._tcp.y.test."),
               naptr("y.test.", 100, 50, "s", "SIP+D2U", "_sip._udp.y.test."),
               srv("_sip._tcp.y.test.", 0, 1, 5060, "server1.y.test."), srv("_sip._tcp.y.test.", 0, 2, 5060, "server2.y.test."),
               a("server1.y.test.", "192.0.2.1"), a("server2.y.test.", "192.0.2.2")});
  const auto r = resolve_yealink(dns, "y.test", 0, TransportSetting::naptr);
  // "the second record will be picked first": weight 2 before weight 1.
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.2:5060/tcp", "192.0.2.1:5060/tcp"});
}

TEST_CASE("yealink: a NAPTR with an empty flag leads to NAPTR again on its replacement")
{
  FakeDns dns({naptr("e.test.", 10, 10, "", "", "next.e.test."),
               naptr("next.e.test.", 10, 10, "s", "SIP+D2U", "_sip._udp.e.test."),
               srv("_sip._udp.e.test.", 1, 0, 5062, "h.e.test."), a("h.e.test.", "192.0.2.3")});
  const auto r = resolve_yealink(dns, "e.test", 0, TransportSetting::naptr);
  CHECK(dns.asked()[1] == "NAPTR next.e.test.");
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.3:5062/udp"});
}

TEST_CASE("yealink: a loop of empty-flag NAPTR records ends")
{
  FakeDns dns({naptr("l.test.", 10, 10, "", "", "l.test."), a("l.test.", "192.0.2.4")});
  const auto r = resolve_yealink(dns, "l.test", 0, TransportSetting::naptr);
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.4:5060/udp"});
  CHECK(dns.asked().size() < 12);
}

TEST_CASE("yealink: naptr_build 0 asks _sip._udp only, 1 asks UDP, TCP and TLS and concatenates")
{
  std::vector<dns::Record> records{srv("_sip._udp.nb.test.", 1, 0, 5060, "u.nb.test."),
                                   srv("_sips._tcp.nb.test.", 1, 0, 5061, "t.nb.test."), a("u.nb.test.", "192.0.2.5"),
                                   a("t.nb.test.", "192.0.2.6")};
  FakeDns zero(records);
  CHECK(endpoints(resolve_yealink(zero, "nb.test", 0, TransportSetting::naptr, 0)) ==
        std::vector<std::string>{"192.0.2.5:5060/udp"});
  FakeDns one(records);
  CHECK(endpoints(resolve_yealink(one, "nb.test", 0, TransportSetting::naptr, 1)) ==
        std::vector<std::string>{"192.0.2.5:5060/udp", "192.0.2.6:5061/tls"});
  REQUIRE(one.batches.size() >= 2);
  CHECK(one.batches[1].size() == 3); // the three SRV questions together
}

TEST_CASE("yealink: DNS-NAPTR with an explicit port asks A only, with a finding")
{
  FakeDns dns({a("p.test.", "192.0.2.7")});
  const auto r = resolve_yealink(dns, "p.test", 5080, TransportSetting::naptr);
  CHECK(dns.asked() == std::vector<std::string>{"A p.test."});
  CHECK(has_finding(r, "explicit_port_skips_srv"));
}

TEST_CASE("yealink: Appendix B, the static DNS cache answers when DNS gives nothing")
{
  const auto cache = handset::static_cache_from_settings({{"dns_cache_a.1.name", "static.test", "t"},
                                                          {"dns_cache_a.1.ip", "192.0.2.8", "t"}});
  FakeDns dns({});
  const auto r = resolve_yealink(dns, "static.test", 5060, TransportSetting::udp, 0, &cache);
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.8:5060/udp"});
  REQUIRE(r.queries.size() == 2);
  CHECK(r.queries[0].answer.outcome == dns::Outcome::nxdomain); // DNS first
  CHECK(r.queries[1].answer.carrier == dns::Carrier::static_cache);
  CHECK(has_finding(r, "static_cache_used"));
}

TEST_CASE("yealink: static_cache_pri = 1 consults the static cache before DNS")
{
  auto cache = handset::static_cache_from_settings({{"dns_cache_a.1.name", "both.test", "t"},
                                                    {"dns_cache_a.1.ip", "192.0.2.9", "t"}});
  cache.priority = handset::StaticCachePriority::before_dns;
  FakeDns dns({a("both.test.", "192.0.2.10")});
  const auto r = resolve_yealink(dns, "both.test", 5060, TransportSetting::udp, 0, &cache);
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.9:5060/udp"});
  CHECK(dns.batches.empty());
}

TEST_CASE("handset::static_cache_from_settings: records, defaults and errors")
{
  const auto cache = handset::static_cache_from_settings({
    {"dns_cache_srv.10.name", "_sip._udp.s.test", "f:1"},
    {"dns_cache_srv.10.target", "b.s.test", "f:2"},
    {"dns_cache_srv.2.name", "_sip._udp.s.test", "f:3"},
    {"dns_cache_srv.2.target", "a.s.test", "f:4"},
    {"dns_cache_srv.2.port", "5070", "f:5"},
    {"account.1.enable", "1", "f:6"},
  });
  REQUIRE(cache.records.size() == 2);
  CHECK(cache.keys == std::vector<std::string>{"dns_cache_srv.2", "dns_cache_srv.10"}); // numeric order
  CHECK(cache.records[0].ttl == 300);                                                  // Yealink Server Redundancy default
  CHECK(std::get<dns::SrvData>(cache.records[0].data).port == 5070);
  // Appendix B: ip defaults to Blank, so an entry without one is unusable, not a
  // file error (Example 1 of the appendix lists dns_cache_a.2 without a name).
  const auto no_ip = handset::static_cache_from_settings({{"dns_cache_a.1.name", "x.test", "f:9"}});
  CHECK(no_ip.records.empty());
  CHECK(no_ip.unusable == std::vector<std::string>{"dns_cache_a.1 (f:9) has no ip: the phone cannot use it"});
  CHECK_THROWS_WITH_AS(handset::static_cache_from_settings({{"dns_cache_srv.1.prority", "1", "f:3"}}),
                       "f:3: unknown field 'prority' in 'dns_cache_srv.1.prority' (did you mean 'priority'?)",
                       util::InputError);
  CHECK_THROWS_WITH_AS(handset::static_cache_from_settings({{"dns_cache_a.1.adress", "x", "f:4"}}),
                       "f:4: unknown field 'adress' in 'dns_cache_a.1.adress' (fields: name, ip, ttl)",
                       util::InputError);
  CHECK_THROWS_AS(handset::static_cache_from_settings({{"dns_cache_a.1.name", "x.test", "f"}, {"dns_cache_a.1.ip", "300.1.1.1", "f"}}),
                  util::InputError);
}

TEST_CASE("yealink: static cache entries of another server are not reported as unused for this one")
{
  const auto cache = handset::static_cache_from_settings({{"dns_cache_a.1.name", "other.test", "f:1"},
                                                          {"dns_cache_a.1.ip", "192.0.2.7", "f:2"},
                                                          {"dns_cache_srv.1.name", "_sip._tcp.s.test", "f:3"},
                                                          {"dns_cache_srv.1.target", "b.s.test", "f:4"}});
  FakeDns dns({a("s.test.", "192.0.2.1")});
  const auto r = resolve_yealink(dns, "s.test", 0, TransportSetting::naptr, 0, &cache);
  const auto unused = std::count_if(r.findings.begin(), r.findings.end(),
                                    [](const handset::Finding& f) { return f.code == "static_cache_unused"; });
  CHECK(unused == 1); // the _sip._tcp entry under s.test (naptr_build 0), not other.test
}

TEST_CASE("yealink: a SIP+D2S record is passed over and the decision says so, only then")
{
  FakeDns dns({naptr("y.test.", 10, 10, "s", "SIP+D2S", "_sip._sctp.y.test."),
               naptr("y.test.", 20, 10, "s", "SIP+D2U", "_sip._udp.y.test."),
               srv("_sip._udp.y.test.", 0, 1, 5060, "p1.y.test."), a("p1.y.test.", "192.0.2.1")});
  const auto r = resolve_yealink(dns, "y.test", 0, TransportSetting::naptr);
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.1:5060/udp"});
  REQUIRE(r.decisions.size() == 1);
  CHECK(r.decisions.front().find("SIP+D2S") != std::string::npos);

  FakeDns plain({naptr("y.test.", 20, 10, "s", "SIP+D2U", "_sip._udp.y.test."),
                 srv("_sip._udp.y.test.", 0, 1, 5060, "p1.y.test."), a("p1.y.test.", "192.0.2.1")});
  CHECK(resolve_yealink(plain, "y.test", 0, TransportSetting::naptr).decisions.empty());
}
