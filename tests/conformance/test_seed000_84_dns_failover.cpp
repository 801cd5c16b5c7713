// Conformance: Spectralink Technical Bulletin CS-14-17, "84-Series Failover
// Configuration Using DNS". Each case cites the section and sentence it checks; the
// zones are written here, the expected results come from the bulletin (and RFC
// 3263 / RFC 2782 where the bulletin refers to them), never from sipfo's output.

#include "conformance_support.hpp"

#include "sipfo/check/resolve_status.hpp"
#include "sipfo/config/phone_config.hpp"
#include "sipfo/handset/preference.hpp"
#include "sipfo/render/applog_trace.hpp"
#include "sipfo/replay/scenario.hpp"
#include "sipfo/replay/simulation.hpp"
#include "sipfo/replay/world.hpp"

#include <doctest/doctest.h>

using namespace conformance;
using handset::ServerSetting;
using handset::TransportSetting;

namespace {

const std::string lab = "eslab.local.";

// The bulletin's lab: Option 1 SRV records at the domain (priority 0, weights 10
// and 20 as in its New Resource Record dialog), the successful log's piper and
// piper2 behind a NAPTR at testserver (priorities 1 and 2), A records (Step 2).
dns::Zone option1_zone()
{
  return zone(lab, "_sip._udp IN SRV 0 10 5060 mysipserver\n"
                   "_sip._udp IN SRV 0 20 5060 mysipserver2\n"
                   "mysipserver IN A 10.225.2.31\n"
                   "mysipserver2 IN A 10.225.2.32\n");
}

dns::Zone success_log_zone()
{
  return zone(lab, "testserver 36 IN NAPTR 2 10 \"S\" \"\" \"\" _sip._udp.testserver.eslab.local.\n"
                   "_sip._udp.testserver 36 IN SRV 1 10 5060 piper.eslab.local.\n"
                   "_sip._udp.testserver 36 IN SRV 2 20 5060 piper2.eslab.local.\n"
                   "piper 36 IN A 10.225.2.31\n"
                   "piper2 36 IN A 10.225.2.32\n");
}

ServerSetting naptr_port0(std::string address)
{
  return ServerSetting{std::move(address), 0, TransportSetting::naptr};
}

} // namespace

TEST_CASE("CS-14-17 DNS Configuration Step 1: DNSnaptr and port 0 ask NAPTR, then SRV, then A, stopping at the first answer")
{
  // NAPTR answers: SRV at its replacement, then the targets' A. No _sip._udp guess, no A for the domain.
  const auto with_naptr = resolve("spectralink-84", naptr_port0("testserver.eslab.local"), {success_log_zone()});
  CHECK(asked(with_naptr.resolution) == std::vector<std::string>{"NAPTR testserver.eslab.local.",
                                                                  "SRV _sip._udp.testserver.eslab.local.",
                                                                  "A piper.eslab.local.", "A piper2.eslab.local."});
  // No NAPTR: SRV answers, so no A lookup of the domain itself.
  const auto srv_only = resolve("spectralink-84", naptr_port0("eslab.local"), {option1_zone()});
  const auto srv_questions = asked(srv_only.resolution);
  CHECK(srv_questions.at(0) == "NAPTR eslab.local.");
  CHECK(srv_questions.at(1) == "SRV _sip._udp.eslab.local.");
  CHECK(std::find(srv_questions.begin(), srv_questions.end(), "A eslab.local.") == srv_questions.end());
  // Neither NAPTR nor SRV: the A record of the name, port 5060.
  const auto a_only = resolve("spectralink-84", naptr_port0("box.eslab.local"), {zone(lab, "box IN A 10.225.2.40\n")});
  CHECK(asked(a_only.resolution) == std::vector<std::string>{"NAPTR box.eslab.local.", "SRV _sip._udp.box.eslab.local.",
                                                              "A box.eslab.local."});
  CHECK(endpoints(a_only.resolution) == std::vector<std::string>{"10.225.2.40:5060/udp"});
}

TEST_CASE("CS-14-17 Step 1: a transport other than DNS NAPTR skips NAPTR and asks SRV for that transport, then A")
{
  const auto z = zone(lab, "_sip._tcp IN SRV 1 10 5060 tcpbox\n_sips._tcp IN SRV 1 10 5061 tlsbox\n"
                           "tcpbox IN A 10.225.2.41\ntlsbox IN A 10.225.2.42\nplain IN A 10.225.2.43\n");
  const auto tcp = resolve("spectralink-84", {"eslab.local", 0, TransportSetting::tcp}, {z});
  CHECK(asked(tcp.resolution).front() == "SRV _sip._tcp.eslab.local.");
  CHECK(endpoints(tcp.resolution) == std::vector<std::string>{"10.225.2.41:5060/tcp"});
  const auto tls = resolve("spectralink-84", {"eslab.local", 0, TransportSetting::tls}, {z});
  CHECK(asked(tls.resolution).front() == "SRV _sips._tcp.eslab.local."); // RFC 3263 4.1: TLS is _sips._tcp
  CHECK(endpoints(tls.resolution) == std::vector<std::string>{"10.225.2.42:5061/tls"});
  // "followed by an A name record lookup if the SRV record lookup fails"
  const auto udp = resolve("spectralink-84", {"plain.eslab.local", 0, TransportSetting::udp}, {z});
  CHECK(asked(udp.resolution) == std::vector<std::string>{"SRV _sip._udp.plain.eslab.local.", "A plain.eslab.local."});
  CHECK(endpoints(udp.resolution) == std::vector<std::string>{"10.225.2.43:5060/udp"});
}

TEST_CASE("CS-14-17 Step 1: a configured port means no NAPTR or SRV lookup, only an A record")
{
  const auto r = resolve("spectralink-84", {"eslab.local", 5070, TransportSetting::naptr},
                         {zone(lab, "@ IN A 10.225.2.50\n_sip._udp IN SRV 1 1 5060 x\nx IN A 10.225.2.51\n")});
  CHECK(asked(r.resolution) == std::vector<std::string>{"A eslab.local."});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"10.225.2.50:5070/udp"});
  CHECK(has_finding(r.resolution, "explicit_port_skips_srv"));
}

TEST_CASE("CS-14-17 Step 1: no port configured and none from DNS: 5060 for UDP and TCP, 5061 for TLS")
{
  const auto z = zone(lab, "plain IN A 10.225.2.43\n");
  CHECK(endpoints(resolve("spectralink-84", {"plain.eslab.local", 0, TransportSetting::udp}, {z}).resolution) ==
        std::vector<std::string>{"10.225.2.43:5060/udp"});
  CHECK(endpoints(resolve("spectralink-84", {"plain.eslab.local", 0, TransportSetting::tcp}, {z}).resolution) ==
        std::vector<std::string>{"10.225.2.43:5060/tcp"});
  CHECK(endpoints(resolve("spectralink-84", {"plain.eslab.local", 0, TransportSetting::tls}, {z}).resolution) ==
        std::vector<std::string>{"10.225.2.43:5061/tls"});
}

TEST_CASE("CS-14-17 Step 1 (issue 10 class 3): an SRV port 0 is no port from DNS, so 5060 (5061 for TLS), with a finding naming the record")
{
  const auto z = zone(lab, "_sip._udp IN SRV 1 10 0 zero\n_sip._udp IN SRV 2 10 5060 two\n"
                           "_sips._tcp IN SRV 1 10 0 zero\nzero IN A 10.225.2.60\ntwo IN A 10.225.2.61\n");
  const auto udp = resolve("spectralink-84", {"eslab.local", 0, TransportSetting::udp}, {z});
  CHECK(endpoints(udp.resolution) == std::vector<std::string>{"10.225.2.60:5060/udp", "10.225.2.61:5060/udp"});
  const auto* f = finding(udp.resolution, "srv_port_zero");
  REQUIRE(f != nullptr);
  CHECK(f->record.find("SRV 1 10 0 zero.eslab.local.") != std::string::npos);
  const auto tls = resolve("spectralink-84", {"eslab.local", 0, TransportSetting::tls}, {z});
  CHECK(endpoints(tls.resolution) == std::vector<std::string>{"10.225.2.60:5061/tls"});
  for (const auto& c : udp.resolution.candidates) CHECK(c.port != 0);
}

TEST_CASE("CS-14-17 Option 1: a lower priority number is the server you want to be server 1")
{
  const auto r = resolve("spectralink-84", naptr_port0("eslab.local"),
                         {zone(lab, "_sip._udp IN SRV 2 10 5060 second\n_sip._udp IN SRV 1 10 5060 first\n"
                                    "first IN A 10.225.2.1\nsecond IN A 10.225.2.2\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"10.225.2.1:5060/udp", "10.225.2.2:5060/udp"});
}

TEST_CASE("CS-14-17 Option 1 (issue 10 class 1): same priority, the weight determines the server that gets used, and it is no load balancing")
{
  const auto r = resolve("spectralink-84", naptr_port0("eslab.local"), {option1_zone()});
  // "uses of higher number to imply importance": weight 20 before weight 10.
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"10.225.2.32:5060/udp", "10.225.2.31:5060/udp"});
  CHECK_FALSE(has_finding(r.resolution, "equal_priority_no_failback"));
  CHECK(handset::has_preferred_server(handset::ranked_servers(r.resolution.candidates),
                                      handset::preference_rule("spectralink-84")));
  // Equal priority and equal weight: nothing in the bulletin makes one preferred.
  const auto tie = resolve("spectralink-84", naptr_port0("eslab.local"),
                           {zone(lab, "_sip._udp IN SRV 0 10 5060 a\n_sip._udp IN SRV 0 10 5060 b\n"
                                      "a IN A 10.225.2.31\nb IN A 10.225.2.32\n")});
  CHECK(has_finding(tie.resolution, "equal_priority_no_failback"));
}

TEST_CASE("CS-14-17 Option 1: the SRV port is used (an Avaya CS1K uses 5070)")
{
  const auto r = resolve("spectralink-84", naptr_port0("eslab.local"),
                         {zone(lab, "_sip._udp IN SRV 1 10 5070 cs1k\ncs1k IN A 10.225.2.70\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"10.225.2.70:5070/udp"});
}

TEST_CASE("CS-14-17 Option 1: you MUST have one SRV record per SIP server (a single record is no redundancy)")
{
  const auto r = resolve("spectralink-84", naptr_port0("eslab.local"),
                         {zone(lab, "_sip._udp IN SRV 1 10 5060 only\nonly IN A 10.225.2.80\n")});
  CHECK(r.resolution.candidates.size() == 1);
  CHECK(has_finding(r.resolution, "single_server"));
}

TEST_CASE("CS-14-17 Option 1: the phone's XML (volpProt.server.1 address, port 0, transport naptr) is DNSnaptr with port 0")
{
  const auto cfg = config::parse_phone_config(
    "<polycomConfig><volpProt><volpProt.server volpProt.server.1.address=\"eslab.local\" "
    "volpProt.server.1.port=\"0\" volpProt.server.1.transport=\"naptr\" volpProt.server.1.expires=\"3600\"/>"
    "</volpProt></polycomConfig>",
    "site.cfg");
  const auto server = config::configured_server(cfg, 1, 1);
  CHECK(server.setting.address == "eslab.local");
  CHECK(server.setting.port == 0);
  CHECK(server.setting.transport == TransportSetting::naptr);
}

TEST_CASE("CS-14-17 Option 1: reg.1.server.1 parameters are used the same way as volpProt")
{
  const auto cfg = config::parse_phone_config(
    "<polycomConfig><reg reg.1.server.1.address=\"eslab.local\" reg.1.server.1.port=\"0\" "
    "reg.1.server.1.transport=\"naptr\" reg.1.server.1.expires=\"3600\"/></polycomConfig>",
    "phone.cfg");
  const auto server = config::configured_server(cfg, 1, 1);
  CHECK(server.setting.address == "eslab.local");
  CHECK(server.setting.port == 0);
  CHECK(server.setting.transport == TransportSetting::naptr);
}

TEST_CASE("CS-14-17 Option 1: the transport options are DNSNaptr, TCPpreferred, UDPOnly, TLS, TCPOnly")
{
  CHECK(handset::parse_transport_setting("DNSNaptr") == TransportSetting::naptr);
  CHECK(handset::parse_transport_setting("TCPpreferred") == TransportSetting::tcp_preferred);
  CHECK(handset::parse_transport_setting("UDPOnly") == TransportSetting::udp);
  CHECK(handset::parse_transport_setting("TLS") == TransportSetting::tls);
  CHECK(handset::parse_transport_setting("TCPOnly") == TransportSetting::tcp);
}

TEST_CASE("CS-14-17 Option 1 and 2 Warning box (issue 10 class 8): without DNSnaptr and port 0 the bulletin disagrees with Step 1, and the result says so")
{
  const auto z = zone(lab, "plain IN A 10.225.2.43\n");
  const auto tcp = resolve("spectralink-84", {"plain.eslab.local", 0, TransportSetting::tcp}, {z});
  const auto* f = finding(tcp.resolution, "vendor_documents_disagree");
  REQUIRE(f != nullptr);
  CHECK(f->message.find("Warning") != std::string::npos);
  CHECK(f->message.find("Step 1") != std::string::npos);
  const auto port = resolve("spectralink-84", {"plain.eslab.local", 5060, TransportSetting::naptr}, {z});
  CHECK(has_finding(port.resolution, "vendor_documents_disagree"));
  // DNSnaptr with port 0: both passages agree, nothing to say.
  const auto agreed = resolve("spectralink-84", naptr_port0("plain.eslab.local"), {z});
  CHECK_FALSE(has_finding(agreed.resolution, "vendor_documents_disagree"));
}

TEST_CASE("CS-14-17 Failed Registration Log (issue 10 class 8): with DNSnaptr and no NAPTR only _sip._udp is asked, and _sip._tcp records are named, not asked for again")
{
  const auto r = resolve("spectralink-84", naptr_port0("eslab.local"),
                         {zone(lab, "_sip._tcp IN SRV 1 10 5060 t1\n_sip._tcp IN SRV 2 10 5060 t2\n"
                                    "t1 IN A 10.225.2.91\nt2 IN A 10.225.2.92\n")});
  CHECK(asked(r.resolution) == std::vector<std::string>{"NAPTR eslab.local.", "SRV _sip._udp.eslab.local.",
                                                         "A eslab.local."});
  CHECK(r.resolution.candidates.empty());
  const auto* f = finding(r.resolution, "srv_other_transport_unused");
  REQUIRE(f != nullptr);
  CHECK(f->severity == handset::Severity::error);
  CHECK(f->message.find("_sip._udp") != std::string::npos);
  CHECK(f->message.find("Failed Registration Log") != std::string::npos);
  // The generic "create the records" findings would ask for what exists.
  CHECK_FALSE(has_finding(r.resolution, "name_missing"));
  CHECK_FALSE(has_finding(r.resolution, "no_address"));
}

TEST_CASE("CS-14-17 Option 2: a sub-domain with its own NAPTR leads to the SRV and A records")
{
  const auto r = resolve("spectralink-84", naptr_port0("sip.eslab.local"),
                         {zone(lab, "sip IN NAPTR 10 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.sip.eslab.local.\n"
                                    "_sip._udp.sip IN SRV 1 10 5060 p1\n_sip._udp.sip IN SRV 2 10 5060 p2\n"
                                    "p1 IN A 10.225.2.11\np2 IN A 10.225.2.12\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"10.225.2.11:5060/udp", "10.225.2.12:5060/udp"});
}

TEST_CASE("CS-14-17 Step 2: without the A records the handsets cannot locate the IP address")
{
  const auto r = resolve("spectralink-84", naptr_port0("eslab.local"),
                         {zone(lab, "_sip._udp IN SRV 1 10 5060 noa\n_sip._udp IN SRV 2 10 5060 noa2\n")});
  CHECK(r.resolution.candidates.empty());
  CHECK(has_finding(r.resolution, "srv_target_no_address"));
  CHECK(check::resolve_status(r.resolution) == util::ExitStatus::critical);
}

TEST_CASE("CS-14-17 Failed Registration Log: a name that does not exist is asked NAPTR, SRV _sip._udp, then A, and no server is found")
{
  const auto r = resolve("spectralink-84", naptr_port0("testserver.eslab.local"), {zone(lab, "")});
  CHECK(asked(r.resolution) == std::vector<std::string>{"NAPTR testserver.eslab.local.",
                                                         "SRV _sip._udp.testserver.eslab.local.",
                                                         "A testserver.eslab.local."});
  CHECK(r.resolution.candidates.empty());
  CHECK(has_finding(r.resolution, "name_missing"));
}

TEST_CASE("CS-14-17 Successful Registration Log lines 9-14: a NAPTR with flags S and an empty service is followed")
{
  const auto r = resolve("spectralink-84", naptr_port0("testserver.eslab.local"), {success_log_zone()});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"10.225.2.31:5060/udp", "10.225.2.32:5060/udp"});
  CHECK_FALSE(has_finding(r.resolution, "naptr_no_sip_service"));
}

TEST_CASE("CS-14-17 Successful Registration Log lines 22-28: piper (priority 1) is the primary, piper2 (priority 2) the secondary")
{
  const auto r = resolve("spectralink-84", naptr_port0("testserver.eslab.local"), {success_log_zone()});
  REQUIRE(r.resolution.candidates.size() == 2);
  CHECK(r.resolution.candidates[0].target == "piper.eslab.local.");
  CHECK(r.resolution.candidates[0].rank == 1);
  CHECK(r.resolution.candidates[1].target == "piper2.eslab.local.");
  CHECK(handset::preferred_candidate(r.resolution)->address == "10.225.2.31");
  CHECK_FALSE(has_finding(r.resolution, "equal_priority_no_failback"));
}

TEST_CASE("CS-14-17 Successful Registration Log lines 30-42 (issue 10 class 10): the targets' A lookups are asked one after the other")
{
  const auto r = resolve("spectralink-84", naptr_port0("testserver.eslab.local"), {success_log_zone()});
  // Each A question in a resolve() call of its own, piper before piper2.
  std::vector<std::string> a_batches;
  for (const auto& batch : r.batches) {
    if (batch.front().type != dns::RrType::a) continue;
    CHECK(batch.size() == 1);
    a_batches.push_back(batch.front().name);
  }
  CHECK(a_batches == std::vector<std::string>{"piper.eslab.local.", "piper2.eslab.local."});
  // --trace=applog writes dnsSrv2A for piper, its lookup, then piper2.
  const auto log = render::applog_trace(naptr_port0("testserver.eslab.local"), r.resolution);
  const auto first = log.find("dnsSrv2A calling LookupForList(A) for 'piper.eslab.local.'");
  const auto piper_answer = log.find("DNS lookup for (A) 'piper.eslab.local.'");
  const auto second = log.find("dnsSrv2A calling LookupForList(A) for 'piper2.eslab.local.'");
  REQUIRE(first != std::string::npos);
  REQUIRE(piper_answer != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(first < piper_answer);
  CHECK(piper_answer < second);
}

TEST_CASE("CS-14-17 Successful Registration Log lines 44-45: an IP address is used as passed in, without a query")
{
  const auto r = resolve("spectralink-84", {"10.225.2.35", 0, TransportSetting::naptr}, {zone(lab, "")});
  CHECK(r.batches.empty());
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"10.225.2.35:5060/udp"});
}

TEST_CASE("CS-14-17 Successful Registration Log lines 44-45 (issue 10 class 4): a numeric SRV target is used as passed in, without an A query")
{
  const auto r = resolve("spectralink-84", naptr_port0("eslab.local"),
                         {zone(lab, "_sip._udp IN SRV 1 10 5060 127.0.0.85.\n_sip._udp IN SRV 2 10 5060 b\n"
                                    "b IN A 10.225.2.2\n")});
  CHECK(endpoints(r.resolution) == std::vector<std::string>{"127.0.0.85:5060/udp", "10.225.2.2:5060/udp"});
  for (const auto& q : asked(r.resolution)) CHECK(q != "A 127.0.0.85.");
  CHECK(has_finding(r.resolution, "srv_target_numeric"));
}

TEST_CASE("CS-14-17 Description: with DNS the phone learns which servers are primary, secondary, tertiary")
{
  const auto r = resolve("spectralink-84", naptr_port0("eslab.local"),
                         {zone(lab, "_sip._udp IN SRV 3 10 5060 c\n_sip._udp IN SRV 1 10 5060 a\n"
                                    "_sip._udp IN SRV 2 10 5060 b\na IN A 10.225.2.1\nb IN A 10.225.2.2\n"
                                    "c IN A 10.225.2.3\n")});
  CHECK(endpoints(r.resolution) ==
        std::vector<std::string>{"10.225.2.1:5060/udp", "10.225.2.2:5060/udp", "10.225.2.3:5060/udp"});
}

// --- registration statements, checked through the replay library ---------------

namespace {

replay::PhoneResult replay_84(const std::string& address, const std::string& servers)
{
  const std::string dir = std::string(SIPFO_SOURCE_DIR) + "/fixtures/scenarios/";
  const std::string toml = "profile = \"spectralink-84\"\nduration = \"2h\"\nzone = \"replay.test.zone\"\n"
                           "[phone]\naddress = \"" + address + "\"\nport = 0\ntransport = \"naptr\"\n" + servers;
  const auto scenario = replay::parse_scenario(toml, dir + "conformance.toml");
  const auto world = replay::build_world(scenario, {});
  return replay::simulate_phone(scenario, world, replay::PhoneRun{0, 0, true});
}

} // namespace

TEST_CASE("CS-14-17 Description: with DNS the phone registers to one server at a time instead of all of them at once")
{
  // replay.test: SRV p1 priority 1, p2 priority 2; both up all the time.
  const auto phone = replay_84("replay.test", "[[server]]\nname = \"p1\"\naddress = \"10.0.0.1:5060\"\n"
                                              "[[server]]\nname = \"p2\"\naddress = \"10.0.0.2:5060\"\n");
  REQUIRE_FALSE(phone.bindings.empty());
  for (const auto& b : phone.bindings) CHECK(b.server == 0); // p1 only
  CHECK(phone.messages[1][0] == 0);                        // no REGISTER to p2
}

TEST_CASE("CS-14-17 Failed Registration Log line 31: no server found in DNS, so registration fails without any REGISTER sent")
{
  const auto phone = replay_84("missing.replay.test", "");
  CHECK(phone.bindings.empty());
  for (const auto& per_server : phone.messages) CHECK(per_server[0] == 0);
}
