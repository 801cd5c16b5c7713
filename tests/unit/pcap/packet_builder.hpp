#pragma once
// Packets built byte by byte for the decoder's tests (RFC 791, 8200, 768, 9293
// layouts, written out here rather than taken from the code under test), and a
// sink that keeps what the decoder said.

#include "sipfo/pcap/capture_event.hpp"
#include "sipfo/pcap/packet_decoder.hpp"

#include <arpa/inet.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::pcap::test {

using Packet = std::vector<std::uint8_t>;

inline void put16(Packet& p, std::uint16_t v)
{
  p.push_back(static_cast<std::uint8_t>(v >> 8));
  p.push_back(static_cast<std::uint8_t>(v));
}

inline void put32(Packet& p, std::uint32_t v)
{
  put16(p, static_cast<std::uint16_t>(v >> 16));
  put16(p, static_cast<std::uint16_t>(v));
}

inline Packet bytes_of(std::string_view text)
{
  return Packet(text.begin(), text.end());
}

inline Packet concat(std::initializer_list<Packet> parts)
{
  Packet out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

inline Packet v4(const char* text)
{
  Packet out(4);
  inet_pton(AF_INET, text, out.data());
  return out;
}

inline Packet v6(const char* text)
{
  Packet out(16);
  inet_pton(AF_INET6, text, out.data());
  return out;
}

struct Ipv4Options {
  std::uint16_t id = 0x1234;
  bool more_fragments = false;
  std::uint16_t offset_units = 0; // fragment offset in 8-byte units
  int header_words = 5;           // IHL
  int total_length = -1;          // -1: computed
};

inline Packet ipv4(const char* source, const char* destination, std::uint8_t protocol, const Packet& payload,
                   Ipv4Options options = {})
{
  Packet p;
  p.push_back(static_cast<std::uint8_t>(0x40 | (options.header_words & 0x0f)));
  p.push_back(0);
  const std::size_t header = std::size_t(options.header_words < 5 ? 5 : options.header_words) * 4;
  put16(p, static_cast<std::uint16_t>(options.total_length >= 0 ? options.total_length : header + payload.size()));
  put16(p, options.id);
  put16(p, static_cast<std::uint16_t>((options.more_fragments ? 0x2000 : 0) | options.offset_units));
  p.push_back(64);
  p.push_back(protocol);
  put16(p, 0); // checksum: not checked by the decoder (offload leaves it wrong in captures)
  const Packet s = v4(source), d = v4(destination);
  p.insert(p.end(), s.begin(), s.end());
  p.insert(p.end(), d.begin(), d.end());
  p.resize(header, 0); // options, if any
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

// `extensions` are whole extension headers; `first_next` names the first of them
// (or the transport when there are none).
inline Packet ipv6(const char* source, const char* destination, std::uint8_t first_next, const Packet& rest)
{
  Packet p{0x60, 0, 0, 0};
  put16(p, static_cast<std::uint16_t>(rest.size()));
  p.push_back(first_next);
  p.push_back(64);
  const Packet s = v6(source), d = v6(destination);
  p.insert(p.end(), s.begin(), s.end());
  p.insert(p.end(), d.begin(), d.end());
  p.insert(p.end(), rest.begin(), rest.end());
  return p;
}

// An IPv6 fragment header (RFC 8200 4.5) followed by the fragment's data.
inline Packet ipv6_fragment(std::uint8_t next, std::uint16_t offset_bytes, bool more, std::uint32_t id,
                            const Packet& data)
{
  Packet p{next, 0};
  put16(p, static_cast<std::uint16_t>((offset_bytes & 0xfff8) | (more ? 1 : 0)));
  put32(p, id);
  p.insert(p.end(), data.begin(), data.end());
  return p;
}

inline Packet udp(std::uint16_t source_port, std::uint16_t destination_port, const Packet& payload, int length = -1)
{
  Packet p;
  put16(p, source_port);
  put16(p, destination_port);
  put16(p, static_cast<std::uint16_t>(length >= 0 ? length : 8 + payload.size()));
  put16(p, 0);
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

inline constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, psh = 0x08, ack = 0x10;

inline Packet tcp(std::uint16_t source_port, std::uint16_t destination_port, std::uint32_t seq, std::uint8_t flags,
                  const Packet& payload, std::uint8_t data_offset_words = 5)
{
  Packet p;
  put16(p, source_port);
  put16(p, destination_port);
  put32(p, seq);
  put32(p, 0); // ack number
  p.push_back(static_cast<std::uint8_t>(data_offset_words << 4));
  p.push_back(flags);
  put16(p, 65535);
  put16(p, 0);
  put16(p, 0);
  p.resize(std::size_t(data_offset_words < 5 ? 5 : data_offset_words) * 4, 0);
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

inline Packet ethernet(std::uint16_t type, const Packet& payload, std::initializer_list<std::uint16_t> tag_types = {})
{
  Packet p{0x00, 0x04, 0xf2, 0xa1, 0xb2, 0xc3, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
  std::uint16_t vid = 100;
  for (std::uint16_t tag : tag_types) {
    put16(p, tag);
    put16(p, vid++);
  }
  put16(p, type);
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

inline Packet sll(std::uint16_t protocol, const Packet& payload)
{
  Packet p;
  put16(p, 0);    // packet type: to us
  put16(p, 772);  // ARPHRD_LOOPBACK
  put16(p, 6);
  for (int i = 0; i < 8; ++i) p.push_back(0);
  put16(p, protocol);
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

inline Packet sll2(std::uint16_t protocol, const Packet& payload)
{
  Packet p;
  put16(p, protocol);
  put16(p, 0);
  put32(p, 1);    // interface index
  put16(p, 772);
  p.push_back(0); // packet type
  p.push_back(6);
  for (int i = 0; i < 8; ++i) p.push_back(0);
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

// DLT_NULL / DLT_LOOP: a 4-byte address family.
inline Packet family_header(std::uint32_t family, bool big_endian, const Packet& payload)
{
  Packet p;
  if (big_endian) put32(p, family);
  else
    for (int i = 0; i < 4; ++i) p.push_back(static_cast<std::uint8_t>(family >> (8 * i)));
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

class CollectingSink : public EventSink {
public:
  void on_message(Message&& message) override { messages.push_back(std::move(message)); }
  void on_tls(const TlsEvent& event) override { tls.push_back(event); }
  void on_connection(const ConnectionEvent& event) override { connections.push_back(event); }
  void on_note(const Note& note) override { notes.push_back(note); }

  std::size_t notes_of(NoteKind kind) const
  {
    std::size_t count = 0;
    for (const auto& note : notes) count += note.kind == kind;
    return count;
  }
  std::vector<std::string> payloads() const
  {
    std::vector<std::string> out;
    for (const auto& message : messages) out.push_back(message.payload);
    return out;
  }

  std::vector<Message> messages;
  std::vector<TlsEvent> tls;
  std::vector<ConnectionEvent> connections;
  std::vector<Note> notes;
};

// A decoder fed packets numbered 1, 2, ... one millisecond apart (or at given times).
class Feeder {
public:
  explicit Feeder(LinkType link = LinkType::ethernet, DecoderLimits limits = {})
      : link_(link), decoder_(sink, limits)
  {
  }

  // `wire_length` 0: as long as the bytes (not truncated).
  void feed(const Packet& bytes, std::uint32_t wire_length = 0)
  {
    feed_at(bytes, time_ + std::chrono::milliseconds(1), wire_length);
  }
  void feed_at(const Packet& bytes, CaptureTime time, std::uint32_t wire_length = 0)
  {
    ++number_;
    time_ = time;
    PacketRecord record;
    record.packet = PacketRef{number_, time};
    record.bytes = bytes;
    record.wire_length = wire_length ? wire_length : static_cast<std::uint32_t>(bytes.size());
    decoder_.decode(link_, record);
  }
  void advance(std::chrono::nanoseconds by) { time_ += by; }
  CaptureTime now() const { return time_; }
  void finish() { decoder_.finish(); }
  PacketDecoder& decoder() { return decoder_; }

  CollectingSink sink;

private:
  LinkType link_;
  PacketDecoder decoder_;
  std::uint64_t number_ = 0;
  CaptureTime time_ = CaptureTime(std::chrono::seconds(1'700'000'000));
};

inline constexpr std::uint16_t ethertype_ipv4 = 0x0800;
inline constexpr std::uint16_t ethertype_ipv6 = 0x86dd;
inline constexpr std::uint8_t proto_tcp = 6;
inline constexpr std::uint8_t proto_udp = 17;

// A SIP request with a correct Content-Length for `body`.
inline std::string sip_request(std::string_view method, int cseq, std::string_view body = {})
{
  std::string text = std::string(method) + " sip:eslab.local SIP/2.0\r\n";
  text += "Via: SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bK" + std::to_string(cseq) + "\r\n";
  text += "Call-ID: test-" + std::to_string(cseq) + "\r\n";
  text += "CSeq: " + std::to_string(cseq) + " " + std::string(method) + "\r\n";
  text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  text += body;
  return text;
}

inline std::string sip_response(int code, std::string_view reason, int cseq, std::string_view method)
{
  return "SIP/2.0 " + std::to_string(code) + " " + std::string(reason) + "\r\nCSeq: " + std::to_string(cseq) + " " +
         std::string(method) + "\r\nContent-Length: 0\r\n\r\n";
}

} // namespace sipfo::pcap::test
