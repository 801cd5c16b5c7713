#include "sipfo/handset/server_setting.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

using namespace sipfo::handset;

TEST_CASE("handset::parse_transport_setting: sipfo's names and the vendors' spellings")
{
  // CS-14-17: "DNSNaptr, TCPpreferred, UDPOnly, TLS, TCPOnly"; Yealink Server Redundancy: transport_type 0-3.
  CHECK(parse_transport_setting("DNSnaptr") == TransportSetting::naptr);
  CHECK(parse_transport_setting("dnsnaptr") == TransportSetting::naptr);
  CHECK(parse_transport_setting("naptr") == TransportSetting::naptr);
  CHECK(parse_transport_setting("TCPpreferred") == TransportSetting::tcp_preferred);
  CHECK(parse_transport_setting("UDPOnly") == TransportSetting::udp);
  CHECK(parse_transport_setting("TCPOnly") == TransportSetting::tcp);
  CHECK(parse_transport_setting("TLS") == TransportSetting::tls);
  CHECK(parse_transport_setting("2") == TransportSetting::tls);
  CHECK(parse_transport_setting("3") == TransportSetting::naptr);
  CHECK_FALSE(parse_transport_setting("sctp"));
}

TEST_CASE("handset::setting_from_spec: names, ports, IPv6 and SIP URIs")
{
  CHECK(setting_from_spec("eslab.local").address == "eslab.local");
  CHECK(setting_from_spec("eslab.local:5070").port == 5070);
  const auto v6 = setting_from_spec("[2001:db8::1]:5080");
  CHECK(v6.address == "2001:db8::1");
  CHECK(v6.port == 5080);
  CHECK(setting_from_spec("2001:db8::1").address == "2001:db8::1");
  const auto uri = setting_from_spec("sip:1512@pbx.test;transport=tcp");
  CHECK(uri.address == "pbx.test");
  CHECK(uri.transport == TransportSetting::tcp);
  CHECK(setting_from_spec("sips:pbx.test").transport == TransportSetting::tls);
  // A port given with --port is kept unless the SPEC has one.
  CHECK(setting_from_spec("pbx.test", {"", 5062, TransportSetting::udp}).port == 5062);
}

TEST_CASE("handset::setting_from_spec: bad SPECs are input errors")
{
  CHECK_THROWS_AS(setting_from_spec(""), sipfo::util::InputError);
  CHECK_THROWS_AS(setting_from_spec("pbx.test:99999"), sipfo::util::InputError);
  CHECK_THROWS_AS(setting_from_spec("[::1"), sipfo::util::InputError);
  CHECK_THROWS_AS(setting_from_spec("sip:pbx.test;transport=carrier-pigeon"), sipfo::util::InputError);
  // RFC 1035 2.3.4: empty labels and labels over 63 characters are not names.
  CHECK_THROWS_WITH_AS(setting_from_spec("pbx..test"),
                       "'pbx..test' is not a valid DNS name: a label is empty (check the server address)",
                       sipfo::util::InputError);
  CHECK_THROWS_AS(setting_from_spec(std::string(64, 'a') + ".test"), sipfo::util::InputError);
  CHECK(setting_from_spec(std::string(63, 'a') + ".test.").address.size() == 69);
}
