// SIP over TCP put back together (RFC 9293 3.4, RFC 3261 18.3): reordered,
// retransmitted and overlapping segments give exactly the messages sent, once
// each; sequence numbers wrap at 2^32; buffers and the connection table stay
// within their bounds; SYN, FIN and RST say who opened and who closed.

#include "packet_builder.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace sipfo::pcap;
using namespace sipfo::pcap::test;

namespace {

constexpr std::uint16_t phone_port = 40000;

// One side of a connection phone 192.0.2.10 -> server 192.0.2.1:5060, with ISN `isn`.
struct Side {
  bool from_phone = true;
  std::uint32_t isn = 1000;

  Packet segment(std::uint32_t offset, std::string_view data, std::uint8_t flags = ack | psh) const
  {
    const char* source = from_phone ? "192.0.2.10" : "192.0.2.1";
    const char* destination = from_phone ? "192.0.2.1" : "192.0.2.10";
    const std::uint16_t sport = from_phone ? phone_port : 5060;
    const std::uint16_t dport = from_phone ? 5060 : phone_port;
    return ethernet(ethertype_ipv4, ipv4(source, destination, proto_tcp,
                                         tcp(sport, dport, isn + 1 + offset, flags, bytes_of(data))));
  }
  Packet control(std::uint8_t flags, std::uint32_t offset = 0) const
  {
    const bool is_syn = (flags & syn) != 0;
    Packet p = segment(offset, "", flags);
    if (is_syn) {
      // A SYN carries the ISN itself.
      Packet fixed = p;
      const std::uint32_t seq = isn;
      fixed[14 + 20 + 4] = static_cast<std::uint8_t>(seq >> 24);
      fixed[14 + 20 + 5] = static_cast<std::uint8_t>(seq >> 16);
      fixed[14 + 20 + 6] = static_cast<std::uint8_t>(seq >> 8);
      fixed[14 + 20 + 7] = static_cast<std::uint8_t>(seq);
      return fixed;
    }
    return p;
  }
};

const Side phone{true, 1000};
const Side server{false, 900000};

} // namespace

TEST_CASE("pcap::PacketDecoder: reordered, retransmitted and overlapping TCP segments give each SIP message once")
{
  const std::string m1 = sip_request("REGISTER", 1);
  const std::string m2 = sip_request("REGISTER", 2, "body-of-two");
  const std::string m3 = sip_request("OPTIONS", 3);
  const std::string stream = m1 + m2 + m3;
  Feeder feeder;
  feeder.feed(phone.control(syn));
  feeder.feed(server.control(syn | ack));
  const auto at = [&](std::size_t begin, std::size_t end) { return std::string_view(stream).substr(begin, end - begin); };
  const std::size_t a = 100, b = m1.size() + 30, c = m1.size() + m2.size() + 10;
  feeder.feed(phone.segment(static_cast<std::uint32_t>(b), at(b, c)));         // third piece first
  feeder.feed(phone.segment(0, at(0, a)));                                   // first
  feeder.feed(phone.segment(0, at(0, a)));                                   // retransmitted
  feeder.feed(phone.segment(static_cast<std::uint32_t>(a - 20), at(a - 20, b + 5))); // overlaps both neighbours
  feeder.feed(phone.segment(static_cast<std::uint32_t>(c), at(c, stream.size())));
  feeder.feed(phone.segment(static_cast<std::uint32_t>(c), at(c, stream.size()))); // retransmitted again
  CHECK(feeder.sink.payloads() == std::vector<std::string>{m1, m2, m3});
  CHECK(feeder.sink.notes.empty());
  for (const auto& message : feeder.sink.messages) {
    CHECK(message.flow.protocol == IpProtocol::tcp);
    CHECK(message.flow.source.to_string() == "192.0.2.10:40000");
    CHECK(message.flow.destination.to_string() == "192.0.2.1:5060");
  }
  // m1 and m2 completed by packet 6 (the overlapping segment), m3 by packet 7.
  CHECK(feeder.sink.messages[0].packet.number == 6);
  CHECK(feeder.sink.messages[2].packet.number == 7);
}

TEST_CASE("pcap::PacketDecoder: a SIP message split over 3 segments, answered on the other side")
{
  const std::string request = sip_request("INVITE", 5, "v=0\r\n");
  const std::string response = sip_response(100, "Trying", 5, "INVITE");
  Feeder feeder;
  feeder.feed(phone.control(syn));
  feeder.feed(server.control(syn | ack));
  feeder.feed(phone.segment(0, request.substr(0, 7))); // "INVITE " alone: the start line is split too
  feeder.feed(phone.segment(7, request.substr(7, 50)));
  CHECK(feeder.sink.messages.empty());
  feeder.feed(phone.segment(57, request.substr(57)));
  feeder.feed(server.segment(0, response));
  REQUIRE(feeder.sink.messages.size() == 2);
  CHECK(feeder.sink.messages[0].payload == request);
  CHECK(feeder.sink.messages[0].first_packet == 3);
  CHECK(feeder.sink.messages[0].packet.number == 5);
  CHECK(feeder.sink.messages[1].payload == response);
  CHECK(feeder.sink.messages[1].flow.source.to_string() == "192.0.2.1:5060");
}

TEST_CASE("pcap::PacketDecoder: TCP sequence numbers wrapping past 2^32 inside a message")
{
  const std::string m1 = sip_request("REGISTER", 1);
  const std::string m2 = sip_request("REGISTER", 2);
  const Side wrapping{true, 0xffffffffu - 40}; // data starts 40 bytes before the wrap
  Feeder feeder;
  feeder.feed(wrapping.control(syn));
  const std::string stream = m1 + m2;
  feeder.feed(wrapping.segment(60, std::string_view(stream).substr(60, 100))); // after the wrap, early
  feeder.feed(wrapping.segment(0, std::string_view(stream).substr(0, 60)));    // across the wrap
  feeder.feed(wrapping.segment(160, std::string_view(stream).substr(160)));
  feeder.feed(wrapping.segment(0, std::string_view(stream).substr(0, 60)));    // old retransmission
  CHECK(feeder.sink.payloads() == std::vector<std::string>{m1, m2});
  CHECK(feeder.sink.notes.empty());
}

TEST_CASE("pcap::PacketDecoder: a stream joined mid-message starts at the next start line")
{
  const std::string m1 = sip_request("REGISTER", 1);
  const std::string m2 = sip_request("OPTIONS", 2);
  Feeder feeder; // no SYN seen: the capture started while the connection was open
  feeder.feed(phone.segment(0, std::string_view(m1).substr(40)));
  feeder.feed(phone.segment(static_cast<std::uint32_t>(m1.size() - 40), m2));
  CHECK(feeder.sink.payloads() == std::vector<std::string>{m2});
}

TEST_CASE("pcap::PacketDecoder: a lost segment is a gap note, and the next message still comes out")
{
  const std::string m1 = sip_request("REGISTER", 1);
  const std::string m2 = sip_request("REGISTER", 2);
  Feeder feeder;
  feeder.feed(phone.control(syn));
  feeder.feed(phone.segment(0, std::string_view(m1).substr(0, 30)));
  // Bytes 30..60 never captured.
  feeder.feed(phone.segment(60, std::string_view(m1).substr(60)));
  feeder.feed(phone.segment(static_cast<std::uint32_t>(m1.size()), m2));
  feeder.feed(phone.control(fin | ack, static_cast<std::uint32_t>(m1.size() + m2.size())));
  feeder.feed(server.control(fin | ack));
  feeder.finish();
  CHECK(feeder.sink.payloads() == std::vector<std::string>{m2});
  CHECK(feeder.sink.notes_of(NoteKind::stream_gap) >= 1);
  CHECK(feeder.decoder().live_streams() == 0);
}

TEST_CASE("pcap::PacketDecoder: data waiting behind a hole is bounded per stream")
{
  DecoderLimits limits;
  limits.stream_buffer_bytes = 4096;
  Feeder feeder(LinkType::ethernet, limits);
  feeder.feed(phone.control(syn));
  const std::string junk = std::string(998, 'j') + "\r\n"; // lines, so a start line can follow one
  // The first 100 bytes never come; 20 segments of 1000 bytes wait behind them.
  std::size_t most = 0;
  for (std::uint32_t i = 0; i < 20; ++i) {
    feeder.feed(phone.segment(100 + i * 1000, junk));
    most = std::max(most, feeder.decoder().buffered_bytes());
  }
  CHECK(most <= 4096 + 2048 + 65535); // the bound, plus what the SIP reader keeps while out of step
  CHECK(feeder.sink.notes_of(NoteKind::stream_overflow) == 1);
  const std::string after = sip_request("OPTIONS", 9);
  feeder.feed(phone.segment(100 + 20 * 1000, after));
  CHECK(feeder.sink.payloads() == std::vector<std::string>{after});
}

TEST_CASE("pcap::PacketDecoder: closed connections are forgotten at once, idle ones after the limit")
{
  DecoderLimits limits;
  limits.stream_idle = std::chrono::seconds(300);
  Feeder feeder(LinkType::ethernet, limits);
  feeder.feed(phone.control(syn));
  feeder.feed(server.control(syn | ack));
  feeder.feed(phone.control(fin | ack));
  CHECK(feeder.decoder().live_streams() == 1);
  feeder.feed(server.control(fin | ack));
  CHECK(feeder.decoder().live_streams() == 0);
  // A connection that falls silent.
  feeder.feed(phone.control(syn));
  feeder.feed(phone.segment(0, "REGISTER sip:x SIP/2.0\r\nContent-Length: 0\r\n"));
  CHECK(feeder.decoder().live_streams() == 1);
  feeder.advance(std::chrono::seconds(301));
  feeder.feed(ethernet(0x0806, Packet(28, 0))); // any later packet moves capture time on
  CHECK(feeder.decoder().live_streams() == 0);
  CHECK(feeder.sink.notes_of(NoteKind::stream_gap) == 1); // the unfinished REGISTER
}

TEST_CASE("pcap::PacketDecoder: the connection table never holds more than max_streams")
{
  DecoderLimits limits;
  limits.max_streams = 16;
  Feeder feeder(LinkType::ethernet, limits);
  for (std::uint16_t port = 1; port <= 200; ++port) {
    feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_tcp,
                                              tcp(static_cast<std::uint16_t>(20000 + port), 5060, 7, syn, {}))));
    CHECK(feeder.decoder().live_streams() <= 16);
  }
  CHECK(feeder.decoder().live_streams() == 16);
}

TEST_CASE("pcap::PacketDecoder: SYN, SYN-ACK, FIN and RST of a SIP connection say who did what")
{
  Feeder feeder;
  feeder.feed(phone.control(syn));
  feeder.feed(phone.control(syn)); // retransmitted SYN: reported once
  feeder.feed(server.control(syn | ack));
  feeder.feed(server.control(fin | ack));
  feeder.feed(phone.control(rst));
  REQUIRE(feeder.sink.connections.size() == 4);
  CHECK(feeder.sink.connections[0].kind == ConnectionEventKind::syn);
  CHECK(feeder.sink.connections[0].flow.source.to_string() == "192.0.2.10:40000");
  CHECK(feeder.sink.connections[1].kind == ConnectionEventKind::syn_ack);
  CHECK(feeder.sink.connections[2].kind == ConnectionEventKind::fin);
  CHECK(feeder.sink.connections[2].flow.source.to_string() == "192.0.2.1:5060");
  CHECK(feeder.sink.connections[3].kind == ConnectionEventKind::rst);
  CHECK(feeder.sink.connections[3].packet.number == 5);
  CHECK(feeder.decoder().live_streams() == 0);
}

TEST_CASE("pcap::PacketDecoder: TCP that is neither SIP nor TLS is not followed")
{
  Feeder feeder;
  const auto http = [](std::uint32_t seq, std::string_view data) {
    return ethernet(ethertype_ipv4,
                    ipv4("192.0.2.10", "192.0.2.80", proto_tcp, tcp(40001, 80, seq, ack | psh, bytes_of(data))));
  };
  feeder.feed(http(1, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  feeder.feed(http(500, "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n")); // out of order: not buffered
  CHECK(feeder.sink.messages.empty());
  CHECK(feeder.sink.connections.empty());
  CHECK(feeder.decoder().buffered_bytes() == 0);
}

TEST_CASE("pcap::PacketDecoder: SIP over TCP on another port is recognised by its start line")
{
  const std::string m = sip_request("REGISTER", 1);
  Feeder feeder;
  feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_tcp, tcp(40002, 5080, 5, ack | psh, bytes_of(m)))));
  CHECK(feeder.sink.payloads() == std::vector<std::string>{m});
}

TEST_CASE("pcap::PacketDecoder: a message on a stream without Content-Length is a framing note, then framing resumes")
{
  const std::string bad = "REGISTER sip:x SIP/2.0\r\nCSeq: 1 REGISTER\r\n\r\n";
  const std::string good = sip_request("REGISTER", 2);
  Feeder feeder;
  feeder.feed(phone.control(syn));
  feeder.feed(phone.segment(0, bad));
  feeder.feed(phone.segment(static_cast<std::uint32_t>(bad.size()), good));
  CHECK(feeder.sink.notes_of(NoteKind::framing_error) == 1);
  CHECK(feeder.sink.payloads() == std::vector<std::string>{good});
}

TEST_CASE("pcap::PacketDecoder: all streams together stay within max_buffered_bytes")
{
  DecoderLimits limits;
  limits.stream_buffer_bytes = 32 * 1024;
  limits.max_buffered_bytes = 64 * 1024;
  Feeder feeder(LinkType::ethernet, limits);
  const std::string chunk(1000, 'c');
  std::size_t most = 0;
  for (std::uint16_t stream = 0; stream < 10; ++stream) {
    const auto port = static_cast<std::uint16_t>(41000 + stream);
    feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_tcp, tcp(port, 5060, 99, syn, {}))));
    // Byte 0 never comes; 20 KiB wait behind it on each stream.
    for (std::uint32_t i = 0; i < 20; ++i) {
      feeder.feed(ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_tcp,
                                                tcp(port, 5060, 101 + i * 1000, ack, bytes_of(chunk)))));
      most = std::max(most, feeder.decoder().buffered_bytes());
    }
  }
  CHECK(most <= 64 * 1024);
  CHECK(feeder.sink.notes_of(NoteKind::stream_overflow) >= 6); // 10 x 20 KiB in a 64 KiB budget
  CHECK(feeder.sink.messages.empty());
}

TEST_CASE("pcap::PacketDecoder: a flood of 1-byte out-of-order segments is held to the stream bound too")
{
  DecoderLimits limits;
  limits.stream_buffer_bytes = 64 * 1024;
  Feeder feeder(LinkType::ethernet, limits);
  feeder.feed(phone.control(syn));
  std::size_t most = 0;
  for (std::uint32_t i = 0; i < 5000; ++i) {
    feeder.feed(phone.segment(10 + 2 * i, "x")); // every other byte: nothing ever joins up
    most = std::max(most, feeder.decoder().buffered_bytes());
  }
  CHECK(most <= 64 * 1024 + 2048 + 65535);
  CHECK(feeder.sink.notes_of(NoteKind::stream_overflow) >= 1);
}

TEST_CASE("pcap::PacketDecoder: a new SYN on the same ports with another sequence number is a new connection")
{
  const std::string m1 = sip_request("REGISTER", 1);
  const std::string m2 = sip_request("REGISTER", 2);
  Feeder feeder;
  feeder.feed(phone.control(syn));
  feeder.feed(phone.segment(0, std::string_view(m1).substr(0, 50))); // the rest never comes
  const Side again{true, 777777};                                   // the phone reconnects from the same port
  feeder.feed(again.control(syn));
  feeder.feed(again.control(syn)); // its SYN retransmitted: still the same connection
  feeder.feed(again.segment(0, m2));
  CHECK(feeder.sink.payloads() == std::vector<std::string>{m2});
  CHECK(feeder.sink.notes_of(NoteKind::stream_gap) == 1); // the first REGISTER, cut off
  std::size_t syns = 0;
  for (const auto& event : feeder.sink.connections) syns += event.kind == ConnectionEventKind::syn;
  CHECK(syns == 2);
}

TEST_CASE("pcap::PacketDecoder: overlapping TCP segments with different bytes resolve the same way every time")
{
  const std::string body(300, '.');
  const std::string message = sip_request("MESSAGE", 1, body);
  const std::size_t h = message.size() - body.size();
  const auto painted = [&](std::size_t begin, std::size_t end, char c) {
    std::string part = message.substr(begin, end - begin);
    for (std::size_t i = 0; i < part.size(); ++i)
      if (begin + i >= h) part[i] = c;
    return part;
  };
  Feeder feeder;
  feeder.feed(phone.control(syn));
  feeder.feed(phone.segment(static_cast<std::uint32_t>(h + 100), painted(h + 100, h + 200, 'A')));
  feeder.feed(phone.segment(static_cast<std::uint32_t>(h + 150), painted(h + 150, h + 300, 'B')));
  feeder.feed(phone.segment(static_cast<std::uint32_t>(h + 100), painted(h + 100, h + 250, 'C'))); // same start, longer
  feeder.feed(phone.segment(0, message.substr(0, h + 100)));
  feeder.feed(phone.segment(0, painted(0, h + 300, 'Z'))); // delivered bytes are never replaced
  REQUIRE(feeder.sink.messages.size() == 1);
  // Waiting segments: the earlier start wins (A), its longer copy adds only its tail (C),
  // then B's remainder.
  CHECK(feeder.sink.messages[0].payload.substr(h) ==
        std::string(100, '.') + std::string(100, 'A') + std::string(50, 'C') + std::string(50, 'B'));
}
