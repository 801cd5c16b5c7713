#include "sipfo/sip/message_parser.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sipfo::sip;

namespace {

const char* const register_request = "REGISTER sip:eslab.local SIP/2.0\r\n"
                                     "Via: SIP/2.0/UDP 10.0.0.50:5060;branch=z9hG4bK77;rport\r\n"
                                     "Via: SIP/2.0/UDP 10.0.0.60:5060;branch=z9hG4bKlower\r\n"
                                     "From: <sip:1512@eslab.local>;tag=9\r\n"
                                     "To: \"Desk <1512>\" <sip:1512@eslab.local>\r\n"
                                     "Call-ID: reg1@10.0.0.50\r\n"
                                     "CSeq: 7 REGISTER\r\n"
                                     "m: <sip:1512@10.0.0.50:5060;transport=udp>;expires=120, <sip:1512@10.0.0.51>\r\n"
                                     "Expires: 3600\r\n"
                                     "Content-Length: 0\r\n\r\n";

} // namespace

TEST_CASE("sip::parse_request: request line, headers read as a response's are")
{
  auto parsed = parse_request(register_request);
  REQUIRE(parsed.request);
  CHECK(parsed.request->method == "REGISTER");
  CHECK(parsed.request->request_uri == "sip:eslab.local");
  CHECK(top_via_branch(*parsed.request) == "z9hG4bK77");
  auto cseq = cseq_of(*parsed.request);
  REQUIRE(cseq);
  CHECK(cseq->number == 7);
  CHECK(cseq->method == "REGISTER");
  CHECK(expires_of(*parsed.request) == 3600u);
  CHECK(parsed.request->body.empty());
}

TEST_CASE("sip::contacts_of: compact m, several values per line, each with its expires (RFC 3261 20.10)")
{
  auto parsed = parse_request(register_request);
  REQUIRE(parsed.request);
  auto contacts = contacts_of(*parsed.request);
  REQUIRE(contacts.size() == 2);
  CHECK(contacts[0].uri == "sip:1512@10.0.0.50:5060;transport=udp"); // the URI's own parameter stays in it
  CHECK(contacts[0].expires == 120u);
  CHECK(contacts[1].uri == "sip:1512@10.0.0.51");
  CHECK_FALSE(contacts[1].expires);
}

TEST_CASE("sip::uri_of: name-addr, quoted display names and addr-spec")
{
  CHECK(uri_of("\"Desk <1512>\" <sip:1512@eslab.local>;tag=1") == "sip:1512@eslab.local");
  CHECK(uri_of("sip:1512@eslab.local;tag=1") == "sip:1512@eslab.local");
  CHECK(uri_of("  <sips:a@b>  ") == "sips:a@b");
  CHECK(uri_of("<sip:unclosed@b") == "sip:unclosed@b");
}

TEST_CASE("sip::parse_message: the start line decides request or response")
{
  auto request = parse_message("\r\nOPTIONS sip:10.0.0.1 SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n");
  REQUIRE(request.request);
  CHECK_FALSE(request.response);
  CHECK(request.request->method == "OPTIONS");

  auto response = parse_message("SIP/2.0 503 Service Unavailable\r\nRetry-After: 30\r\n\r\n");
  REQUIRE(response.response);
  CHECK_FALSE(response.request);
  CHECK(response.response->code == 503);
  CHECK(retry_after(*response.response) == std::chrono::seconds(30));
}

TEST_CASE("sip::parse_request: malformed request lines are error values")
{
  CHECK(parse_request("").error == "not a SIP/2.0 request line");
  CHECK(parse_request("REGISTER sip:a SIP/1.0\r\n\r\n").error == "not a SIP/2.0 request line");
  CHECK(parse_request("REGISTER\r\n\r\n").error == "not a SIP/2.0 request line");
  CHECK(parse_request("REG(ISTER sip:a SIP/2.0\r\n\r\n").error == "the request's method is not a token");
  CHECK(parse_request("REGISTER sip:a b SIP/2.0\r\n\r\n").error == "malformed Request-URI");
  CHECK(parse_request("REGISTER sip:a SIP/2.0\r\nno colon here\r\n\r\n").error == "malformed header line");
  CHECK(parse_request("REGISTER sip:a SIP/2.0\r\nContent-Length: 9\r\n\r\nabc").error ==
        "Content-Length 9 but only 3 body bytes");
  CHECK(parse_message("SIP/2.0 99 Low\r\n\r\n").error == "status code is not 100-699");
  CHECK(parse_message(std::string(70000, 'A')).error == "message larger than 65535 bytes");
}

TEST_CASE("sip::parse_message_headers: keeps only the named headers, in order, and no body")
{
  const std::string_view keep[] = {"via", "cseq", "contact"};
  const std::string message = "INVITE sip:1513@eslab.local SIP/2.0\r\n"
                              "Via: SIP/2.0/UDP 10.0.0.50:5060;branch=z9hG4bKa\r\n"
                              "Subject: a long\r\n"
                              " folded subject\r\n"
                              "v: SIP/2.0/UDP 10.0.0.60:5060;branch=z9hG4bKb\r\n"
                              "CSeq: 3 INVITE\r\n"
                              "m: <sip:1512@10.0.0.50>\r\n"
                              "\t;expires=60\r\n"
                              "Content-Length: 4\r\n\r\nbody";
  auto parsed = parse_message_headers(message, keep);
  REQUIRE(parsed.request);
  CHECK(parsed.request->method == "INVITE");
  REQUIRE(parsed.request->headers.size() == 5); // two Via, CSeq, Contact, and Content-Length for the body check
  CHECK(parsed.request->all("via").size() == 2);
  CHECK(top_via_branch(*parsed.request) == "z9hG4bKa");
  CHECK_FALSE(parsed.request->header("subject"));
  // The continuation of the skipped Subject is skipped; Contact's own is joined.
  CHECK(parsed.request->header("contact") == "<sip:1512@10.0.0.50> ;expires=60");
  CHECK(parsed.request->body.empty());
  auto full = parse_message(message);
  REQUIRE(full.request);
  CHECK(full.request->body == "body");
  CHECK(full.request->header("subject") == "a long folded subject");
}

TEST_CASE("sip::parse_message_headers: skipped headers are still checked, as parse_message checks them")
{
  const std::string_view keep[] = {"cseq"};
  const char* const broken[] = {
      "OPTIONS sip:a SIP/2.0\r\nbad header line\r\nCSeq: 1 OPTIONS\r\n\r\n",
      "OPTIONS sip:a SIP/2.0\r\n folded first\r\nCSeq: 1 OPTIONS\r\n\r\n",
      "SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\nContent-Length: 9\r\n\r\nshort",
      "SIP/2.0 200 OK\r\nl: x\r\n\r\n",
  };
  for (const char* message : broken) {
    CAPTURE(message);
    auto light = parse_message_headers(message, keep);
    auto full = parse_message(message);
    CHECK_FALSE(light.request);
    CHECK_FALSE(light.response);
    CHECK_FALSE(light.error.empty());
    CHECK(light.error == full.error);
  }
  std::string many = "OPTIONS sip:a SIP/2.0\r\n";
  for (std::size_t i = 0; i <= max_header_count; ++i) many += "X-Filler: " + std::to_string(i) + "\r\n";
  auto light = parse_message_headers(many + "\r\n", keep);
  CHECK_FALSE(light.request);
  CHECK(light.error == "more than 256 header lines");
}
