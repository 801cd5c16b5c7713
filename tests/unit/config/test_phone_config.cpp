#include "sipfo/config/phone_config.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace sipfo;
using handset::TransportSetting;

namespace {

bool has_finding(const config::ConfiguredServer& s, std::string_view code)
{
  return std::any_of(s.findings.begin(), s.findings.end(), [&](const auto& f) { return f.code == code; });
}

} // namespace

TEST_CASE("config: Polycom XML, reg.N.server.M overrides voIpProt.server.M")
{
  const auto cfg = config::parse_phone_config(R"(<?xml version="1.0"?>
<!-- comment with reg.1.server.1.address="ignored" inside -->
<voIpProt voIpProt.server.1.address="global.test" voIpProt.server.1.port="0"
          voIpProt.server.1.transport="TCPOnly"/>
<reg reg.2.server.1.address="line2.test" reg.2.server.1.port='5070' reg.2.server.1.transport="UDPOnly"/>
)", "phone.cfg");
  CHECK(cfg.family == config::ConfigFamily::polycom_xml);
  const auto line1 = config::configured_server(cfg, 1, 1);
  CHECK(line1.setting.address == "global.test");
  CHECK(line1.setting.transport == TransportSetting::tcp);
  CHECK(line1.profile == "spectralink-84");
  const auto line2 = config::configured_server(cfg, 2, 1);
  CHECK(line2.setting.address == "line2.test");
  CHECK(line2.setting.port == 5070);
  CHECK(line2.setting.transport == TransportSetting::udp);
  CHECK(line2.origin == "reg.2.server.1 (phone.cfg:5)");
  CHECK(line2.findings.empty());
}

TEST_CASE("config: the OCR spelling volpProt is read, with a finding, an unknown transport too")
{
  const auto cfg = config::parse_phone_config(
    R"(<volpProt volpProt.server.1.address="x.test" volpProt.server.1.transport="naptr-ish"/>)", "ocr.cfg");
  const auto server = config::configured_server(cfg, 1, 1);
  CHECK(server.setting.address == "x.test");
  CHECK(server.setting.transport == TransportSetting::naptr); // the phone's default stays
  CHECK(has_finding(server, "config_spelling"));
  CHECK(has_finding(server, "transport_unknown"));
}

TEST_CASE("config: XML entities and the seed's transport spelling \"naptr\"")
{
  const auto cfg = config::parse_phone_config(
    R"(<reg reg.1.server.1.address="a&amp;b.test" reg.1.server.1.transport="naptr" reg.1.server.1.port="0"/>)", "f");
  const auto server = config::configured_server(cfg, 1, 1);
  CHECK(server.setting.address == "a&b.test");
  CHECK(server.setting.transport == TransportSetting::naptr);
}

TEST_CASE("config: Yealink .cfg, defaults, naptr_build, static cache")
{
  const auto cfg = config::parse_phone_config(R"(#!version:1.0.0.1
# comment
account.1.sip_server.1.address = y.test
account.1.sip_server.1.transport_type = 3
account.1.naptr_build = 1
account.1.static_cache_pri = 1
dns_cache_a.1.name = y.test
dns_cache_a.1.ip = 192.0.2.1
account.2.sip_server.2.address = "second.test"
)", "y.cfg");
  CHECK(cfg.family == config::ConfigFamily::yealink);
  const auto one = config::configured_server(cfg, 1, 1);
  CHECK(one.profile == "yealink");
  CHECK(one.setting.transport == TransportSetting::naptr);
  CHECK(one.setting.port == 5060); // Yealink Server Redundancy: the port defaults to 5060
  CHECK(one.naptr_build == 1);
  CHECK(one.static_cache.records.size() == 1);
  CHECK(one.static_cache.priority == handset::StaticCachePriority::before_dns);
  const auto two = config::configured_server(cfg, 2, 2);
  CHECK(two.setting.address == "second.test");
  CHECK(two.setting.transport == TransportSetting::udp);
}

TEST_CASE("config: malformed files name the file and line")
{
  CHECK_THROWS_WITH_AS(config::parse_phone_config("<reg reg.1.server.1.address=\"x\"\n  reg.1.server.1.port=0/>", "b.cfg"),
                       "b.cfg:2: the value of reg.1.server.1.port is not quoted (write reg.1.server.1.port=\"...\")",
                       util::InputError);
  CHECK_THROWS_WITH_AS(config::parse_phone_config("<reg a=\"never closed/>\n", "c.cfg"),
                       "c.cfg:1: the value of a is never closed (add the closing quote)", util::InputError);
  CHECK_THROWS_WITH_AS(config::parse_phone_config("#!version:1\njust words\n", "y.cfg"),
                       "y.cfg:2: 'just' is not a setting (write key = value, or start a comment with #)",
                       util::InputError);
  const auto cfg = config::parse_phone_config("account.1.sip_server.1.address = x\naccount.1.sip_server.1.port = 65536\n",
                                              "p.cfg");
  CHECK_THROWS_WITH_AS(config::configured_server(cfg, 1, 1),
                       "p.cfg:2: account.1.sip_server.1.port = '65536' is not a port (a port is a number from 0 to 65535)",
                       util::InputError);
  CHECK_THROWS_AS(config::configured_server(cfg, 3, 1), util::InputError);
}

TEST_CASE("issue 16: a configured address gets the DNS-name check a SPEC gets, and a huge value is not echoed")
{
  const std::string label70(70, 'a');
  const auto yealink = config::parse_phone_config("account.1.sip_server.1.address = " + label70 + ".test\n", "y.cfg");
  CHECK_THROWS_WITH_AS(config::configured_server(yealink, 1, 1),
                       doctest::Contains("y.cfg:1: account.1.sip_server.1.address: '"), util::InputError);
  CHECK_THROWS_WITH_AS(config::configured_server(yealink, 1, 1), doctest::Contains("longer than 63 characters"),
                       util::InputError);
  const auto polycom = config::parse_phone_config(
    "<polycomConfig><reg reg.1.server.1.address=\"bad name.test\"/></polycomConfig>", "p.cfg");
  CHECK_THROWS_AS(config::configured_server(polycom, 1, 1), util::InputError);
  // A 1 MB address: the message quotes at most a short prefix.
  const std::string huge(1 << 20, 'b');
  const auto big = config::parse_phone_config("account.1.sip_server.1.address = " + huge + "\n", "y.cfg");
  try {
    config::configured_server(big, 1, 1);
    FAIL("no error for a 1 MB address");
  } catch (const util::InputError& error) {
    CHECK(util::format_input_error(error).size() < 400);
  }
  // A good name passes as before.
  const auto good = config::parse_phone_config("account.1.sip_server.1.address = yealink.pbx.com\n", "y.cfg");
  CHECK(config::configured_server(good, 1, 1).setting.address == "yealink.pbx.com");
}
