// The story builder on TCP and TLS: refused connections, handshakes that
// failed, and the decoder's notes about a phone's packets.
#include "story_events.hpp"

#include <doctest/doctest.h>

using namespace sipfo;
using namespace sipfo::wire;
using namespace sipfo::wire::test;
using util::FindingCode;
using pcap::ConnectionEventKind;

namespace {

const auto phone = endpoint("10.0.0.50", 40000);
const auto p1 = endpoint("10.0.0.1", 5060);
const auto p1_tls = endpoint("10.0.0.1", 5061);

// The phone connects to p1_tls (0, 1 ms), says ClientHello (2 ms) and p1
// answers ServerHello with `version` (3 ms): a handshake that got through.
void handshake(Feed& feed, std::uint16_t version)
{
  feed.tcp(0ms, phone, p1_tls, ConnectionEventKind::syn);
  feed.tcp(1ms, p1_tls, phone, ConnectionEventKind::syn_ack);
  pcap::TlsEvent hello;
  hello.kind = pcap::TlsEventKind::client_hello;
  feed.tls(2ms, phone, p1_tls, hello);
  pcap::TlsEvent server_hello;
  server_hello.kind = pcap::TlsEventKind::server_hello;
  server_hello.version = version;
  feed.tls(3ms, p1_tls, phone, server_hello);
}

} // namespace

TEST_CASE("wire::StoryBuilder: a SYN answered with RST is sip_transport_failure")
{
  StoryBuilder builder;
  Feed feed(builder);
  feed.tcp(0ms, phone, p1, ConnectionEventKind::syn);
  feed.tcp(1ms, p1, phone, ConnectionEventKind::rst);
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.connections.size() == 1);
  const auto& connection = p.connections[0];
  CHECK(connection.server == p1);
  CHECK(connection.syn.number == 1);
  CHECK_FALSE(connection.established);
  CHECK(connection.reset);
  CHECK_FALSE(connection.closed_by_phone);
  REQUIRE(connection.closed);
  CHECK(connection.closed->number == 2);
  CHECK(p.verdict == PhoneVerdict::no_registration);
  CHECK(p.root_cause == FindingCode::sip_transport_failure);
  const auto* finding = find_finding(p, FindingCode::sip_transport_failure);
  REQUIRE(finding);
  CHECK(finding->observed == "the server answered the SYN with RST");
}

TEST_CASE("wire::StoryBuilder: a SYN unanswered for 3 s of capture is a transport failure, one just sent is not")
{
  {
    StoryBuilder builder;
    Feed feed(builder);
    feed.tcp(0ms, phone, p1, ConnectionEventKind::syn);
    feed.note(5s, pcap::NoteKind::undecodable, "something later in the capture");
    auto story = builder.finish(feed.packets());
    REQUIRE(story.phones.size() == 1);
    const auto* finding = find_finding(story.phones[0], FindingCode::sip_transport_failure);
    REQUIRE(finding);
    CHECK(finding->observed == "no SYN-ACK");
  }
  {
    StoryBuilder builder;
    Feed feed(builder);
    feed.tcp(0ms, phone, p1, ConnectionEventKind::syn);
    auto story = builder.finish(feed.packets());
    REQUIRE(story.phones.size() == 1);
    CHECK_FALSE(find_finding(story.phones[0], FindingCode::sip_transport_failure));
  }
}

TEST_CASE("wire::StoryBuilder: a TLS alert in the handshake is tls_handshake_failed")
{
  StoryBuilder builder;
  Feed feed(builder);
  feed.tcp(0ms, phone, p1_tls, ConnectionEventKind::syn);
  feed.tcp(1ms, p1_tls, phone, ConnectionEventKind::syn_ack);
  pcap::TlsEvent hello;
  hello.kind = pcap::TlsEventKind::client_hello;
  hello.server_name = "sip.eslab.local";
  hello.version = 0x0304;
  feed.tls(2ms, phone, p1_tls, hello);
  pcap::TlsEvent alert;
  alert.kind = pcap::TlsEventKind::alert;
  alert.alert_level = 2;
  alert.alert_description = 42;
  const auto alert_packet = feed.tls(3ms, p1_tls, phone, alert);
  feed.tcp(4ms, p1_tls, phone, ConnectionEventKind::fin);
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.connections.size() == 1);
  const auto& connection = p.connections[0];
  CHECK(connection.tls);
  CHECK(connection.server_name == "sip.eslab.local");
  CHECK(connection.offered_version == 0x0304);
  CHECK_FALSE(connection.server_hello);
  REQUIRE(connection.alert);
  CHECK(connection.alert->alert_description == 42);
  const auto* finding = find_finding(p, FindingCode::tls_handshake_failed);
  REQUIRE(finding);
  CHECK(finding->observed == "TLS alert 42 (bad_certificate) from the server");
  CHECK(finding->text == "TLS to 10.0.0.1:5061 (SNI sip.eslab.local): TLS alert 42 (bad_certificate) from the server");
  CHECK(finding->evidence.back().number == alert_packet);
  CHECK(finding->severity == util::Severity::error);
  CHECK(p.root_cause == FindingCode::tls_handshake_failed);
}

TEST_CASE("wire::StoryBuilder: a completed handshake closed with close_notify is no failure")
{
  StoryBuilder builder;
  Feed feed(builder);
  handshake(feed, 0x0303);
  pcap::TlsEvent close_notify;
  close_notify.kind = pcap::TlsEventKind::alert;
  close_notify.encrypted_alert = true;
  feed.tls(60s, phone, p1_tls, close_notify);
  feed.tcp(60001ms, phone, p1_tls, ConnectionEventKind::fin);
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  REQUIRE(p.connections.size() == 1);
  CHECK(p.connections[0].chosen_version == 0x0303);
  CHECK(p.connections[0].closed_by_phone);
  CHECK_FALSE(find_finding(p, FindingCode::tls_handshake_failed));
  CHECK_FALSE(find_finding(p, FindingCode::sip_transport_failure));
}

TEST_CASE("wire::StoryBuilder: decoder notes count against the phone they name, or every phone when they name none")
{
  StoryBuilder builder;
  Feed feed(builder);
  feed.tcp(0ms, phone, p1, ConnectionEventKind::syn);
  feed.tcp(1ms, p1, phone, ConnectionEventKind::syn_ack);
  const auto gap = feed.note(2ms, pcap::NoteKind::stream_gap,
                             "SIP over TCP 10.0.0.50:40000 -> 10.0.0.1:5060: 100 bytes never captured");
  feed.note(3ms, pcap::NoteKind::stream_gap, "SIP over TCP 10.0.0.77:40000 -> 10.0.0.1:5060: 100 bytes never captured");
  feed.note(4ms, pcap::NoteKind::capture_error, "a.pcap: reading stopped after packet 4: truncated dump file");
  auto story = builder.finish(feed.packets());
  CHECK(story.notes.size() == 3);
  REQUIRE(story.phones.size() == 1);
  const auto* finding = find_finding(story.phones[0], FindingCode::capture_incomplete);
  REQUIRE(finding);
  CHECK(finding->count == 2); // its own gap and the damaged file, not the other host's gap
  CHECK(finding->evidence.front().number == gap);
}

TEST_CASE("wire::StoryBuilder: a phone whose SIP went over TLS is told so, not merely 'no SIP'")
{
  StoryBuilder builder;
  Feed feed(builder);
  handshake(feed, 0);
  feed.tcp(10s, phone, p1_tls, ConnectionEventKind::fin);
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  const auto& p = story.phones[0];
  CHECK(p.root_cause == FindingCode::capture_no_sip);
  const auto* finding = find_finding(p, FindingCode::capture_no_sip);
  REQUIRE(finding);
  CHECK(finding->text.find("TLS is not decrypted") != std::string::npos);
}

TEST_CASE("wire::StoryBuilder: a SIP message cut by the snaplen counts as capture_incomplete")
{
  StoryBuilder builder;
  pcap::Message message;
  message.packet = pcap::PacketRef{1, at(0ms)};
  message.first_packet = 1;
  message.flow = pcap::Flow{pcap::IpProtocol::udp, endpoint("10.0.0.50", 5060), p1};
  message.protocol = pcap::Protocol::sip;
  message.payload = "OPTIONS sip:p1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.50;branch=z9hG4bKx\r\nCSeq: 1 OPTIONS\r\n";
  message.truncated = true;
  builder.on_message(std::move(message));
  auto story = builder.finish(1);
  REQUIRE(story.phones.size() == 1);
  const auto* finding = find_finding(story.phones[0], FindingCode::capture_incomplete);
  REQUIRE(finding);
  CHECK(finding->count == 1);
  CHECK(finding->evidence.front().number == 1);
}

TEST_CASE("wire::StoryBuilder: a TLS server's connection back to the phone does not make it a phone")
{
  StoryBuilder builder;
  Feed feed(builder);
  feed.tcp(0ms, phone, p1_tls, ConnectionEventKind::syn);
  feed.tcp(1ms, p1_tls, phone, ConnectionEventKind::syn_ack);
  const auto back = endpoint("10.0.0.50", 5061);
  feed.tcp(5s, endpoint("10.0.0.1", 45000), back, ConnectionEventKind::syn);
  feed.tcp(5001ms, back, endpoint("10.0.0.1", 45000), ConnectionEventKind::syn_ack);
  auto story = builder.finish(feed.packets());
  REQUIRE(story.phones.size() == 1);
  CHECK(story.phones[0].phone == phone.address);
}
