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
