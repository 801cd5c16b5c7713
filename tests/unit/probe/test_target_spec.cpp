#include "sipfo/probe/target_spec.hpp"

#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

using namespace sipfo::probe;
using sipfo::sip::Transport;

TEST_CASE("probe::parse_target_spec: host, port and transport (design §4)")
{
  TargetSpec full = parse_target_spec("10.0.0.1:5070/tcp");
  CHECK(full.host == "10.0.0.1");
  CHECK(full.port == 5070);
  CHECK(full.transport == Transport::tcp);
  CHECK(full.host_is_ip);

  TargetSpec bare = parse_target_spec("sip.example.com");
  CHECK(bare.host == "sip.example.com");
  CHECK_FALSE(bare.port);
  CHECK_FALSE(bare.transport);
  CHECK_FALSE(bare.host_is_ip);

  TargetSpec tls = parse_target_spec("sip.example.com/TLS");
  CHECK(tls.transport == Transport::tls);
}

TEST_CASE("probe::parse_target_spec: IPv6 in brackets")
{
  TargetSpec v6 = parse_target_spec("[::1]:5060/udp");
  CHECK(v6.host == "::1");
  CHECK(v6.port == 5060);
  CHECK(v6.host_is_ip);
  CHECK(parse_target_spec("[2001:db8::5]").host == "2001:db8::5");
}

TEST_CASE("probe::parse_target_spec: malformed specs are input errors with the reason")
{
  auto message = [](const char* text) {
    try {
      parse_target_spec(text);
    } catch (const sipfo::util::InputError& error) {
      return error.what_is_wrong();
    }
    return std::string("no error");
  };
  CHECK(message("10.0.0.1:0") == "--target '10.0.0.1:0': '0' is not a port (1-65535)");
  CHECK(message("10.0.0.1:70000") == "--target '10.0.0.1:70000': '70000' is not a port (1-65535)");
  CHECK(message("10.0.0.1:/udp") == "--target '10.0.0.1:/udp': '' is not a port (1-65535)");
  CHECK(message("10.0.0.1/sctp") == "--target '10.0.0.1/sctp': unknown transport 'sctp'");
  CHECK(message("::1:5060") == "--target '::1:5060': an IPv6 address needs brackets");
  CHECK(message("[::1:5060") == "--target '[::1:5060': '[' without ']'");
  CHECK(message("[10.0.0.1]:5060") == "--target '[10.0.0.1]:5060': brackets hold no IPv6 address");
  CHECK(message(":5060") == "--target ':5060': no host");
  CHECK(message("") == "--target '': no host");
}

TEST_CASE("probe::parse_target_spec: a host that is neither an IP address nor a DNS name is refused before any query")
{
  auto message = [](const char* text) {
    try {
      parse_target_spec(text);
    } catch (const sipfo::util::InputError& error) {
      return error.what_is_wrong();
    }
    return std::string("no error");
  };
  // 300 does not fit an octet (RFC 791): not an address, and not a name to look up.
  CHECK(message("300.0.0.1") == "--target '300.0.0.1': '300.0.0.1' is not an IPv4 address (four numbers 0-255 separated by dots)");
  CHECK(message("10.0.0/udp") == "--target '10.0.0/udp': '10.0.0' is not an IPv4 address (four numbers 0-255 separated by dots)");
  CHECK(message("foo bar") == "--target 'foo bar': character 4 of the host is not allowed in a host name (letters, digits, '-', '.')");
  CHECK(message("a..b") == "--target 'a..b': a label of the host name is empty");
  const std::string long_label = std::string(64, 'a') + ".example.com";
  CHECK(message(long_label.c_str()) == "--target '" + long_label + "': a label of the host name is longer than 63 characters");
  const std::string long_name = std::string(50, 'a') + "." + std::string(50, 'b') + "." + std::string(50, 'c') + "." +
                                std::string(50, 'd') + "." + std::string(50, 'e');
  CHECK(message(long_name.c_str()) == "--target '" + long_name + "': the host name is 254 characters long; DNS allows 253");
  CHECK(message("-sip.example.com") ==
        "--target '-sip.example.com': the label '-sip' of the host name starts or ends with '-'");
  CHECK(message("sip-.example.com") ==
        "--target 'sip-.example.com': the label 'sip-' of the host name starts or ends with '-'");
  CHECK(message("10.0.0.x1.5") ==
        "--target '10.0.0.x1.5': '10.0.0.x1.5' ends in the all-digit label '5': neither an IPv4 address nor a host name");
  // Names a resolver can be asked for still pass.
  CHECK(message("1-2.example.com") == "no error");
  CHECK(message("4sip.example.123x") == "no error");
  CHECK(message("sip-1.example.com.") == "no error");
  CHECK(message("_sip._udp.example.com:5060") == "no error");
  CHECK(message("localhost") == "no error");
}
