#include "sipfo/sip/stream_framer.hpp"

#include "sipfo/sip/response_parser.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sipfo::sip;

TEST_CASE("sip::StreamFramer: messages split across reads and glued together (RFC 3261 18.3)")
{
  StreamFramer framer;
  const std::string first = "SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nabc";
  const std::string second = "SIP/2.0 404 Not Found\r\nl: 0\r\n\r\n";
  const std::string stream = "\r\n\r\n" + first + second; // keep-alive CRLFs first
  for (char c : stream.substr(0, 20)) framer.feed(std::string(1, c));
  CHECK(framer.take().empty());
  framer.feed(stream.substr(20));
  auto messages = framer.take();
  REQUIRE(messages.size() == 2);
  CHECK(messages[0] == first);
  CHECK(messages[1] == second);
  CHECK(framer.pending_bytes() == 0);
  CHECK_FALSE(framer.error());
}

TEST_CASE("sip::StreamFramer: a body is waited for until Content-Length bytes arrived")
{
  StreamFramer framer;
  framer.feed("SIP/2.0 200 OK\r\nContent-Length: 5\r\n\r\nab");
  CHECK(framer.take().empty());
  framer.feed("cde");
  auto messages = framer.take();
  REQUIRE(messages.size() == 1);
  CHECK(parse_response(messages[0]).response->body == "abcde");
}

TEST_CASE("sip::StreamFramer: a message without Content-Length breaks the stream")
{
  StreamFramer framer;
  framer.feed("SIP/2.0 200 OK\r\nVia: x\r\n\r\n");
  REQUIRE(framer.error());
  CHECK(*framer.error() == "message on a stream without a valid Content-Length (RFC 3261 18.3)");
  CHECK(framer.take().empty());
}

TEST_CASE("sip::StreamFramer: a never-ending header section is bounded")
{
  StreamFramer framer;
  const std::string chunk(4096, 'a');
  framer.feed("SIP/2.0 200 OK\r\nX: ");
  for (int i = 0; i < 20 && !framer.error(); ++i) framer.feed(chunk);
  REQUIRE(framer.error());
  CHECK(*framer.error() == "no end of headers within 65535 bytes");
}

TEST_CASE("sip::StreamFramer: a huge Content-Length is refused before buffering it")
{
  StreamFramer framer;
  framer.feed("SIP/2.0 200 OK\r\nContent-Length: 99999999\r\n\r\n");
  REQUIRE(framer.error());
  CHECK(*framer.error() == "message larger than 65535 bytes");
}
