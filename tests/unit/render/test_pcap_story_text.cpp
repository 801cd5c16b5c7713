// parse-pcap's text: a hand-built story (test_pcap_story_fixture.hpp) rendered
// and compared whole, then the parts that only some stories have.

#include "test_pcap_story_fixture.hpp"

#include "sipfo/render/pcap_story_text.hpp"
#include "sipfo/render/terminal.hpp"

#include <doctest/doctest.h>

using namespace sipfo;

TEST_CASE("render::pcap_phone_text: a failover story as a tree with packet numbers")
{
  const auto story = test::failover_story();
  // Offsets: DNS and REGISTERs from the phone's first packet (#1 at 0 ms); each
  // send and response from its transaction's first send.
  const std::string expected = R"(phone 127.0.0.1: RECOVERED after server_timeout_failover
  from #1 (2023-11-14 22:13:20.000 UTC); 2 REGISTER transactions, 1 failed
  registered with 127.0.0.12:5060/udp

  DNS
    #1    +0.000    SRV _sip._udp.lab.test. to 127.0.0.53:53/udp  NOERROR in 1002.000 ms (#3)
                    1 retry: #2 +1.000
                    _sip._udp.lab.test. 300 IN SRV 10 50 5060 p1.lab.test.
                    _sip._udp.lab.test. 300 IN SRV 20 50 5060 p2.lab.test.

  SIP
    #4    +1.010    REGISTER sip:lab.test to 127.0.0.11:5060/udp  timed out
                    4 sends: #4 +0.000, #5 +0.500, #6 +1.500, #7 +3.500
                    expires asked 3600 s
                    no response
    #8    +33.010   REGISTER sip:lab.test to 127.0.0.12:5060/udp  success 200 OK
                    1 send: #8 +0.000
                    expires asked 3600 s
                    #9 +0.002  200 OK  expires 3600 s granted

  servers in the order tried
    1  127.0.0.11:5060/udp  #4-#7  1 REGISTER, last timed out
    2  127.0.0.12:5060/udp  #8-#9  1 REGISTER, last success 200

  failovers and failbacks
    #8    +33.010   failover 127.0.0.11:5060 -> 127.0.0.12:5060: no answer after 4 sends (32.0 s)
                    at 2023-11-14 22:13:53.010 UTC

  findings
    warning  server_timeout_failover  #4, #8
      127.0.0.11:5060 did not answer REGISTER; the phone went on to 127.0.0.12:5060
      source:   Technical Bulletin CS-18-09, Call server status (Down); RFC 3263 4.3
      fix:      check the server that timed out; failover itself works
    warning  model_retry_count  #7
      the phone sent REGISTER 4 times to 127.0.0.11:5060 before the next server
      observed: 4 sends
      expected: 3 sends (retryMaxCount 3)
      source:   Polycom UC Software 4.1.6 guide (retryMaxCount)
      fix:      check the phone's retry setting (the 84's reg.N.server.M.retryMaxCount)

  verdict: RECOVERED (registered with 127.0.0.12:5060)
  root cause: server_timeout_failover (warning)
    a call server did not answer; the phone failed over
    fix: check the server that timed out; failover itself works
)";
  CHECK(render::pcap_phone_text(story, story.phones.front(), {}) == expected);
}

TEST_CASE("render::pcap_story_text: the capture's header, then each phone")
{
  auto story = test::failover_story();
  story.notes.push_back({test::packet(5, 1510), pcap::NoteKind::truncated, "snaplen 96 cut the SIP message"});
  const auto text = render::pcap_story_text(story, {});
  CHECK(text.starts_with("capture phone.pcap: 9 packets, 3 DNS and 6 SIP messages, 1 phone\n"
                         "  #5: truncated: snaplen 96 cut the SIP message\n"
                         "\nphone 127.0.0.1: RECOVERED after server_timeout_failover\n"));
}

TEST_CASE("render::pcap_story_text: a capture without SIP says so and names capture_no_sip")
{
  wire::CaptureStory story;
  story.files = {"dns-only.pcap"};
  story.packets = 4;
  story.dns_messages = 4;
  const auto text = render::pcap_story_text(story, {});
  CHECK(text.find("0 phones") != std::string::npos);
  CHECK(text.find("no phone: capture_no_sip") != std::string::npos);
}

TEST_CASE("render::pcap_phone_text: an error-level finding keeps the verdict from reading clean")
{
  auto story = test::failover_story();
  auto& phone = story.phones.front();
  phone.verdict = wire::PhoneVerdict::registered;
  phone.root_cause = util::FindingCode::registered_ok;
  wire::StoryFinding tls;
  tls.code = util::FindingCode::tls_handshake_failed;
  tls.severity = util::Severity::error;
  phone.findings = {tls};
  const auto text = render::pcap_phone_text(story, phone, {});
  CHECK(text.starts_with("phone 127.0.0.1: REGISTERED with errors  registered_ok\n"));
  CHECK(text.find("verdict: REGISTERED with errors (registered with 127.0.0.12:5060)\n") != std::string::npos);
  // A finding without its own text reads the registry's summary.
  CHECK(text.find("      a TLS handshake with the server did not complete") != std::string::npos);
}

TEST_CASE("render::pcap_phone_text: a TLS connection with its handshake and alert")
{
  auto story = test::failover_story();
  auto& phone = story.phones.front();
  wire::ConnectionAttempt c;
  c.client = test::loopback(1, 41000);
  c.server = test::loopback(12, 5061);
  c.syn = test::packet(10, 40000);
  c.established = test::packet(11, 40001);
  c.closed = test::packet(13, 40005);
  c.reset = true;
  c.tls = true;
  c.server_name = "p2.lab.test";
  c.offered_version = 0x0304;
  pcap::TlsEvent alert;
  alert.packet = {12, test::capture_epoch + std::chrono::milliseconds(40004)};
  alert.flow = {pcap::IpProtocol::tcp, c.server, c.client};
  alert.kind = pcap::TlsEventKind::alert;
  alert.alert_level = 2;
  alert.alert_description = 40;
  c.alert = alert;
  phone.connections = {c};
  const auto text = render::pcap_phone_text(story, phone, {});
  const std::string expected = R"(
  connections
    #10   +40.000   TLS to 127.0.0.12:5061
                    connected (#11)
                    ClientHello SNI p2.lab.test, offers up to TLS 1.3
                    no ServerHello
                    fatal alert 40 handshake_failure from the server (#12)
                    reset by the server (#13)
)";
  CHECK(text.find(expected) != std::string::npos);
}

TEST_CASE("render::pcap_phone_text: --explain lists every packet in capture order with a note")
{
  const auto story = test::failover_story();
  const auto text = render::pcap_phone_text(story, story.phones.front(), {false, render::PacketLines::yes});
  const std::string expected_start = R"(
  packets
    #1    +0.000    127.0.0.1:40000 -> 127.0.0.53:53  DNS query SRV _sip._udp.lab.test.
                    -> the phone asks 127.0.0.53:53 for SRV _sip._udp.lab.test. (id 4660)
    #2    +1.000    127.0.0.1:40000 -> 127.0.0.53:53  DNS query SRV _sip._udp.lab.test.
                    -> retry 1: no reply 1.000 s after the first query
    #3    +1.002    127.0.0.53:53 -> 127.0.0.1:40000  DNS reply NOERROR, 2 records
                    -> answers SRV _sip._udp.lab.test. in 1002.000 ms; a cache keeps it 300 s
    #4    +1.010    127.0.0.1:5060 -> 127.0.0.11:5060  REGISTER sip:lab.test CSeq 1
                    -> new REGISTER transaction to 127.0.0.11:5060/udp (branch z9hG4bK-1)
    #5    +1.510    127.0.0.1:5060 -> 127.0.0.11:5060  REGISTER sip:lab.test CSeq 1
                    -> retransmission 1, 0.500 s after the first send
)";
  CHECK(text.find(expected_start) != std::string::npos);
  CHECK(text.find("    #9    +33.012   127.0.0.12:5060 -> 127.0.0.1:5060  200 OK\n"
                  "                    -> success: registered for 3600 s (0.002 s after the first send)\n") !=
        std::string::npos);
}

TEST_CASE("render::capture_clock: UTC with milliseconds")
{
  CHECK(render::capture_clock(test::capture_epoch + std::chrono::microseconds(1'234'567)) ==
        "2023-11-14 22:13:21.234 UTC");
}

TEST_CASE("render::pcap_phone_tally: the verdicts over several phones, with their causes")
{
  auto story = test::failover_story(); // recovered after server_timeout_failover
  auto failed = story.phones.front();
  failed.verdict = wire::PhoneVerdict::failed;
  failed.root_cause = util::FindingCode::auth_rejected;
  auto registered = story.phones.front();
  registered.verdict = wire::PhoneVerdict::registered;
  registered.root_cause = util::FindingCode::registered_ok;
  story.phones = {failed, story.phones.front(), registered, failed};
  CHECK(render::pcap_phone_tally(story) ==
        "4 phones: 1 registered, 1 recovered (server_timeout_failover 1), 2 failed (auth_rejected 2)");
  const auto text = render::pcap_story_text(story, {});
  CHECK(text.ends_with("\n4 phones: 1 registered, 1 recovered (server_timeout_failover 1), 2 failed (auth_rejected 2)\n"));
}

TEST_CASE("render::pcap_phone_text: a long finding is whole on a pipe and carried under its label at a terminal's width")
{
  auto story = test::failover_story();
  auto& phone = story.phones.front();
  wire::StoryFinding retries;
  retries.code = util::FindingCode::model_retry_count;
  retries.severity = util::Severity::warning;
  retries.text = std::string(230, 'x') + " end";
  retries.observed = "went to the next server after 10 sends, at 33.255 s, which is far longer than the rule allows";
  phone.findings = {retries};
  // A pipe (width 0): the sentence is not cut, on one line.
  const auto whole = render::pcap_phone_text(story, phone, {});
  CHECK(whole.find("      " + std::string(230, 'x') + " end\n") != std::string::npos);

  render::set_text_width(60);
  const auto narrow = render::pcap_phone_text(story, phone, {});
  render::set_text_width(0);
  // Broken at a space, the rest under the text after "observed: " (6 + 10 columns).
  CHECK(narrow.find("      observed: went to the next server after 10 sends, at\n") != std::string::npos);
  CHECK(narrow.find("\n                33.255 s, which is far longer than the rule\n") != std::string::npos);
}
