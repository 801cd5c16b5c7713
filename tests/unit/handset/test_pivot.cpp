// Rules of the pivot profile; "CS-18-09" is the PIVOT call server redundancy guide.

#include "fake_dns.hpp"
#include "resolution_view.hpp"

#include "sipfo/handset/profile.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sipfo;
using namespace sipfo::test;

namespace {

handset::Resolution resolve_pivot(FakeDns& dns, std::string field)
{
  return handset::find_profile("pivot")->resolve({std::move(field), 0, handset::TransportSetting::udp}, dns, {});
}

} // namespace

TEST_CASE("pivot: Method 1, IP addresses ranked in field order, priority 1, no DNS")
{
  FakeDns dns({});
  const auto r = resolve_pivot(dns, "corp.test; 192.0.2.1; 192.0.2.2");
  CHECK(screen(r) == std::vector<std::string>{"P1:1 192.0.2.1:5060/udp", "P2:1 192.0.2.2:5060/udp"});
  CHECK(dns.batches.empty()); // the domain is never resolved
  CHECK(handset::preferred_candidate(r)->address == "192.0.2.1");
}

TEST_CASE("pivot: Method 2, A names in field order, the domain is not resolved")
{
  FakeDns dns({a("one.corp.test.", "192.0.2.1"), a("two.corp.test.", "192.0.2.2"), a("corp.test.", "192.0.2.99")});
  const auto r = resolve_pivot(dns, "corp.test ;one.corp.test;  two.corp.test");
  CHECK(screen(r) == std::vector<std::string>{"P1:1 192.0.2.1:5060/udp", "P2:1 192.0.2.2:5060/udp"});
  const auto asked = dns.asked();
  CHECK(std::none_of(asked.begin(), asked.end(), [](const std::string& q) { return q.ends_with(" corp.test."); }));
  CHECK(asked.front() == "SRV _sip._udp.one.corp.test.");
}

TEST_CASE("pivot: Method 3, a single value is the domain and serverspec1, SRV kept in answer order")
{
  // CS-18-09 shows "P1:2 ...139 up" above "P1:1 ...138 up*": the list keeps the DNS
  // order, the preferred server is the one with the better priority.
  FakeDns dns({srv("_sip._udp.corp.test.", 2, 0, 5060, "b.corp.test."), srv("_sip._udp.corp.test.", 1, 0, 5060, "a.corp.test."),
               a("a.corp.test.", "192.0.2.138"), a("b.corp.test.", "192.0.2.139")});
  const auto r = resolve_pivot(dns, "corp.test");
  CHECK(screen(r) == std::vector<std::string>{"P1:2 192.0.2.139:5060/udp", "P1:1 192.0.2.138:5060/udp"});
  CHECK(handset::preferred_candidate(r)->address == "192.0.2.138");
  CHECK_FALSE(has_finding(r, "equal_priority_no_failback"));
}

TEST_CASE("pivot: Method 4, an A pool with equal rank and priority is load balancing")
{
  FakeDns dns({a("pool.corp.test.", "192.0.2.140"), a("pool.corp.test.", "192.0.2.139"),
               a("pool.corp.test.", "192.0.2.138"), a("pool.corp.test.", "192.0.2.141")});
  const auto r = resolve_pivot(dns, "pool.corp.test");
  CHECK(screen(r).size() == 4);
  CHECK(r.candidates.front().address == "192.0.2.140"); // the first received is the one it registers to
  CHECK(has_finding(r, "equal_priority_no_failback"));
}

TEST_CASE("pivot: a serverspec starting with _ is asked as an SRV name, an unresolved one is reported")
{
  FakeDns dns({srv("_sip._tcp.corp.test.", 1, 0, 5070, "a.corp.test."), a("a.corp.test.", "192.0.2.1")});
  const auto r = resolve_pivot(dns, "corp.test; _sip._tcp.corp.test; gone.corp.test");
  CHECK(screen(r) == std::vector<std::string>{"P1:1 192.0.2.1:5070/tcp"});
  CHECK(dns.asked().front() == "SRV _sip._tcp.corp.test.");
  CHECK(has_finding(r, "serverspec_unresolved"));
}

TEST_CASE("pivot: at most four serverspecs")
{
  FakeDns dns({});
  const auto r = resolve_pivot(dns, "d.test; 192.0.2.1; 192.0.2.2; 192.0.2.3; 192.0.2.4; 192.0.2.5");
  CHECK(r.candidates.size() == 4);
  CHECK(r.candidates.back().rank == 4);
}
