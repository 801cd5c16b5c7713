// Conformance: every checkable statement of CS-18-09, Spectralink Technical
// Bulletin CS-18-09 "Spectralink PIVOT Call Server Redundancy", as a test. Each
// case quotes its statement and section; the input is the DNS data (FakeDns
// records, answered in the order given, like an authoritative server) or the SIP
// outcome, and the expected result is derived from the bulletin's text and its
// SIP status screens. Statements that cannot be checked are in UNTESTABLE.md.

#include "../unit/handset/fake_dns.hpp"
#include "../unit/handset/resolution_view.hpp"

#include "sipfo/handset/profile.hpp"
#include "sipfo/handset/resolution.hpp"
#include "sipfo/probe/active_server.hpp"
#include "sipfo/probe/status.hpp"
#include "sipfo/replay/parameters.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sipfo;
using namespace sipfo::test;

namespace {

handset::Resolution pivot(FakeDns& dns, std::string field)
{
  return handset::find_profile("pivot")->resolve({std::move(field), 0, handset::TransportSetting::udp}, dns, {});
}

bool asked(const FakeDns& dns, const std::string& question)
{
  const auto all = dns.asked();
  return std::find(all.begin(), all.end(), question) != all.end();
}

// The bulletin's example servers ("Call Server Setup").
std::vector<dns::Record> a_names()
{
  return {a("SIPServer1.TestDomain.local.", "172.29.102.138"), a("SIPServer2.TestDomain.local.", "172.29.102.139")};
}

probe::Exchange answer(int code, probe::Origin origin = probe::Origin::server)
{
  probe::Exchange e;
  e.code = code;
  e.origin = origin;
  return e;
}

} // namespace

// --- SIP server field entries ----------------------------------------------

TEST_CASE("CS-18-09 field format: a single value is the domain and serverspec1, and is resolved")
{
  // "if only the domain is specified, it is also treated as serverspec1";
  // Method 3 Admin Tip: "Since our example has only a single value in the SIP
  // server field, the phone attempts DNS resolution."
  auto records = a_names();
  records.push_back(srv("_sip._udp.TestDomain.local.", 1, 0, 5060, "SIPServer1.TestDomain.local."));
  FakeDns dns(records);
  const auto r = pivot(dns, "TestDomain.local");
  CHECK(asked(dns, "SRV _sip._udp.TestDomain.local."));
  CHECK(screen(r) == std::vector<std::string>{"P1:1 172.29.102.138:5060/udp"});
}

TEST_CASE("CS-18-09 Admin Tip SIP Server field values: the first of several values is never resolved")
{
  // "When the SIP server field is populated with multiple semicolon-separated
  // values, the first value is used only for constructing the SIP URI and the
  // handset does not attempt DNS resolution on it."
  auto records = a_names();
  records.push_back(a("TestDomain.local.", "172.29.102.200"));
  records.push_back(srv("_sip._udp.TestDomain.local.", 1, 0, 5060, "SIPServer2.TestDomain.local."));
  FakeDns dns(records);
  const auto r = pivot(dns, "TestDomain.local; SIPServer1.TestDomain.local");
  for (const auto& q : dns.asked()) CHECK(q.find(" TestDomain.local.") == std::string::npos);
  CHECK(screen(r) == std::vector<std::string>{"P1:1 172.29.102.138:5060/udp"});
}

TEST_CASE("CS-18-09 field format: up to four serverspecs, ranked P1 to P4 in field order")
{
  // "the candidate server list is then built by sequentially adding addresses in
  // preferential order as they are discovered by DNS queries for the values the
  // administrator provides for serverspec1 through serverspec4."
  FakeDns dns({a("s1.t.", "10.0.0.1"), a("s2.t.", "10.0.0.2"), a("s3.t.", "10.0.0.3"), a("s4.t.", "10.0.0.4")});
  const auto r = pivot(dns, "t; s4.t; s3.t; s2.t; s1.t");
  CHECK(screen(r) == std::vector<std::string>{"P1:1 10.0.0.4:5060/udp", "P2:1 10.0.0.3:5060/udp",
                                              "P3:1 10.0.0.2:5060/udp", "P4:1 10.0.0.1:5060/udp"});
  const auto* preferred = handset::preferred_candidate(r);
  REQUIRE(preferred != nullptr);
  CHECK(preferred->address == "10.0.0.4");
}

TEST_CASE("CS-18-09 Identifying the redundant call servers: a serverspec may be an SRV name, an A name or an IP")
{
  // "Each serverspec value may be discovered via: a DNS SRV record query ..., a
  // DNS A-name record query ..., or it may be an IP address."
  FakeDns dns({srv("_sip._udp.srv.t.", 5, 0, 5070, "h.t."), a("h.t.", "10.0.1.1"), a("aname.t.", "10.0.1.2")});
  const auto r = pivot(dns, "t; srv.t; aname.t; 10.0.1.3");
  CHECK(screen(r) == std::vector<std::string>{"P1:5 10.0.1.1:5070/udp", "P2:1 10.0.1.2:5060/udp",
                                              "P3:1 10.0.1.3:5060/udp"});
}

TEST_CASE("CS-18-09 SIP server field entry options: an A name with several addresses gives a pool of one rank")
{
  // "a DNS A-name record query (that may return multiple servers to facilitate a
  // load balancing environment)".
  FakeDns dns({a("pool.t.", "10.0.2.1"), a("pool.t.", "10.0.2.2")});
  const auto r = pivot(dns, "t; pool.t");
  CHECK(screen(r) == std::vector<std::string>{"P1:1 10.0.2.1:5060/udp", "P1:1 10.0.2.2:5060/udp"});
}

// --- Method 1 to 4 -----------------------------------------------------------

TEST_CASE("CS-18-09 Method 1: IP addresses, no DNS, ranked in field order with priority 1")
{
  // "SIP server: TestDomain.local; 172.29.102.138; 172.29.102.139" ... "they are
  // ranked in the order that their IP addresses were entered" ... "Priority for
  // both is "1" because the DNS SRV records were not used to set priority and "1"
  // is the default." ... "the preferred server is the active one."
  FakeDns dns({});
  const auto r = pivot(dns, "TestDomain.local; 172.29.102.138; 172.29.102.139");
  CHECK(dns.batches.empty());
  CHECK(screen(r) == std::vector<std::string>{"P1:1 172.29.102.138:5060/udp", "P2:1 172.29.102.139:5060/udp"});
  REQUIRE(handset::preferred_candidate(r) != nullptr);
  CHECK(handset::preferred_candidate(r)->address == "172.29.102.138");
  CHECK_FALSE(has_finding(r, "equal_priority_no_failback"));
}

TEST_CASE("CS-18-09 Method 2: A names in order of preference, P1 and P2, priority 1")
{
  // "SIP server: TestDomain.local; SIPServer1.TestDomain.local;
  // SIPServer2.TestDomain.local" and the screen "P1 1 172.29.102.138 up*" /
  // "P2 1 172.29.102.139 up".
  FakeDns dns(a_names());
  const auto r = pivot(dns, "TestDomain.local; SIPServer1.TestDomain.local; SIPServer2.TestDomain.local");
  CHECK(screen(r) == std::vector<std::string>{"P1:1 172.29.102.138:5060/udp", "P2:1 172.29.102.139:5060/udp"});
  CHECK(handset::preferred_candidate(r)->address == "172.29.102.138");
  CHECK(asked(dns, "A SIPServer1.TestDomain.local."));
  CHECK_FALSE(has_finding(r, "equal_priority_no_failback"));
}

TEST_CASE("CS-18-09 Method 3: SRV records, one rank, the list in DNS answer order, priority decides")
{
  // Screen: "P1:2 172.29.102.139 up" above "P1:1 172.29.102.138 up*". "The P1 for
  // both servers indicates that both have the same rank. Server preference is
  // established by priority set in the DNS SRV records. ... the preferred server,
  // the one with the higher priority, is the active one. The order of the
  // servers in the list reflects the order of the servers reported by the DNS
  // query." Port 5060 comes from the SRV records (Admin Tip: "port number 5060").
  auto records = a_names();
  records.push_back(srv("_sip._udp.TestDomain.local.", 2, 0, 5060, "SIPServer2.TestDomain.local."));
  records.push_back(srv("_sip._udp.TestDomain.local.", 1, 0, 5060, "SIPServer1.TestDomain.local."));
  FakeDns dns(records);
  const auto r = pivot(dns, "TestDomain.local");
  CHECK(screen(r) == std::vector<std::string>{"P1:2 172.29.102.139:5060/udp", "P1:1 172.29.102.138:5060/udp"});
  REQUIRE(handset::preferred_candidate(r) != nullptr);
  CHECK(handset::preferred_candidate(r)->address == "172.29.102.138");
  CHECK_FALSE(has_finding(r, "equal_priority_no_failback"));
}

TEST_CASE("CS-18-09 Method 3: the SRV port is used")
{
  // "Configure the DNS Server to return the IP addresses, and port numbers".
  auto records = a_names();
  records.push_back(srv("_sip._udp.TestDomain.local.", 1, 0, 5080, "SIPServer1.TestDomain.local."));
  FakeDns dns(records);
  CHECK(screen(pivot(dns, "TestDomain.local")) == std::vector<std::string>{"P1:1 172.29.102.138:5080/udp"});
}

TEST_CASE("CS-18-09 Method 4: an A-name pool is load balancing, P1:1 for all, in DNS answer order")
{
  // "SIP server: TestDomain.local; fourAnames.TestDomain.local" and the screen
  // "P1:1 172.29.102.140 up*", ".139", ".138", ".141": "no server is preferred";
  // "the first server is the active one"; "the phone would not "failback"".
  FakeDns dns({a("fourAnames.TestDomain.local.", "172.29.102.140"), a("fourAnames.TestDomain.local.", "172.29.102.139"),
               a("fourAnames.TestDomain.local.", "172.29.102.138"), a("fourAnames.TestDomain.local.", "172.29.102.141")});
  const auto r = pivot(dns, "TestDomain.local; fourAnames.TestDomain.local");
  CHECK(screen(r) == std::vector<std::string>{"P1:1 172.29.102.140:5060/udp", "P1:1 172.29.102.139:5060/udp",
                                              "P1:1 172.29.102.138:5060/udp", "P1:1 172.29.102.141:5060/udp"});
  REQUIRE(handset::preferred_candidate(r) != nullptr);
  CHECK(handset::preferred_candidate(r)->address == "172.29.102.140");
  CHECK(has_finding(r, "equal_priority_no_failback"));
}

TEST_CASE("CS-18-09 SIP server field entry options: SRV records of one priority are load balancing too")
{
  // "DNS SRV records ... It is also a method for load balancing where each server
  // has the same priority."
  auto records = a_names();
  records.push_back(srv("_sip._udp.TestDomain.local.", 1, 0, 5060, "SIPServer1.TestDomain.local."));
  records.push_back(srv("_sip._udp.TestDomain.local.", 1, 0, 5060, "SIPServer2.TestDomain.local."));
  FakeDns dns(records);
  const auto r = pivot(dns, "TestDomain.local");
  CHECK(screen(r) == std::vector<std::string>{"P1:1 172.29.102.138:5060/udp", "P1:1 172.29.102.139:5060/udp"});
  CHECK(has_finding(r, "equal_priority_no_failback"));
}

TEST_CASE("CS-18-09 Method 3 and Method 1: rank beats priority across serverspecs")
{
  // "the phone will register to the highest rank and priority server available
  // (the most preferred server)": P1 first, then the lowest priority within it.
  FakeDns dns({srv("_sip._udp.d.t.", 7, 0, 5060, "x.t."), a("x.t.", "10.0.3.1")});
  const auto r = pivot(dns, "d.t; d.t; 10.0.3.2");
  CHECK(screen(r) == std::vector<std::string>{"P1:7 10.0.3.1:5060/udp", "P2:1 10.0.3.2:5060/udp"});
  CHECK(handset::preferred_candidate(r)->address == "10.0.3.1");
}

TEST_CASE("CS-18-09 results carry no decision for what the bulletin states")
{
  // Answer order, rank-then-priority and the unresolved domain are the bulletin's
  // own rules: they must not be listed as sipfo's assumptions. Method 1 uses none.
  FakeDns dns({});
  CHECK(pivot(dns, "TestDomain.local; 172.29.102.138; 172.29.102.139").decisions.empty());
  // Method 3 asks an SRV name the bulletin does not give: that one is sipfo's.
  auto records = a_names();
  records.push_back(srv("_sip._udp.TestDomain.local.", 1, 0, 5060, "SIPServer1.TestDomain.local."));
  FakeDns dns3(records);
  const auto r = pivot(dns3, "TestDomain.local");
  REQUIRE(r.decisions.size() == 1);
  CHECK(r.decisions[0].find("_sip._udp.") != std::string::npos);
  CHECK(r.decisions[0].find("sipfo's assumption") != std::string::npos);
}

// --- Call server status ------------------------------------------------------

TEST_CASE("CS-18-09 Call server status Failed: 404, 401 or 403 to REGISTER")
{
  // "If the response to the REGISTER request claims the SIP account does not
  // exist (404) or that the authentication credentials are bad (401 or 403), the
  // state of the server is "failed"."
  for (int code : {404, 401, 403}) {
    CAPTURE(code);
    CHECK(probe::candidate_status(answer(200), answer(code)) == probe::Status::failed);
  }
  CHECK(probe::candidate_status(answer(200), answer(200)) == probe::Status::up);
}

TEST_CASE("CS-18-09 Call server status Up: an OPTIONS response below 500")
{
  // "The status is set to "up" if the response to the SIP options requests is
  // less than 500." (408 is the "down" exception below.)
  for (int code : {200, 404, 405, 486}) {
    CAPTURE(code);
    CHECK(probe::options_status(answer(code)) == probe::Status::up);
  }
}

TEST_CASE("CS-18-09 Call server status Down: 408 or an internally generated 503")
{
  // "The status is "down" if the response to our SIP options requests is a 408
  // request timeout or an internally generated 503 response."
  CHECK(probe::options_status(answer(408)) == probe::Status::down);
  CHECK(probe::options_status(answer(408, probe::Origin::local)) == probe::Status::down);
  CHECK(probe::options_status(answer(503, probe::Origin::local)) == probe::Status::down);
}

TEST_CASE("CS-18-09 The list of candidate call servers: the active server is the most preferred one that is up")
{
  // "The phone maintains registration with the highest preference server that is
  // responding, and will not register to multiple servers simultaneously."
  // Method 3's screen: P1:2 listed first, P1:1 active.
  std::vector<probe::Standing> list{{1, 2, probe::Status::up, false}, {1, 1, probe::Status::up, false}};
  CHECK(probe::choose_active(list, probe::RegisterCheck::off) == std::optional<std::size_t>{1});
  // The preferred one down: the next responding one.
  list[1].status = probe::Status::down;
  CHECK(probe::choose_active(list, probe::RegisterCheck::off) == std::optional<std::size_t>{0});
  // Method 4: equal rank and priority, the first of the list.
  std::vector<probe::Standing> pool{{1, 1, probe::Status::up, false}, {1, 1, probe::Status::up, false}};
  CHECK(probe::choose_active(pool, probe::RegisterCheck::off) == std::optional<std::size_t>{0});
}

TEST_CASE("CS-18-09 timers: OPTIONS about every five minutes, refresh at least every 5 minutes, DNS every two hours")
{
  // "The 87-Series phone periodically (about every five minutes) sends SIP Option
  // messages to all candidate servers"; "we periodically refresh our SIP
  // registration. We do this at least every 5 minutes"; "The phone re-queries for
  // DNS names entered in the SIP server field every two hours".
  const auto p = replay::default_parameters(replay::Model::pivot);
  CHECK(p.options_interval == 5 * 60 * 1000);
  CHECK(p.register_refresh_max == 5 * 60 * 1000);
  CHECK(p.dns_requery == 2 * 60 * 60 * 1000);
}
