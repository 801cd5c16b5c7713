#pragma once
// Events for the story builder's tests, built by hand: DNS messages written
// byte by byte (RFC 1035 4.1 layouts, not taken from the code under test), SIP
// messages as text, TCP and TLS events, all at chosen instants.

#include "sipfo/pcap/capture_event.hpp"
#include "sipfo/wire/story_builder.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace sipfo::wire::test {

using namespace std::chrono_literals;

inline const pcap::CaptureTime t0 = pcap::CaptureTime(std::chrono::seconds(1'700'000'000));

inline pcap::CaptureTime at(std::chrono::nanoseconds offset)
{
  return t0 + offset;
}

inline pcap::Address ip(const char* text)
{
  pcap::Address address;
  if (inet_pton(AF_INET, text, address.bytes.data()) != 1) {
    address.version = pcap::IpVersion::v6;
    inet_pton(AF_INET6, text, address.bytes.data());
  }
  return address;
}

inline pcap::Endpoint endpoint(const char* address, std::uint16_t port)
{
  return pcap::Endpoint{ip(address), port};
}

// ---- DNS (RFC 1035 4.1) ----

struct DnsRecordSpec {
  std::uint16_t type = 1; // A
  std::uint32_t ttl = 60;
  std::vector<std::uint8_t> rdata;
};

inline void put16(std::string& out, std::uint16_t value)
{
  out += static_cast<char>(value >> 8);
  out += static_cast<char>(value & 0xff);
}

inline void put32(std::string& out, std::uint32_t value)
{
  put16(out, static_cast<std::uint16_t>(value >> 16));
  put16(out, static_cast<std::uint16_t>(value));
}

inline std::string wire_name(const std::string& name)
{
  std::string out;
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    out += static_cast<char>(dot - start);
    out += name.substr(start, dot - start);
    start = dot + 1;
  }
  out += '\0';
  return out;
}

// A query: id, RD set, one question of class IN.
inline std::string dns_query(std::uint16_t id, const std::string& name, std::uint16_t type)
{
  std::string out;
  put16(out, id);
  put16(out, 0x0100); // RD
  put16(out, 1);
  put16(out, 0);
  put16(out, 0);
  put16(out, 0);
  out += wire_name(name);
  put16(out, type);
  put16(out, 1);
  return out;
}

inline std::vector<std::uint8_t> a_rdata(const char* address)
{
  std::vector<std::uint8_t> out(4);
  inet_pton(AF_INET, address, out.data());
  return out;
}

// A reply: QR, RD, RA, `rcode`; the question again; answers owned by the
// question's name (pointer to offset 12); an SOA in authority when `soa_ttl` is set.
inline std::string dns_reply(std::uint16_t id, const std::string& name, std::uint16_t type, std::uint16_t rcode,
                             const std::vector<DnsRecordSpec>& answers, std::optional<std::uint32_t> soa_ttl = {},
                             std::uint32_t soa_minimum = 0)
{
  std::string out;
  put16(out, id);
  put16(out, static_cast<std::uint16_t>(0x8180 | rcode));
  put16(out, 1);
  put16(out, static_cast<std::uint16_t>(answers.size()));
  put16(out, soa_ttl ? 1 : 0);
  put16(out, 0);
  out += wire_name(name);
  put16(out, type);
  put16(out, 1);
  for (const auto& record : answers) {
    put16(out, 0xc00c);
    put16(out, record.type);
    put16(out, 1);
    put32(out, record.ttl);
    put16(out, static_cast<std::uint16_t>(record.rdata.size()));
    out.append(record.rdata.begin(), record.rdata.end());
  }
  if (soa_ttl) {
    std::string rdata = wire_name("ns.eslab.local") + wire_name("admin.eslab.local");
    put32(rdata, 1);    // serial
    put32(rdata, 3600); // refresh
    put32(rdata, 600);  // retry
    put32(rdata, 86400); // expire
    put32(rdata, soa_minimum);
    out += wire_name("eslab.local");
    put16(out, 6);
    put16(out, 1);
    put32(out, *soa_ttl);
    put16(out, static_cast<std::uint16_t>(rdata.size()));
    out += rdata;
  }
  return out;
}

// ---- SIP ----

struct SipRequestSpec {
  std::string method = "REGISTER";
  std::string branch = "z9hG4bK1";
  std::uint32_t cseq = 1;
  std::string call_id = "call1@phone";
  std::string contact = "<sip:1512@10.0.0.50:5060>";
  std::optional<std::uint32_t> expires = 3600;
  bool credentials = false;
};

inline std::string sip_request(const SipRequestSpec& spec)
{
  std::string text = fmt::format("{} sip:eslab.local SIP/2.0\r\n"
                                 "Via: SIP/2.0/UDP 10.0.0.50:5060;branch={};rport\r\n"
                                 "From: <sip:1512@eslab.local>;tag=f1\r\n"
                                 "To: <sip:1512@eslab.local>\r\n"
                                 "Call-ID: {}\r\n"
                                 "CSeq: {} {}\r\n"
                                 "Contact: {}\r\n",
                                 spec.method, spec.branch, spec.call_id, spec.cseq, spec.method, spec.contact);
  if (spec.expires) text += fmt::format("Expires: {}\r\n", *spec.expires);
  if (spec.credentials)
    text += "Authorization: Digest username=\"1512\", realm=\"eslab\", nonce=\"n\", uri=\"sip:eslab.local\", "
            "response=\"0123456789abcdef0123456789abcdef\"\r\n";
  return text + "Content-Length: 0\r\n\r\n";
}

inline std::string sip_response(const SipRequestSpec& spec, int code, const std::string& reason,
                                const std::string& extra = "")
{
  return fmt::format("SIP/2.0 {} {}\r\n"
                     "Via: SIP/2.0/UDP 10.0.0.50:5060;branch={};rport=5060\r\n"
                     "From: <sip:1512@eslab.local>;tag=f1\r\n"
                     "To: <sip:1512@eslab.local>;tag=t1\r\n"
                     "Call-ID: {}\r\n"
                     "CSeq: {} {}\r\n"
                     "{}"
                     "Content-Length: 0\r\n\r\n",
                     code, reason, spec.branch, spec.call_id, spec.cseq, spec.method, extra);
}

// ---- feeding the builder ----

// Feeds events with packet numbers counted from 1, as a capture file has them.
class Feed {
public:
  explicit Feed(StoryBuilder& builder) : builder_(builder) {}

  std::uint64_t message(std::chrono::nanoseconds when, pcap::Protocol protocol, const pcap::Endpoint& from,
                        const pcap::Endpoint& to, std::string payload, pcap::IpProtocol carrier = pcap::IpProtocol::udp)
  {
    pcap::Message message;
    message.packet = pcap::PacketRef{++number_, at(when)};
    message.first_packet = number_;
    message.flow = pcap::Flow{carrier, from, to};
    message.protocol = protocol;
    message.payload = std::move(payload);
    builder_.on_message(std::move(message));
    return number_;
  }
  std::uint64_t sip(std::chrono::nanoseconds when, const pcap::Endpoint& from, const pcap::Endpoint& to, std::string text)
  {
    return message(when, pcap::Protocol::sip, from, to, std::move(text));
  }
  std::uint64_t dns(std::chrono::nanoseconds when, const pcap::Endpoint& from, const pcap::Endpoint& to, std::string bytes)
  {
    return message(when, pcap::Protocol::dns, from, to, std::move(bytes));
  }
  std::uint64_t tcp(std::chrono::nanoseconds when, const pcap::Endpoint& from, const pcap::Endpoint& to,
                    pcap::ConnectionEventKind kind)
  {
    builder_.on_connection(pcap::ConnectionEvent{pcap::PacketRef{++number_, at(when)},
                                                 pcap::Flow{pcap::IpProtocol::tcp, from, to}, kind});
    return number_;
  }
  std::uint64_t tls(std::chrono::nanoseconds when, const pcap::Endpoint& from, const pcap::Endpoint& to,
                    pcap::TlsEvent event)
  {
    event.packet = pcap::PacketRef{++number_, at(when)};
    event.flow = pcap::Flow{pcap::IpProtocol::tcp, from, to};
    builder_.on_tls(event);
    return number_;
  }
  std::uint64_t note(std::chrono::nanoseconds when, pcap::NoteKind kind, std::string text)
  {
    builder_.on_note(pcap::Note{pcap::PacketRef{++number_, at(when)}, kind, std::move(text)});
    return number_;
  }
  std::uint64_t packets() const noexcept { return number_; }

private:
  StoryBuilder& builder_;
  std::uint64_t number_ = 0;
};

inline const StoryFinding* find_finding(const PhoneStory& phone, util::FindingCode code)
{
  for (const auto& finding : phone.findings) {
    if (finding.code == code) return &finding;
  }
  return nullptr;
}

} // namespace sipfo::wire::test
