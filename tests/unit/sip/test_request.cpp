#include "sipfo/sip/request.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sipfo::sip;

namespace {

Request options_request()
{
  Request r;
  r.method = Method::options;
  r.request_uri = "sip:192.0.2.10:5060";
  r.from_uri = "sip:sipfo@192.0.2.1";
  r.to_uri = "sip:192.0.2.10:5060";
  r.from_tag = "abc";
  r.call_id = "cid1";
  r.cseq = 7;
  r.transport = Transport::udp;
  r.via_host = "192.0.2.1";
  r.via_port = 40000;
  r.branch = "z9hG4bKx1";
  return r;
}

} // namespace

TEST_CASE("sip::build_request: OPTIONS has the RFC 3261 8.1.1 headers and no Contact")
{
  const std::string wire = build_request(options_request());
  const std::string expected = "OPTIONS sip:192.0.2.10:5060 SIP/2.0\r\n"
                               "Via: SIP/2.0/UDP 192.0.2.1:40000;branch=z9hG4bKx1;rport\r\n"
                               "Max-Forwards: 70\r\n"
                               "From: <sip:sipfo@192.0.2.1>;tag=abc\r\n"
                               "To: <sip:192.0.2.10:5060>\r\n"
                               "Call-ID: cid1\r\n"
                               "CSeq: 7 OPTIONS\r\n"
                               "Accept: application/sdp\r\n"
                               "User-Agent: sipfo/" SIPFO_VERSION "\r\n"
                               "Content-Length: 0\r\n\r\n";
  CHECK(wire == expected);
}

TEST_CASE("sip::build_request: a REGISTER binding query has no Contact (RFC 3261 10.2.3)")
{
  Request r = options_request();
  r.method = Method::register_;
  r.request_uri = "sip:example.com";
  r.to_uri = "sip:1512@example.com";
  r.from_uri = "sip:1512@example.com";
  const std::string wire = build_request(r);
  CHECK(wire.rfind("REGISTER sip:example.com SIP/2.0\r\n", 0) == 0);
  CHECK(wire.find("CSeq: 7 REGISTER\r\n") != std::string::npos);
  CHECK(wire.find("Contact") == std::string::npos);
  CHECK(wire.find("Expires") == std::string::npos);
}

TEST_CASE("sip::build_request: bind mode adds Contact, Expires and the credentials header")
{
  Request r = options_request();
  r.method = Method::register_;
  r.transport = Transport::tls;
  r.via_host = "[::1]";
  r.contact = "sip:sipfo-probe@[::1]:40000;transport=tls";
  r.expires = 0;
  r.authorization_header = "Authorization";
  r.authorization_value = "Digest username=\"1512\"";
  const std::string wire = build_request(r);
  CHECK(wire.find("Via: SIP/2.0/TLS [::1]:40000;branch=z9hG4bKx1;rport\r\n") != std::string::npos);
  CHECK(wire.find("Contact: <sip:sipfo-probe@[::1]:40000;transport=tls>\r\n") != std::string::npos);
  CHECK(wire.find("Expires: 0\r\n") != std::string::npos);
  CHECK(wire.find("Authorization: Digest username=\"1512\"\r\n") != std::string::npos);
  CHECK(wire.find("Accept:") == std::string::npos);
}
