#pragma once
// A hand-built parse-pcap story for the render tests: phone 127.0.0.1 asks
// 127.0.0.53 for the SRV of lab.test (one retry after 1 s), sends REGISTER to
// 127.0.0.11 four times (+0, +0.5, +1.5, +3.5 s) without an answer, fails over
// 32 s after its first send to 127.0.0.12, which answers 200 OK 2 ms later.

#include "sipfo/wire/capture_story.hpp"

#include <chrono>

namespace sipfo::test {

// 2023-11-14 22:13:20 UTC: the capture's first packet.
inline const pcap::CaptureTime capture_epoch{std::chrono::seconds(1'700'000'000)};

inline wire::PacketMark packet(std::uint64_t number, std::int64_t ms)
{
  return {0, number, capture_epoch + std::chrono::milliseconds(ms)};
}

inline pcap::Endpoint loopback(std::uint8_t last, std::uint16_t port)
{
  pcap::Endpoint endpoint;
  endpoint.address.bytes[0] = 127;
  endpoint.address.bytes[3] = last;
  endpoint.port = port;
  return endpoint;
}

inline dns::Record srv_record(std::uint16_t priority, const char* target)
{
  return {"_sip._udp.lab.test.", dns::RrType::srv, 300, dns::SrvData{priority, 50, 5060, target}};
}

inline wire::SipTransaction register_to(std::uint8_t server, std::uint32_t cseq, std::vector<wire::PacketMark> sends)
{
  wire::SipTransaction t;
  t.method = "REGISTER";
  t.branch = "z9hG4bK-" + std::to_string(cseq);
  t.cseq = cseq;
  t.call_id = "call-1@127.0.0.1";
  t.request_uri = "sip:lab.test";
  t.address_of_record = "sip:1001@lab.test";
  t.client = loopback(1, 5060);
  t.server = loopback(server, 5060);
  t.sends = std::move(sends);
  t.expires_asked = 3600;
  return t;
}

inline wire::CaptureStory failover_story()
{
  wire::CaptureStory story;
  story.files = {"phone.pcap"};
  story.packets = 9;
  story.sip_messages = 6;
  story.dns_messages = 3;

  wire::PhoneStory phone;
  phone.phone = loopback(1, 0).address;
  phone.registers = 2;
  phone.registrations_failed = 1;

  wire::DnsExchange srv;
  srv.question = {"_sip._udp.lab.test.", dns::RrType::srv};
  srv.client = loopback(1, 40000);
  srv.server = loopback(53, 53);
  srv.id = 4660;
  srv.queries = {packet(1, 0), packet(2, 1000)};
  srv.reply = packet(3, 1002);
  dns::Answer answer;
  answer.question = srv.question;
  answer.outcome = dns::Outcome::noerror;
  answer.records = {srv_record(10, "p1.lab.test."), srv_record(20, "p2.lab.test.")};
  answer.carrier = dns::Carrier::udp;
  answer.source = "127.0.0.53@53";
  answer.elapsed = std::chrono::microseconds(1'002'000);
  srv.answer = answer;
  phone.dns.push_back(srv);

  auto first = register_to(11, 1, {packet(4, 1010), packet(5, 1510), packet(6, 2510), packet(7, 4510)});
  first.end = wire::TransactionEnd::timed_out;
  auto second = register_to(12, 2, {packet(8, 33010)});
  second.responses.push_back({packet(9, 33012), 200, "OK", 3600, std::nullopt, false});
  second.end = wire::TransactionEnd::success;
  phone.transactions = {first, second};

  phone.visits.push_back({loopback(11, 5060), pcap::IpProtocol::udp, false, packet(4, 1010), packet(7, 4510), 1,
                          wire::TransactionEnd::timed_out, 0});
  phone.visits.push_back({loopback(12, 5060), pcap::IpProtocol::udp, false, packet(8, 33010), packet(9, 33012), 1,
                          wire::TransactionEnd::success, 200});
  phone.changes.push_back({wire::ServerChangeKind::failover, packet(8, 33010), loopback(11, 5060), loopback(12, 5060),
                           "no answer after 4 sends (32.0 s)"});

  wire::StoryFinding timeout;
  timeout.code = util::FindingCode::server_timeout_failover;
  timeout.severity = util::Severity::warning;
  timeout.text = "127.0.0.11:5060 did not answer REGISTER; the phone went on to 127.0.0.12:5060";
  timeout.evidence = {packet(4, 1010), packet(8, 33010)};
  wire::StoryFinding retries;
  retries.code = util::FindingCode::model_retry_count;
  retries.severity = util::Severity::warning;
  retries.text = "the phone sent REGISTER 4 times to 127.0.0.11:5060 before the next server";
  retries.observed = "4 sends";
  retries.expected = "3 sends (retryMaxCount 3)";
  retries.source = "Polycom UC Software 4.1.6 guide (retryMaxCount)";
  retries.evidence = {packet(7, 4510)};
  phone.findings = {timeout, retries};

  phone.verdict = wire::PhoneVerdict::recovered;
  phone.root_cause = util::FindingCode::server_timeout_failover;
  story.phones.push_back(phone);
  return story;
}

} // namespace sipfo::test
