// Conformance: Yealink "Server Redundancy on Yealink IP Phones" (the edition for
// firmware 80-83 that lists W53P and CP930W-Base). Each case cites its section;
// zones and settings are written here, expectations come from the guide.
// The other edition (listing SIP-T58V) is checked in test_seed004_yealink_redundancy.cpp.

#include "conformance_support.hpp"

#include "sipfo/check/resolve_status.hpp"
#include "sipfo/config/phone_config.hpp"
#include "sipfo/handset/preference.hpp"
#include "sipfo/handset/static_cache.hpp"
#include "sipfo/replay/parameters.hpp"
#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"
#include "sipfo/replay/world.hpp"

#include <doctest/doctest.h>

using namespace conformance;
using handset::ServerSetting;
using handset::TransportSetting;

namespace {

const std::string pbx = "yealink.pbx.com.";

// Appendix A's records: NAPTR order 90 SIP+D2T and order 100 SIP+D2U, SRV priority
// 0 weights 1 and 2, A 192.168.1.13 and .14.
dns::Zone appendix_a_zone()
{
  return zone(pbx, "@ IN NAPTR 90 50 \"s\" \"SIP+D2T\" \"\" _sip._tcp.yealink.pbx.com.\n"
                   "@ IN NAPTR 100 50 \"s\" \"SIP+D2U\" \"\" _sip._udp.yealink.pbx.com.\n"
                   "_sip._tcp IN SRV 0 1 5060 server1\n_sip._tcp IN SRV 0 2 5060 server2\n"
                   "_sip._udp IN SRV 0 1 5060 server1\n"
                   "server1 IN A 192.168.1.13\nserver2 IN A 192.168.1.14\n");
}

ServerSetting dns_naptr(std::uint16_t port = 0)
{
  return ServerSetting{"yealink.pbx.com", port, TransportSetting::naptr};
}

} // namespace

TEST_CASE("Yealink Server Domain Name Resolution: NAPTR, then SRV on the NAPTR's record, then A for the addresses")
{
  const auto r = resolve("yealink", dns_naptr(), {appendix_a_zone()});
  CHECK(asked(r.resolution) == std::vector<std::string>{"NAPTR yealink.pbx.com.", "SRV _sip._tcp.yealink.pbx.com.",
                                                         "A server2.yealink.pbx.com.", "A server1.yealink.pbx.com."});
}

TEST_CASE("Yealink Server Domain Name Resolution: an explicit port (except 0) with DNS-NAPTR performs the A query only")
{
  const auto r = resolve("yealink", dns_naptr(5080), {zone(pbx, "@ IN A 192.168.1.20\n")});
  CHECK(asked(r.resolution) == std::vector<std::string>{"A yealink.pbx.com."});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.20:5080/udp"});
}

TEST_CASE("Yealink Server Domain Name Resolution: port 0 with DNS-NAPTR tries NAPTR and SRV before falling to A, and 5060 when DNS gives no port")
{
  const auto r = resolve("yealink", dns_naptr(), {zone(pbx, "@ IN A 192.168.1.20\n")});
  CHECK(asked(r.resolution) == std::vector<std::string>{"NAPTR yealink.pbx.com.", "SRV _sip._udp.yealink.pbx.com.",
                                                         "A yealink.pbx.com."});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.20:5060/udp"});
}

TEST_CASE("Yealink Server Domain Name Resolution (issue 10 class 3): an SRV port 0 is no port found through DNS, so 5060, with a finding naming the record")
{
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "_sip._udp IN SRV 0 1 0 server1\nserver1 IN A 192.168.1.13\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.13:5060/udp"});
  const auto* f = finding(r.resolution, "srv_port_zero");
  REQUIRE(f != nullptr);
  CHECK(f->record.find("SRV 0 1 0 server1.yealink.pbx.com.") != std::string::npos);
  CHECK(check::resolve_status(r.resolution) != util::ExitStatus::ok);
}

TEST_CASE("Yealink Configuring Yealink IP Phones, account.X.sip_server.Y: defaults port 5060 and transport_type 0 (UDP) ask A only")
{
  const auto cfg = config::parse_phone_config("#!version:1.0.0.1\naccount.1.sip_server.1.address = yealink.pbx.com\n",
                                              "y.cfg");
  const auto server = config::configured_server(cfg, 1, 1);
  CHECK(server.setting.port == 5060);
  CHECK(server.setting.transport == TransportSetting::udp);
  const auto r = resolve("yealink", server.setting, {zone(pbx, "@ IN A 192.168.1.20\n")});
  CHECK(asked(r.resolution) == std::vector<std::string>{"A yealink.pbx.com."});
}

TEST_CASE("Yealink account.X.sip_server.Y.transport_type: 0 UDP, 1 TCP, 2 TLS, 3 DNS-NAPTR")
{
  CHECK(handset::parse_transport_setting("0") == TransportSetting::udp);
  CHECK(handset::parse_transport_setting("1") == TransportSetting::tcp);
  CHECK(handset::parse_transport_setting("2") == TransportSetting::tls);
  CHECK(handset::parse_transport_setting("3") == TransportSetting::naptr);
}

TEST_CASE("Yealink Appendix A NAPTR: the lower order is picked (90 before 100), flag s means SRV next, SIP+D2T means TCP at _sip._tcp")
{
  const auto r = resolve("yealink", dns_naptr(), {appendix_a_zone()});
  REQUIRE_FALSE(r.resolution.candidates.empty());
  CHECK(r.resolution.candidates.front().transport == handset::Transport::tcp);
  CHECK(r.resolution.candidates.front().srv_name == "_sip._tcp.yealink.pbx.com.");
}

TEST_CASE("Yealink Appendix A NAPTR: at one order the lower pref is more preferred")
{
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "@ IN NAPTR 90 60 \"s\" \"SIP+D2U\" \"\" _sip._udp.yealink.pbx.com.\n"
                                    "@ IN NAPTR 90 50 \"s\" \"SIP+D2T\" \"\" _sip._tcp.yealink.pbx.com.\n"
                                    "_sip._tcp IN SRV 0 1 5060 t\n_sip._udp IN SRV 0 1 5060 u\n"
                                    "t IN A 192.168.1.31\nu IN A 192.168.1.32\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.31:5060/tcp"});
}

TEST_CASE("Yealink Appendix A NAPTR services: SIP+D2S (SCTP) is not a transport the phone uses")
{
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "@ IN NAPTR 10 50 \"s\" \"SIP+D2S\" \"\" _sip._sctp.yealink.pbx.com.\n"
                                    "@ IN NAPTR 20 50 \"s\" \"SIP+D2U\" \"\" _sip._udp.yealink.pbx.com.\n"
                                    "_sip._sctp IN SRV 0 1 5060 s\n_sip._udp IN SRV 0 1 5060 u\n"
                                    "s IN A 192.168.1.41\nu IN A 192.168.1.42\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.42:5060/udp"});
}

TEST_CASE("Yealink Appendix A NAPTR (issue 10 class 6): an empty flag means NAPTR again at the replacement, followed without a malformed-replacement finding")
{
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "@ IN NAPTR 10 50 \"\" \"\" \"\" next.yealink.pbx.com.\n"
                                    "next IN NAPTR 10 50 \"s\" \"SIP+D2U\" \"\" _sip._udp.next.yealink.pbx.com.\n"
                                    "_sip._udp.next IN SRV 0 1 5060 a\n_sip._udp.next IN SRV 1 1 5060 b\n"
                                    "a IN A 192.168.1.51\nb IN A 192.168.1.52\n")});
  CHECK(asked(r.resolution).at(1) == "NAPTR next.yealink.pbx.com.");
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.51:5060/udp", "192.168.1.52:5060/udp"});
  CHECK_FALSE(has_finding(r.resolution, "naptr_replacement_malformed"));
  CHECK(check::resolve_status(r.resolution) == util::ExitStatus::ok);
}

TEST_CASE("Yealink Appendix A SRV: a lower priority is more preferred")
{
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "_sip._udp IN SRV 1 5 5060 b\n_sip._udp IN SRV 0 1 5060 a\n"
                                    "a IN A 192.168.1.61\nb IN A 192.168.1.62\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.61:5060/udp", "192.168.1.62:5060/udp"});
}

TEST_CASE("Yealink Appendix A SRV and A (issue 10 class 1): same priority, the higher weight (server2) is picked first and 192.168.1.14 is used first, no load balancing")
{
  const auto r = resolve("yealink", dns_naptr(), {appendix_a_zone()});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.14:5060/tcp", "192.168.1.13:5060/tcp"});
  CHECK(handset::preferred_candidate(r.resolution)->address == "192.168.1.14");
  CHECK_FALSE(has_finding(r.resolution, "equal_priority_no_failback"));
}

TEST_CASE("Yealink Appendix A SRV weight: keep the weights the same to load balance (no preferred server, no failback)")
{
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "_sip._udp IN SRV 0 1 5060 server1\n_sip._udp IN SRV 0 1 5060 server2\n"
                                    "server1 IN A 192.168.1.13\nserver2 IN A 192.168.1.14\n")});
  CHECK(has_finding(r.resolution, "equal_priority_no_failback"));
  CHECK_FALSE(handset::has_preferred_server(handset::ranked_servers(r.resolution.candidates),
                                            handset::preference_rule("yealink")));
}

TEST_CASE("Yealink Appendix A SRV: the port of the SRV record is used")
{
  const auto r = resolve("yealink", dns_naptr(), {zone(pbx, "_sip._udp IN SRV 0 1 5070 s\ns IN A 192.168.1.70\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.70:5070/udp"});
}

TEST_CASE("Yealink Appendix A SRV (issue 10 class 4): a numeric target gets no A query and is used")
{
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "_sip._udp IN SRV 0 2 5060 127.0.0.85.\n_sip._udp IN SRV 0 1 5060 server1\n"
                                    "server1 IN A 192.168.1.13\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"127.0.0.85:5060/udp", "192.168.1.13:5060/udp"});
  for (const auto& q : asked(r.resolution)) CHECK(q != "A 127.0.0.85.");
}

TEST_CASE("Yealink Appendix A A: an A query for each target host name")
{
  const auto r = resolve("yealink", dns_naptr(), {appendix_a_zone()});
  const auto q = asked(r.resolution);
  CHECK(std::count(q.begin(), q.end(), "A server1.yealink.pbx.com.") == 1);
  CHECK(std::count(q.begin(), q.end(), "A server2.yealink.pbx.com.") == 1);
}

TEST_CASE("Yealink Appendix B account.X.naptr_build: 0 asks SRV over UDP only, 1 over UDP, TCP and TLS")
{
  const auto z = zone(pbx, "_sip._tcp IN SRV 0 1 5060 t\nt IN A 192.168.1.81\n");
  const auto zero = resolve("yealink", dns_naptr(), {z});
  const auto q0 = asked(zero.resolution);
  CHECK(std::count(q0.begin(), q0.end(), "SRV _sip._tcp.yealink.pbx.com.") == 0);
  handset::ProfileOptions one;
  one.naptr_build = 1;
  const auto built = resolve("yealink", dns_naptr(), {z}, one);
  const auto q1 = asked(built.resolution);
  CHECK(std::count(q1.begin(), q1.end(), "SRV _sip._udp.yealink.pbx.com.") == 1);
  CHECK(std::count(q1.begin(), q1.end(), "SRV _sip._tcp.yealink.pbx.com.") == 1);
  CHECK(std::count(q1.begin(), q1.end(), "SRV _sips._tcp.yealink.pbx.com.") == 1);
  CHECK(endpoints(built.resolution) == std::vector<std::string>{"192.168.1.81:5060/tcp"});
}

TEST_CASE("Yealink Server Domain Name Resolution and Appendix B static_cache_pri 0: the static DNS cache answers when DNS returns no result")
{
  const auto c = cache({{"dns_cache_a.1.name", "yealink.pbx.com"}, {"dns_cache_a.1.ip", "192.168.1.13"}});
  const auto r = resolve("yealink", dns_naptr(5060), {zone(pbx, "")}, with(c));
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.13:5060/udp"});
  const auto dns_answers = resolve("yealink", dns_naptr(5060), {zone(pbx, "@ IN A 192.168.1.99\n")}, with(c));
  CHECK(endpoints(dns_answers.resolution) == std::vector<std::string>{"192.168.1.99:5060/udp"});
}

TEST_CASE("Yealink Appendix B account.X.static_cache_pri 1: the static DNS cache is used preferentially")
{
  auto c = cache({{"dns_cache_a.1.name", "yealink.pbx.com"}, {"dns_cache_a.1.ip", "192.168.1.13"}});
  c.priority = handset::StaticCachePriority::before_dns;
  const auto r = resolve("yealink", dns_naptr(5060), {zone(pbx, "@ IN A 192.168.1.99\n")}, with(c));
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.13:5060/udp"});
}

TEST_CASE("Yealink Appendix B static_cache_pri read from a configuration file")
{
  const auto cfg = config::parse_phone_config("account.1.sip_server.1.address = yealink.pbx.com\n"
                                              "account.1.static_cache_pri = 1\n"
                                              "dns_cache_a.1.name = yealink.pbx.com\ndns_cache_a.1.ip = 192.168.1.13\n",
                                              "y.cfg");
  const auto server = config::configured_server(cfg, 1, 1);
  CHECK(server.static_cache.priority == handset::StaticCachePriority::before_dns);
}

TEST_CASE("Yealink Appendix B dns_cache_a.X.ttl, dns_cache_srv.X.ttl: default 300, from 30 to 2147483647")
{
  const auto c = cache({{"dns_cache_a.1.name", "a.test"}, {"dns_cache_a.1.ip", "192.168.1.1"}});
  REQUIRE(c.records.size() == 1);
  CHECK(c.records[0].ttl == 300);
  CHECK_THROWS(cache({{"dns_cache_a.1.name", "a.test"}, {"dns_cache_a.1.ip", "192.168.1.1"}, {"dns_cache_a.1.ttl", "29"}}));
  CHECK_NOTHROW(
    cache({{"dns_cache_a.1.name", "a.test"}, {"dns_cache_a.1.ip", "192.168.1.1"}, {"dns_cache_a.1.ttl", "2147483647"}}));
}

TEST_CASE("Yealink Appendix B dns_cache_srv.X.port default 0 (issue 10 class 5): a static SRV without a port is used with 5060, never port 0")
{
  const auto c = cache({{"dns_cache_srv.1.name", "_sip._udp.yealink.pbx.com"},
                        {"dns_cache_srv.1.target", "server1.yealink.pbx.com"}});
  const auto r = resolve("yealink", dns_naptr(), {zone(pbx, "server1 IN A 192.168.1.13\n")}, with(c));
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.13:5060/udp"});
  CHECK(has_finding(r.resolution, "srv_port_zero"));
}

TEST_CASE("Yealink Appendix B dns_cache_srv priority and weight: lower priority, then higher weight, is preferred")
{
  const auto c = cache({{"dns_cache_srv.1.name", "_sip._udp.yealink.pbx.com"}, {"dns_cache_srv.1.port", "5060"},
                        {"dns_cache_srv.1.priority", "0"}, {"dns_cache_srv.1.weight", "1"},
                        {"dns_cache_srv.1.target", "server1.yealink.pbx.com"},
                        {"dns_cache_srv.2.name", "_sip._udp.yealink.pbx.com"}, {"dns_cache_srv.2.port", "5060"},
                        {"dns_cache_srv.2.priority", "0"}, {"dns_cache_srv.2.weight", "2"},
                        {"dns_cache_srv.2.target", "server2.yealink.pbx.com"},
                        {"dns_cache_srv.3.name", "_sip._udp.yealink.pbx.com"}, {"dns_cache_srv.3.port", "5060"},
                        {"dns_cache_srv.3.priority", "1"}, {"dns_cache_srv.3.weight", "9"},
                        {"dns_cache_srv.3.target", "server3.yealink.pbx.com"}});
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "server1 IN A 192.168.1.13\nserver2 IN A 192.168.1.14\nserver3 IN A 192.168.1.15\n")},
                         with(c));
  CHECK(endpoints(r.resolution) ==
        std::vector<std::string>{"192.168.1.14:5060/udp", "192.168.1.13:5060/udp", "192.168.1.15:5060/udp"});
}

TEST_CASE("Yealink Appendix B dns_cache_naptr.X.flags A (issue 10 class 5): do an A lookup next, at the replacement")
{
  const auto c = cache({{"dns_cache_naptr.1.name", "yealink.pbx.com"}, {"dns_cache_naptr.1.flags", "A"},
                        {"dns_cache_naptr.1.service", "SIP+D2T"}, {"dns_cache_naptr.1.replace", "server1.yealink.pbx.com"}});
  const auto r = resolve("yealink", dns_naptr(), {zone(pbx, "server1 IN A 192.168.1.13\n")}, with(c));
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.13:5060/tcp"});
  CHECK_FALSE(has_finding(r.resolution, "naptr_replacement_malformed"));
}

TEST_CASE("Yealink Appendix B dns_cache_naptr order and preference: the lower order, then the lower preference, is preferred")
{
  const auto c = cache({{"dns_cache_naptr.1.name", "yealink.pbx.com"}, {"dns_cache_naptr.1.flags", "S"},
                        {"dns_cache_naptr.1.order", "100"}, {"dns_cache_naptr.1.preference", "10"},
                        {"dns_cache_naptr.1.service", "SIP+D2U"}, {"dns_cache_naptr.1.replace", "_sip._udp.yealink.pbx.com"},
                        {"dns_cache_naptr.2.name", "yealink.pbx.com"}, {"dns_cache_naptr.2.flags", "S"},
                        {"dns_cache_naptr.2.order", "90"}, {"dns_cache_naptr.2.preference", "50"},
                        {"dns_cache_naptr.2.service", "SIP+D2T"}, {"dns_cache_naptr.2.replace", "_sip._tcp.yealink.pbx.com"}});
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "_sip._tcp IN SRV 0 1 5060 t\n_sip._udp IN SRV 0 1 5060 u\n"
                                    "t IN A 192.168.1.31\nu IN A 192.168.1.32\n")},
                         with(c));
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.31:5060/tcp"});
}

TEST_CASE("Yealink Appendix B Example 1: the static cache provides the A records DNS does not return (dns_cache_a.2 printed without a name)")
{
  // As printed in this edition: dns_cache_a.2 has ip and ttl but no name.
  const auto c = cache({{"dns_cache_a.1.name", "yealink.pbx.com"}, {"dns_cache_a.1.ip", "192.168.1.13"},
                        {"dns_cache_a.1.ttl", "3600"}, {"dns_cache_a.2.ip", "192.168.1.14"}, {"dns_cache_a.2.ttl", "3600"}});
  const auto r = resolve("yealink", dns_naptr(5060), {zone(pbx, "")}, with(c));
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.13:5060/udp"});
  const auto* f = finding(r.resolution, "static_cache_unused");
  REQUIRE(f != nullptr);
  CHECK(f->message.find("dns_cache_a.2") != std::string::npos);
  CHECK(f->message.find("no name") != std::string::npos);
}

TEST_CASE("Yealink Appendix B Example 2 (issue 10 class 5): static SRV for _sip._tcp with the default naptr_build is named as unused, and used with naptr_build 1")
{
  const std::vector<std::pair<std::string, std::string>> example2{
    {"dns_cache_srv.1.name", "_sip._tcp.yealink.pbx.com"}, {"dns_cache_srv.1.port", "5060"},
    {"dns_cache_srv.1.priority", "0"}, {"dns_cache_srv.1.target", "server1.yealink.pbx.com"},
    {"dns_cache_srv.1.weight", "1"}, {"dns_cache_srv.1.ttl", "3600"},
    {"dns_cache_srv.2.name", "_sip._tcp.yealink.pbx.com"}, {"dns_cache_srv.2.port", "5060"},
    {"dns_cache_srv.2.priority", "0"}, {"dns_cache_srv.2.target", "server2.yealink.pbx.com"},
    {"dns_cache_srv.2.weight", "2"}, {"dns_cache_srv.2.ttl", "3600"}};
  const auto c = cache(example2);
  // "your DNS server returns A records but not SRV records"
  const auto a_records = zone(pbx, "@ IN A 192.168.1.10\nserver1 IN A 192.168.1.13\nserver2 IN A 192.168.1.14\n");
  const auto unused = resolve("yealink", dns_naptr(), {a_records}, with(c, 0));
  const auto* f = finding(unused.resolution, "static_cache_unused");
  REQUIRE(f != nullptr);
  CHECK(f->message.find("naptr_build") != std::string::npos);
  CHECK(f->message.find("UDP only") != std::string::npos);
  const auto used = resolve("yealink", dns_naptr(), {a_records}, with(c, 1));
  CHECK(endpoints(used.resolution) == std::vector<std::string>{"192.168.1.14:5060/tcp", "192.168.1.13:5060/tcp"});
  CHECK_FALSE(has_finding(used.resolution, "static_cache_unused"));
}

TEST_CASE("Yealink Appendix B Example 3: the static cache provides the NAPTR records DNS does not return")
{
  const auto c = cache({{"dns_cache_naptr.1.name", "yealink.pbx.com"}, {"dns_cache_naptr.1.flags", "S"},
                        {"dns_cache_naptr.1.order", "90"}, {"dns_cache_naptr.1.preference", "50"},
                        {"dns_cache_naptr.1.replace", "_sip._tcp.yealink.pbx.com"},
                        {"dns_cache_naptr.1.service", "SIP+D2T"}, {"dns_cache_naptr.1.ttl", "3600"},
                        {"dns_cache_naptr.2.name", "yealink.pbx.com"}, {"dns_cache_naptr.2.flags", "S"},
                        {"dns_cache_naptr.2.order", "100"}, {"dns_cache_naptr.2.preference", "50"},
                        {"dns_cache_naptr.2.replace", "_sip._udp.yealink.pbx.com"},
                        {"dns_cache_naptr.2.service", "SIP+D2U"}, {"dns_cache_naptr.2.ttl", "3600"}});
  // "your DNS server returns A and SRV records but not NAPTR records"
  const auto r = resolve("yealink", dns_naptr(),
                         {zone(pbx, "_sip._tcp IN SRV 0 1 5060 server1\n_sip._tcp IN SRV 0 2 5060 server2\n"
                                    "server1 IN A 192.168.1.13\nserver2 IN A 192.168.1.14\n")},
                         with(c));
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"192.168.1.14:5060/tcp", "192.168.1.13:5060/tcp"});
  CHECK(has_finding(r.resolution, "static_cache_used"));
  CHECK_FALSE(has_finding(r.resolution, "static_cache_unused"));
}

// --- registration statements, checked through the replay library ---------------

namespace {

constexpr replay::SimTime sec = 1000;

std::int64_t applied_failback_timeout(std::int64_t value)
{
  auto p = replay::default_parameters(replay::Model::yealink);
  replay::find_parameter(replay::Model::yealink, "failback_timeout")->apply(p, value);
  return p.failback_timeout;
}

} // namespace

TEST_CASE("Yealink account.X.sip_server.Y.retry_counts: integer from 0 to 20, default 3")
{
  const auto* spec = replay::find_parameter(replay::Model::yealink, "retry_counts");
  REQUIRE(spec != nullptr);
  CHECK(spec->min == 0);
  CHECK(spec->max == 20);
  CHECK(replay::default_parameters(replay::Model::yealink).retries == 3);
}

TEST_CASE("Yealink account.X.sip_server.Y.failback_mode: default 0 (newRequests)")
{
  CHECK(replay::default_parameters(replay::Model::yealink).failback == replay::FailbackMode::new_requests);
}

TEST_CASE("Yealink account.X.sip_server.Y.failback_timeout: 0 never, 1 to 59 count as 60 seconds, up to 65535")
{
  CHECK(applied_failback_timeout(0) == 0);
  CHECK(applied_failback_timeout(1 * sec) == 60 * sec);
  CHECK(applied_failback_timeout(59 * sec) == 60 * sec);
  CHECK(applied_failback_timeout(600 * sec) == 600 * sec);
  CHECK(replay::find_parameter(replay::Model::yealink, "failback_timeout")->max == 65535 * sec);
}

TEST_CASE("Yealink account.X.fallback.redundancy_type default 0 (concurrent) and fallback.timeout default 120, from 10")
{
  const auto p = replay::default_parameters(replay::Model::yealink);
  CHECK(p.redundancy_type == 0);
  CHECK(p.fallback_timeout == 120 * sec);
  CHECK(replay::find_parameter(replay::Model::yealink, "fallback.timeout")->min == 10 * sec);
}

TEST_CASE("Yealink Failover Scenario, REGISTER Failover: primary first, the secondary after no response, the next REGISTER back to the primary (failback_mode 0)")
{
  // p1 (priority 1) is down from 0:30 to 1:30 in this scenario.
  const auto scenario = replay::read_scenario(std::string(SIPFO_SOURCE_DIR) + "/fixtures/scenarios/yealink-failback-mode-0.toml");
  const auto world = replay::build_world(scenario, {});
  const auto phone = replay::simulate_phone(scenario, world, replay::PhoneRun{0, 0, true});
  int p1 = -1, p2 = -1;
  for (std::size_t i = 0; i < world.servers.size(); ++i) {
    if (world.servers[i].name == "p1") p1 = static_cast<int>(i);
    if (world.servers[i].name == "p2") p2 = static_cast<int>(i);
  }
  REQUIRE(!phone.bindings.empty());
  CHECK(phone.bindings.front().server == p1); // "must always register to the primary server first"
  REQUIRE(phone.failovers.size() == 1);
  CHECK(phone.failovers[0].to == p2);
  REQUIRE(phone.failbacks.size() == 1);
  CHECK(phone.failbacks[0].to == p1);
  CHECK(phone.failbacks[0].at >= 90 * 60 * sec); // not before p1 is back
}
