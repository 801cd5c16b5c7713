#include "sipfo/sip/response_parser.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sipfo::sip;

TEST_CASE("sip::parse_response: status line, reason and headers")
{
  auto parsed = parse_response("SIP/2.0 404 Not Found\r\n"
                               "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa;rport=5060\r\n"
                               "CSeq: 2 REGISTER\r\n"
                               "Content-Length: 0\r\n\r\n");
  REQUIRE(parsed.response);
  CHECK(parsed.response->code == 404);
  CHECK(parsed.response->reason == "Not Found");
  CHECK(top_via_branch(*parsed.response) == "z9hG4bKa");
  auto cseq = cseq_of(*parsed.response);
  REQUIRE(cseq);
  CHECK(cseq->number == 2);
  CHECK(cseq->method == "REGISTER");
}

TEST_CASE("sip::parse_response: compact forms and any-case names (RFC 3261 7.3.3)")
{
  auto parsed = parse_response("SIP/2.0 200 OK\r\n"
                               "v: SIP/2.0/TCP h;branch=z9hG4bKc\r\n"
                               "i: abc@h\r\n"
                               "cSeQ: 1 OPTIONS\r\n"
                               "L: 4\r\n\r\n"
                               "body");
  REQUIRE(parsed.response);
  CHECK(parsed.response->header("Via") == "SIP/2.0/TCP h;branch=z9hG4bKc");
  CHECK(parsed.response->header("call-id") == "abc@h");
  CHECK(parsed.response->header("i") == "abc@h");
  CHECK(parsed.response->body == "body");
  CHECK(cseq_of(*parsed.response)->method == "OPTIONS");
}

TEST_CASE("sip::parse_response: the top Via decides the branch, in one line or several")
{
  auto lines = parse_response("SIP/2.0 200 OK\r\n"
                              "Via: SIP/2.0/UDP a;BRANCH=z9hG4bKtop\r\n"
                              "Via: SIP/2.0/UDP b;branch=z9hG4bKsecond\r\n\r\n");
  REQUIRE(lines.response);
  CHECK(top_via_branch(*lines.response) == "z9hG4bKtop");
  CHECK(lines.response->all("via").size() == 2);

  auto one_line = parse_response("SIP/2.0 200 OK\r\n"
                                 "Via: SIP/2.0/UDP a;received=\"x,y\";branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2\r\n\r\n");
  REQUIRE(one_line.response);
  CHECK(top_via_branch(*one_line.response) == "z9hG4bK1");
}

TEST_CASE("sip::parse_response: folded header lines are joined (RFC 3261 7.3.1)")
{
  auto parsed = parse_response("SIP/2.0 401 Unauthorized\r\n"
                               "WWW-Authenticate: Digest realm=\"r\",\r\n"
                               "   nonce=\"n\"\r\n"
                               "\tqop=\"auth\"\r\n\r\n");
  REQUIRE(parsed.response);
  CHECK(parsed.response->header("www-authenticate") == "Digest realm=\"r\", nonce=\"n\" qop=\"auth\"");
}

TEST_CASE("sip::parse_response: bare LF and leading empty lines are accepted")
{
  auto parsed = parse_response("\r\n\nSIP/2.0 503 Service Unavailable\nRetry-After: 120 (maintenance);duration=60\n\n");
  REQUIRE(parsed.response);
  CHECK(parsed.response->code == 503);
  REQUIRE(retry_after(*parsed.response));
  CHECK(retry_after(*parsed.response)->count() == 120);
}

TEST_CASE("sip::parse_response: Content-Length bounds the body, too few bytes is an error")
{
  auto extra = parse_response("SIP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nabcdef");
  REQUIRE(extra.response);
  CHECK(extra.response->body == "ab");

  auto short_body = parse_response("SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  CHECK_FALSE(short_body.response);
  CHECK(short_body.error == "Content-Length 10 but only 3 body bytes");

  auto bad_length = parse_response("SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n");
  CHECK_FALSE(bad_length.response);
  CHECK(bad_length.error == "malformed Content-Length");
}

TEST_CASE("sip::parse_response: malformed input is an error value, never a crash")
{
  CHECK(parse_response("").error == "not a SIP/2.0 status line");
  CHECK(parse_response("OPTIONS sip:a SIP/2.0\r\n\r\n").error == "not a SIP/2.0 status line");
  CHECK(parse_response("SIP/2.0 99 Low\r\n\r\n").error == "status code is not 100-699");
  CHECK(parse_response("SIP/2.0 700 High\r\n\r\n").error == "status code is not 100-699");
  CHECK(parse_response("SIP/2.0 2000 OK\r\n\r\n").error == "status code is not 100-699");
  CHECK(parse_response("SIP/2.0 200 OK\r\n folded first\r\n\r\n").error == "continuation line before any header");
  CHECK(parse_response("SIP/2.0 200 OK\r\nno colon here\r\n\r\n").error == "malformed header line");
  CHECK(parse_response("SIP/2.0 200 OK\r\nBad Name: x\r\n\r\n").error == "malformed header line");
  CHECK(parse_response(std::string(max_message_bytes + 1, 'x')).error == "message larger than 65535 bytes");
}

TEST_CASE("sip::parse_response: the header count is bounded")
{
  std::string many = "SIP/2.0 200 OK\r\n";
  for (std::size_t i = 0; i <= max_header_count; ++i) many += "X-A: 1\r\n";
  CHECK(parse_response(many + "\r\n").error == "more than 256 header lines");
}

TEST_CASE("sip::cseq_of and retry_after: malformed values give nothing")
{
  auto parsed = parse_response("SIP/2.0 503 Busy\r\nCSeq: x OPTIONS\r\nRetry-After: soon\r\n\r\n");
  REQUIRE(parsed.response);
  CHECK_FALSE(cseq_of(*parsed.response));
  CHECK_FALSE(retry_after(*parsed.response));
  CHECK(top_via_branch(*parsed.response).empty());
}
