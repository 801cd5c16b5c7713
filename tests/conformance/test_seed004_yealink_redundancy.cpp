// Conformance: Yealink "Server Redundancy on Yealink IP Phones", the edition that
// lists SIP-T58V (firmware 80/81). Most statements are word for word those of the
// other edition and are tested in test_seed003_yealink_redundancy.cpp; this file
// holds what this edition says differently or more exactly.

#include "conformance_support.hpp"

#include "sipfo/handset/static_cache.hpp"

#include <doctest/doctest.h>

using namespace conformance;
using handset::ServerSetting;
using handset::TransportSetting;

namespace {

const std::string pbx = "yealink.pbx.com.";

} // namespace

TEST_CASE("Yealink (T58V edition) Appendix B Example 1: both static A records for yealink.pbx.com are used, with the configured port 5060")
{
  const auto c = cache({{"dns_cache_a.1.name", "yealink.pbx.com"}, {"dns_cache_a.1.ip", "192.168.1.13"},
                        {"dns_cache_a.1.ttl", "3600"}, {"dns_cache_a.2.name", "yealink.pbx.com"},
                        {"dns_cache_a.2.ip", "192.168.1.14"}, {"dns_cache_a.2.ttl", "3600"}});
  // port 5060 with transport_type 3: A only (Server Domain Name Resolution).
  const auto r = resolve("yealink", {"yealink.pbx.com", 5060, TransportSetting::naptr}, {zone(pbx, "")}, with(c));
  // Only A questions for the name: DNS first, then the static cache answers.
  for (const auto& q : asked(r.resolution)) CHECK(q == "A yealink.pbx.com.");
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.13:5060/udp", "192.168.1.14:5060/udp"});
  CHECK_FALSE(has_finding(r.resolution, "static_cache_unused"));
}

TEST_CASE("Yealink (T58V edition) Appendix B account.X.naptr_build: SRV query when no result is returned from NAPTR, 0 = UDP only")
{
  // A NAPTR that answers is followed whatever naptr_build says.
  const auto z = zone(pbx, "@ IN NAPTR 10 50 \"s\" \"SIP+D2T\" \"\" _sip._tcp.yealink.pbx.com.\n"
                           "_sip._tcp IN SRV 0 1 5060 t\nt IN A 192.168.1.81\n");
  const auto r = resolve("yealink", {"yealink.pbx.com", 0, TransportSetting::naptr}, {z});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.81:5060/tcp"});
  // No NAPTR result: naptr_build 0 asks _sip._udp only.
  const auto no_naptr = resolve("yealink", {"yealink.pbx.com", 0, TransportSetting::naptr},
                                {zone(pbx, "_sip._tcp IN SRV 0 1 5060 t\nt IN A 192.168.1.81\n@ IN A 192.168.1.80\n")});
  CHECK(endpoints(no_naptr.resolution) == std::vector<std::string>{"192.168.1.80:5060/udp"});
}

TEST_CASE("Yealink (T58V edition) Appendix A and B: the printed _sip_tcp.yealink.pbx.com (a lost dot) is flagged with the intended _sip._tcp name")
{
  // Example 3 of this edition prints replace = _sip_tcp.yealink.pbx.com.
  const auto c = cache({{"dns_cache_naptr.1.name", "yealink.pbx.com"}, {"dns_cache_naptr.1.flags", "S"},
                        {"dns_cache_naptr.1.order", "90"}, {"dns_cache_naptr.1.preference", "50"},
                        {"dns_cache_naptr.1.replace", "_sip_tcp.yealink.pbx.com"},
                        {"dns_cache_naptr.1.service", "SIP+D2T"}});
  const auto r = resolve("yealink", {"yealink.pbx.com", 0, TransportSetting::naptr},
                         {zone(pbx, "_sip._tcp IN SRV 0 1 5060 server1\nserver1 IN A 192.168.1.13\n")}, with(c));
  const auto* f = finding(r.resolution, "naptr_replacement_malformed");
  REQUIRE(f != nullptr);
  CHECK(f->message.find("_sip._tcp.yealink.pbx.com") != std::string::npos);
}

TEST_CASE("Yealink (T58V edition) Server Domain Name Resolution: If no port is found through the DNS query, 5060 will be used")
{
  const auto r = resolve("yealink", {"yealink.pbx.com", 0, TransportSetting::naptr},
                         {zone(pbx, "_sip._udp IN SRV 0 1 0 s\ns IN A 192.168.1.90\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.90:5060/udp"});
}
