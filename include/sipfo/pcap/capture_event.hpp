#pragma once
// What the capture decoder hands on, packet by packet, to whoever rebuilds the
// story (parse-pcap): application messages (one DNS message or one SIP message
// each), TLS handshake events, TCP connection events, and notes about what
// could not be decoded. Failures of the capture (truncation, a lost segment, a
// fragment that never completed) are notes, never errors.

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace sipfo::pcap {

// When a packet was captured: nanoseconds since the Unix epoch (libpcap's
// nanosecond precision; microsecond captures are scaled up).
using CaptureTime = std::chrono::time_point<std::chrono::system_clock, std::chrono::nanoseconds>;

enum class IpVersion { v4, v6 };
// The IP payload protocols the decoder follows.
enum class IpProtocol { udp, tcp };

struct Address {
  IpVersion version = IpVersion::v4;
  // IPv4 in the first 4 bytes, the rest zero.
  std::array<std::uint8_t, 16> bytes{};

  // "192.0.2.1", "2001:db8::1" (inet_ntop).
  std::string to_string() const;
  friend bool operator==(const Address&, const Address&) = default;
};

struct Endpoint {
  Address address;
  std::uint16_t port = 0;

  // "192.0.2.1:5060", "[2001:db8::1]:5060".
  std::string to_string() const;
  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

// One direction of a conversation: `source` sent the packet(s).
struct Flow {
  IpProtocol protocol = IpProtocol::udp;
  Endpoint source;
  Endpoint destination;

  IpVersion ip_version() const noexcept { return source.address.version; }
  friend bool operator==(const Flow&, const Flow&) = default;
};

// A packet of the capture: its number (1 for the first packet of each file, as
// Wireshark and tcpdump count) and when it was captured.
struct PacketRef {
  std::uint64_t number = 0;
  CaptureTime time{};
  friend bool operator==(const PacketRef&, const PacketRef&) = default;
};

enum class Protocol { dns, sip };

// One application message. Over UDP: one datagram's payload (after IP
// reassembly). Over TCP: one SIP message cut from the reassembled stream by its
// Content-Length (RFC 3261 18.3), or one DNS message on port 53 without its
// 2-byte length prefix (RFC 1035 4.2.2); `packet` is the packet that completed it
// and `first_packet` the number of the packet that carried its first byte.
struct Message {
  PacketRef packet;
  std::uint64_t first_packet = 0;
  Flow flow;
  Protocol protocol = Protocol::sip;
  std::string payload;
  // The packet was cut by the capture's snaplen: `payload` is only what was captured.
  bool truncated = false;
};

enum class TlsEventKind { client_hello, server_hello, alert };

// A TLS record seen in clear on a TCP stream (RFC 8446 4.1, 6; RFC 5246 7).
struct TlsEvent {
  PacketRef packet;
  Flow flow;
  TlsEventKind kind = TlsEventKind::client_hello;
  // client_hello: the server_name extension's host name (RFC 6066 3), "" when absent.
  std::string server_name;
  // client_hello: the highest version offered (supported_versions, RFC 8446
  // 4.2.1, else legacy_version); server_hello: the version chosen.
  std::uint16_t version = 0;
  // client_hello: every version offered, as sent (GREASE values left out).
  std::vector<std::uint16_t> offered_versions;
  // alert: level (1 warning, 2 fatal) and description (RFC 8446 6); both 0 and
  // `encrypted_alert` set when the alert was sent after ChangeCipherSpec.
  std::uint8_t alert_level = 0;
  std::uint8_t alert_description = 0;
  bool encrypted_alert = false;
};

enum class ConnectionEventKind { syn, syn_ack, fin, rst };

// A TCP control segment of a connection the decoder follows (SIP, TLS or DNS port,
// or a stream whose bytes were recognised as SIP or TLS): `flow.source` sent it, so a FIN or RST says
// who closed. Retransmitted SYNs and FINs are reported once per connection and side.
struct ConnectionEvent {
  PacketRef packet;
  Flow flow;
  ConnectionEventKind kind = ConnectionEventKind::syn;
};

enum class NoteKind {
  truncated,            // the snaplen cut a packet the decoder needed
  undecodable,          // a header with impossible lengths or values
  fragment_incomplete,  // an IP datagram whose fragments never all arrived
  fragment_overlap,     // overlapping IP fragments (the first copy of each byte wins)
  fragment_oversized,   // fragments reaching past 65535 bytes
  stream_gap,           // bytes of a TCP stream never seen; framing resumes after them
  stream_overflow,      // a TCP stream buffered more than its limit; bytes skipped
  framing_error,        // a SIP message on a stream could not be cut (no Content-Length, ...)
  capture_error,        // the capture file ends early or is damaged after this packet
};

struct Note {
  PacketRef packet;
  NoteKind kind = NoteKind::undecodable;
  std::string text;
};

// "truncated", "stream gap", ...: how a note kind reads in output.
const char* note_kind_name(NoteKind kind) noexcept;
// "ClientHello", "ServerHello", "Alert".
const char* tls_event_name(TlsEventKind kind) noexcept;
// "TLS 1.2", "SSL 3.0", or "0x7f1c" for values without a name.
std::string tls_version_name(std::uint16_t version);

// "handshake_failure", "bad_certificate", ... (RFC 8446 6, RFC 5246 7.2); "" for
// a value without a name.
const char* tls_alert_name(std::uint8_t description) noexcept;
// "SYN", "SYN-ACK", "FIN", "RST".
const char* connection_event_name(ConnectionEventKind kind) noexcept;

// Receives the decoder's output in capture order.
class EventSink {
public:
  virtual ~EventSink() = default;
  // Called before the events of each capture file (path as given, "-" for stdin).
  virtual void on_file(const std::string& path) { (void)path; }
  virtual void on_message(Message&& message) = 0;
  virtual void on_tls(const TlsEvent& event) = 0;
  virtual void on_connection(const ConnectionEvent& event) = 0;
  virtual void on_note(const Note& note) = 0;
};

} // namespace sipfo::pcap
