// Rules of the spectralink-84 profile. "CS-14-17" is the 84-Series DNS failover
// bulletin (CS-14-17), "DNS Configuration, Step 1", unless a test says otherwise.

#include "fake_dns.hpp"
#include "resolution_view.hpp"

#include "sipfo/check/resolve_status.hpp"
#include "sipfo/handset/profile.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sipfo;
using namespace sipfo::test;
using handset::TransportSetting;

namespace {

handset::Resolution resolve84(FakeDns& dns, std::string address, std::uint16_t port = 0,
                              TransportSetting transport = TransportSetting::naptr)
{
  return handset::find_profile("spectralink-84")->resolve({std::move(address), port, transport}, dns, {});
}

// The success story of the bulletin, with our own names.
std::vector<dns::Record> naptr_story()
{
  return {naptr("corp.test.", 10, 10, "S", "SIP+D2U", "_sip._udp.corp.test."),
          srv("_sip._udp.corp.test.", 2, 20, 5060, "pbx2.corp.test."),
          srv("_sip._udp.corp.test.", 1, 10, 5060, "pbx1.corp.test."),
          a("pbx1.corp.test.", "192.0.2.1"),
          a("pbx2.corp.test.", "192.0.2.2"),
          a("corp.test.", "192.0.2.99")};
}

} // namespace

TEST_CASE("spectralink-84: naptr and port 0 ask NAPTR, then SRV, then the targets' A records one after the other")
{
  FakeDns dns(naptr_story());
  const auto r = resolve84(dns, "corp.test");
  // CS-14-17: "NAPTR, then SRV, followed by A record", stopping at the first that answers:
  // the name's own A record (192.0.2.99) is never asked.
  CHECK(dns.asked() == std::vector<std::string>{"NAPTR corp.test.", "SRV _sip._udp.corp.test.", "A pbx1.corp.test.",
                                                "A pbx2.corp.test."});
  // CS-14-17 Successful Registration Log, lines 30-42: piper's A lookup, then piper2's.
  REQUIRE(dns.batches.size() == 4);
  CHECK(dns.batches[2].size() == 1);
  CHECK(dns.batches[3].size() == 1);
  // SRV priority 1 before 2, whatever the answer order.
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.1:5060/udp", "192.0.2.2:5060/udp"});
  CHECK(r.candidates[0].rank == 1);
  CHECK(r.candidates[1].priority == 2);
  CHECK(r.candidates[1].weight == 20);
  CHECK(r.candidates[0].target == "pbx1.corp.test.");
  CHECK(check::resolve_status(r) == util::ExitStatus::ok);
}

TEST_CASE("spectralink-84: a missing name fails NAPTR, SRV _sip._udp and A, and leaves no candidate")
{
  // CS-14-17 failed log: NAPTR, then SRV '_sip._udp.<name>', then A, all 'err code: 4'.
  FakeDns dns(naptr_story());
  const auto r = resolve84(dns, "missing.corp.test");
  CHECK(dns.asked() == std::vector<std::string>{"NAPTR missing.corp.test.", "SRV _sip._udp.missing.corp.test.",
                                                "A missing.corp.test."});
  CHECK(r.candidates.empty());
  CHECK(has_finding(r, "name_missing"));
  CHECK(check::resolve_status(r) == util::ExitStatus::critical);
}

TEST_CASE("spectralink-84: another transport skips NAPTR and asks SRV for that transport")
{
  std::vector<dns::Record> records = naptr_story();
  records.push_back(srv("_sip._tcp.corp.test.", 1, 0, 5062, "pbx1.corp.test."));
  records.push_back(srv("_sips._tcp.corp.test.", 1, 0, 5063, "pbx2.corp.test."));
  SUBCASE("TCPOnly")
  {
    FakeDns dns(records);
    const auto r = resolve84(dns, "corp.test", 0, TransportSetting::tcp);
    CHECK(dns.asked().front() == "SRV _sip._tcp.corp.test.");
    CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.1:5062/tcp"});
  }
  SUBCASE("TLS uses _sips._tcp")
  {
    FakeDns dns(records);
    const auto r = resolve84(dns, "corp.test", 0, TransportSetting::tls);
    CHECK(dns.asked().front() == "SRV _sips._tcp.corp.test.");
    CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.2:5063/tls"});
  }
  SUBCASE("no SRV for the transport: A with the default port, 5061 for TLS")
  {
    FakeDns dns({a("plain.test.", "192.0.2.7")});
    const auto r = resolve84(dns, "plain.test", 0, TransportSetting::tls);
    CHECK(dns.asked() == std::vector<std::string>{"SRV _sips._tcp.plain.test.", "A plain.test."});
    CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.7:5061/tls"});
  }
}

TEST_CASE("spectralink-84: an explicit port means A only, and with DNSnaptr a finding")
{
  SUBCASE("naptr with port 5060")
  {
    FakeDns dns(naptr_story());
    const auto r = resolve84(dns, "corp.test", 5060);
    CHECK(dns.asked() == std::vector<std::string>{"A corp.test."});
    CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.99:5060/udp"});
    CHECK(has_finding(r, "explicit_port_skips_srv"));
  }
  SUBCASE("UDPOnly with port 5070: no finding about the port")
  {
    FakeDns dns(naptr_story());
    const auto r = resolve84(dns, "corp.test", 5070, TransportSetting::udp);
    CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.99:5070/udp"});
    CHECK_FALSE(has_finding(r, "explicit_port_skips_srv"));
  }
}

TEST_CASE("spectralink-84: a literal IP is used as is, with the default port")
{
  FakeDns dns({});
  CHECK(endpoints(resolve84(dns, "192.0.2.50")) == std::vector<std::string>{"192.0.2.50:5060/udp"});
  CHECK(endpoints(resolve84(dns, "192.0.2.50", 0, TransportSetting::tls)) ==
        std::vector<std::string>{"192.0.2.50:5061/tls"});
  CHECK(endpoints(resolve84(dns, "[2001:db8::5]", 5080)) == std::vector<std::string>{"[2001:db8::5]:5080/udp"});
  CHECK(dns.batches.empty());
}

TEST_CASE("spectralink-84: equal priorities go higher weight first, ties in answer order (design §3)")
{
  FakeDns dns({srv("_sip._udp.lb.test.", 1, 10, 5060, "w10.lb.test."), srv("_sip._udp.lb.test.", 1, 50, 5060, "w50a.lb.test."),
               srv("_sip._udp.lb.test.", 1, 50, 5060, "w50b.lb.test."), a("w10.lb.test.", "192.0.2.10"),
               a("w50a.lb.test.", "192.0.2.50"), a("w50b.lb.test.", "192.0.2.51")});
  const auto r = resolve84(dns, "lb.test");
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.50:5060/udp", "192.0.2.51:5060/udp", "192.0.2.10:5060/udp"});
  // CS-14-17 Option 1: the weight decides the server, so there is a preferred one
  // to fail back to (issue 10 class 1); only equal priority and weight is none.
  CHECK_FALSE(has_finding(r, "equal_priority_no_failback"));
}

TEST_CASE("spectralink-84: a NAPTR whose SRV gives nothing is ignored (design §3)")
{
  FakeDns dns({naptr("dead.test.", 10, 10, "S", "SIP+D2U", "_sip._udp.nowhere.dead.test."),
               srv("_sip._udp.dead.test.", 1, 0, 5060, "pbx.dead.test."), a("pbx.dead.test.", "192.0.2.3")});
  const auto r = resolve84(dns, "dead.test");
  CHECK(dns.asked() == std::vector<std::string>{"NAPTR dead.test.", "SRV _sip._udp.nowhere.dead.test.",
                                                "SRV _sip._udp.dead.test.", "A pbx.dead.test."});
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.3:5060/udp"});
  CHECK(has_finding(r, "naptr_dead_end"));
}

TEST_CASE("spectralink-84: a malformed NAPTR replacement is reported with the likely fix")
{
  FakeDns dns({naptr("typo.test.", 10, 10, "S", "SIP+D2U", "_sip_udp.typo.test."),
               srv("_sip._udp.typo.test.", 1, 0, 5060, "pbx.typo.test."), a("pbx.typo.test.", "192.0.2.4")});
  const auto r = resolve84(dns, "typo.test");
  const auto it = std::find_if(r.findings.begin(), r.findings.end(),
                               [](const auto& f) { return f.code == "naptr_replacement_malformed"; });
  REQUIRE(it != r.findings.end());
  CHECK(it->message.find("_sip._udp.typo.test.") != std::string::npos);
  // The phone still follows it (CS-14-17 log asks SRV for the replacement), finds
  // nothing, and carries on with _sip._udp.
  CHECK(dns.asked()[1] == "SRV _sip_udp.typo.test.");
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.4:5060/udp"});
}

TEST_CASE("spectralink-84: a NAPTR with an empty service is followed (CS-14-17 success log)")
{
  FakeDns dns({naptr("empty.test.", 2, 10, "S", "", "_sip._tcp.empty.test."),
               srv("_sip._tcp.empty.test.", 1, 0, 5060, "pbx.empty.test."), a("pbx.empty.test.", "192.0.2.5")});
  const auto r = resolve84(dns, "empty.test");
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.5:5060/tcp"});
}

TEST_CASE("spectralink-84: SRV targets without address are skipped, none left means stop")
{
  SUBCASE("one of two targets missing")
  {
    FakeDns dns({srv("_sip._udp.half.test.", 1, 0, 5060, "gone.half.test."),
                 srv("_sip._udp.half.test.", 2, 0, 5060, "here.half.test."), a("here.half.test.", "192.0.2.6")});
    const auto r = resolve84(dns, "half.test");
    CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.6:5060/udp"});
    CHECK(has_finding(r, "srv_target_no_address"));
    CHECK(has_finding(r, "single_server"));
    CHECK(check::resolve_status(r) == util::ExitStatus::warning);
  }
  SUBCASE("all missing: no A lookup of the name itself (design §3: stop)")
  {
    FakeDns dns({srv("_sip._udp.void.test.", 1, 0, 5060, "gone.void.test."), a("void.test.", "192.0.2.8")});
    const auto r = resolve84(dns, "void.test");
    CHECK(r.candidates.empty());
    const auto asked = dns.asked();
    CHECK(std::find(asked.begin(), asked.end(), "A void.test.") == asked.end());
  }
}

TEST_CASE("spectralink-84: an SRV target that is a CNAME is followed, with a finding")
{
  FakeDns dns({srv("_sip._udp.cn.test.", 1, 0, 5060, "alias.cn.test."), srv("_sip._udp.cn.test.", 2, 0, 5060, "b.cn.test."),
               cname("alias.cn.test.", "real.other.test."), a("real.other.test.", "192.0.2.9"),
               a("b.cn.test.", "192.0.2.10")});
  const auto r = resolve84(dns, "cn.test");
  // The fake answers the CNAME alone, so the profile must ask for its target.
  const auto asked = dns.asked();
  CHECK(std::find(asked.begin(), asked.end(), "A real.other.test.") != asked.end());
  CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.9:5060/udp", "192.0.2.10:5060/udp"});
  CHECK(has_finding(r, "srv_target_cname"));
}

TEST_CASE("spectralink-84: A records only, never AAAA (design §3)")
{
  SUBCASE("an IPv6-only name: no candidate, and sipfo's own AAAA check says why")
  {
    FakeDns dns({aaaa("v6.test.", "2001:db8::1")});
    const auto r = resolve84(dns, "v6.test", 5060);
    CHECK(dns.asked() == std::vector<std::string>{"A v6.test.", "AAAA v6.test."});
    REQUIRE(r.queries.size() == 2);
    CHECK(r.queries[0].asked_by == handset::Asker::handset);
    CHECK(r.queries[1].asked_by == handset::Asker::sipfo);
    CHECK(r.candidates.empty());
    CHECK(has_finding(r, "no_aaaa_fallback"));
    CHECK_FALSE(has_finding(r, "no_address"));
  }
  SUBCASE("a dual-stack SRV target gives its A address only")
  {
    FakeDns dns({srv("_sip._udp.ds.test.", 1, 0, 5060, "h.ds.test."), a("h.ds.test.", "192.0.2.20"),
                 aaaa("h.ds.test.", "2001:db8::20")});
    const auto r = resolve84(dns, "ds.test");
    CHECK(endpoints(r) == std::vector<std::string>{"192.0.2.20:5060/udp"});
    const auto asked = dns.asked();
    CHECK(std::none_of(asked.begin(), asked.end(), [](const std::string& q) { return q.starts_with("AAAA"); }));
  }
  SUBCASE("no address at all")
  {
    FakeDns dns({srv("none.test.", 1, 0, 5060, "h.none.test.")}); // the name exists, no address
    CHECK(has_finding(resolve84(dns, "none.test", 5060), "no_address"));
  }
}

TEST_CASE("spectralink-84: two SRV records on one address are false redundancy")
{
  FakeDns dns({srv("_sip._udp.one.test.", 1, 0, 5060, "a.one.test."), srv("_sip._udp.one.test.", 2, 0, 5060, "b.one.test."),
               a("a.one.test.", "192.0.2.11"), a("b.one.test.", "192.0.2.11")});
  CHECK(has_finding(resolve84(dns, "one.test"), "same_address"));
}

TEST_CASE("spectralink-84: a NAPTR timeout is not an answer, SRV is asked next")
{
  FakeDns dns({srv("_sip._udp.slow.test.", 1, 0, 5060, "a.slow.test."), srv("_sip._udp.slow.test.", 2, 0, 5060, "b.slow.test."),
               a("a.slow.test.", "192.0.2.12"), a("b.slow.test.", "192.0.2.13")});
  dns.fail("slow.test.", dns::Outcome::timeout);
  const auto r = resolve84(dns, "slow.test");
  CHECK(r.candidates.size() == 2);
  CHECK(has_finding(r, "dns_timeout"));
  CHECK(check::resolve_status(r) == util::ExitStatus::warning);
}

TEST_CASE("spectralink-84: decisions list a weight tie only when two SRV records have one")
{
  // CS-14-17, Option 1 states priority then weight: no assumption is listed
  // for it. Only the order of a tie (equal priority and weight) is sipfo's.
  FakeDns weighted({srv("_sip._udp.w.test.", 0, 10, 5060, "p1.w.test."), srv("_sip._udp.w.test.", 0, 20, 5060, "p2.w.test."),
                    a("p1.w.test.", "192.0.2.1"), a("p2.w.test.", "192.0.2.2"), a("p2.w.test.", "192.0.2.3")});
  const auto plain = resolve84(weighted, "w.test");
  CHECK(endpoints(plain) == std::vector<std::string>{"192.0.2.2:5060/udp", "192.0.2.3:5060/udp", "192.0.2.1:5060/udp"});
  CHECK(plain.decisions.empty());

  FakeDns tied({srv("_sip._udp.t.test.", 0, 10, 5060, "p1.t.test."), srv("_sip._udp.t.test.", 0, 10, 5060, "p2.t.test."),
                a("p1.t.test.", "192.0.2.1"), a("p2.t.test.", "192.0.2.2")});
  const auto tie = resolve84(tied, "t.test");
  REQUIRE(tie.decisions.size() == 1);
  CHECK(tie.decisions.front().find("answer order") != std::string::npos);
}

TEST_CASE("spectralink-84: the several-NAPTR assumption is listed only when there were several")
{
  auto one = naptr_story();
  FakeDns single(one);
  CHECK(resolve84(single, "corp.test").decisions.empty());

  one.push_back(naptr("corp.test.", 20, 10, "S", "SIP+D2T", "_sip._tcp.corp.test."));
  FakeDns several(one);
  const auto r = resolve84(several, "corp.test");
  CHECK(endpoints(r).front() == "192.0.2.1:5060/udp"); // the order-10 record is followed
  REQUIRE(r.decisions.size() == 1);
  CHECK(r.decisions.front().find("several NAPTR records") != std::string::npos);
}
