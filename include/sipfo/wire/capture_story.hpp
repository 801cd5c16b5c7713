#pragma once
// parse-pcap's story of a capture: for each phone, the DNS exchanges it made,
// its SIP client transactions with every send measured, its TCP/TLS connection
// attempts, the servers it registered with in the order tried, each failover and
// failback, and the findings. Built from the pcap layer's events by StoryBuilder
// (story_builder.hpp); checked against a handset model by model_check.hpp;
// written by render/pcap_story. Plain data: no I/O, no references into the capture.
#include "sipfo/dns/answer.hpp"
#include "sipfo/pcap/capture_event.hpp"
#include "sipfo/util/finding.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::wire {

// A packet as output names it: packet numbers restart in each file, so a
// capture of several files also names the file ("b.pcap#12"; "#12" for one file).
struct PacketMark {
  std::uint32_t file = 0;   // index into CaptureStory::files
  std::uint64_t number = 0; // from 1 in each file, as tcpdump and Wireshark count
  pcap::CaptureTime time{};
  friend bool operator==(const PacketMark&, const PacketMark&) = default;
};

// One DNS question the phone sent to one server, with its retries and the reply.
// A retry is the same question to the same server before a reply (same or new id).
struct DnsExchange {
  dns::Question question;
  pcap::Endpoint client; // the phone's socket
  pcap::Endpoint server;
  pcap::IpProtocol protocol = pcap::IpProtocol::udp;
  std::uint16_t id = 0; // of the first query
  std::vector<PacketMark> queries; // the first send, then each retry, in order
  std::optional<PacketMark> reply;
  // The reply as read (outcome, records with their TTLs, negative TTL, TC bit,
  // size; `source` "IP@port", carrier udp/tcp, `elapsed` from the first query).
  // Nullopt when no reply is in the capture.
  std::optional<dns::Answer> answer;
};

// How a SIP client transaction ended on the wire (RFC 3261 17.1).
enum class TransactionEnd {
  success,    // a 2xx final response
  rejected,   // a 3xx-6xx final response
  timed_out,  // no final response, and the capture ran past Timer F (64*T1 = 32 s) after the first send
  unfinished, // the capture ended before a final response and before Timer F
};
const char* transaction_end_name(TransactionEnd end) noexcept; // "success", "rejected", "timed out", "unfinished"

struct SipResponseSeen {
  PacketMark packet;
  int code = 0;
  std::string reason;
  // A 2xx to REGISTER: the expiry granted for the phone's contact (the Contact's
  // expires parameter, else Expires), in seconds.
  std::optional<std::uint32_t> granted_expires;
  std::optional<std::uint32_t> retry_after; // seconds
  bool challenge = false;                   // 401/407 with a WWW-/Proxy-Authenticate
};

// One SIP client transaction of the phone: the requests with the same top Via
// branch and CSeq method to the same server (RFC 3261 17.1.3), and the responses
// that match them.
struct SipTransaction {
  std::string method;      // as sent: "REGISTER", "OPTIONS", "INVITE", ...
  std::string branch;      // the top Via branch
  std::uint32_t cseq = 0;
  std::string call_id;
  std::string request_uri;
  std::string address_of_record; // the To URI (REGISTER: what is registered)
  pcap::Endpoint client;
  pcap::Endpoint server;
  pcap::IpProtocol protocol = pcap::IpProtocol::udp;
  std::vector<PacketMark> sends; // the request, then each retransmission
  std::vector<SipResponseSeen> responses; // in capture order, provisional ones included
  bool has_credentials = false;  // Authorization or Proxy-Authorization was sent
  std::optional<std::uint32_t> expires_asked; // REGISTER: Contact expires, else Expires (0 = unregister)
  TransactionEnd end = TransactionEnd::unfinished;
};

// A TCP connection the phone opened to a server's SIP port (TLS included), as
// far as the capture shows it. SIP inside TLS is not readable; the handshake is.
struct ConnectionAttempt {
  pcap::Endpoint client;
  pcap::Endpoint server;
  PacketMark syn;
  std::optional<PacketMark> established; // SYN-ACK seen
  std::optional<PacketMark> closed;      // first FIN or RST
  bool closed_by_phone = false;
  bool reset = false;                    // closed by an RST
  // TLS, when a ClientHello was seen on the connection.
  bool tls = false;
  std::string server_name;                   // SNI, "" when absent
  std::uint16_t offered_version = 0;         // highest offered
  std::optional<PacketMark> server_hello;
  std::uint16_t chosen_version = 0;
  std::optional<pcap::TlsEvent> alert;       // the first alert, either side
};

// A stay of the phone's registrations at one server: consecutive REGISTER
// transactions (renewals and retries) to the same server and transport.
struct ServerVisit {
  pcap::Endpoint server;
  pcap::IpProtocol protocol = pcap::IpProtocol::udp;
  bool tls = false;
  PacketMark first; // first REGISTER sent there
  PacketMark last;  // last packet of the visit
  std::size_t transactions = 0;
  // How the last REGISTER transaction of the visit ended, with its final code (0 when none).
  TransactionEnd end = TransactionEnd::unfinished;
  int final_code = 0;
};

enum class ServerChangeKind {
  failover, // away from a server that failed (no answer, an error, a broken connection)
  failback, // back to a server tried before this one, after it had failed or been left
  move,     // to another server while the last one was working (load balancing, a new DNS answer)
};
const char* server_change_kind_name(ServerChangeKind kind) noexcept; // "failover", "failback", "move"

struct ServerChange {
  ServerChangeKind kind = ServerChangeKind::failover;
  PacketMark packet; // the first REGISTER to the new server
  pcap::Endpoint from;
  pcap::Endpoint to;
  std::string why; // "no answer after 7 sends (32.0 s)", "503 Service Unavailable", "TLS alert 42"
};

// A finding of parse-pcap (codes of util::FindingCode reported by parse-pcap).
// A check that compares fills `observed` and `expected`; `source` is the rule's
// own source (document title and section, or RFC), or the registry's when empty.
struct StoryFinding {
  util::FindingCode code = util::FindingCode::registered_ok;
  util::Severity severity = util::Severity::info; // finding_kind(code).severity_in(Reporter::parse_pcap)
  std::string text;     // one line for a person
  std::string observed; // "retransmitted at 0.5, 1.5, 3.5 s"
  std::string expected; // "0.5, 1.5, 3.5, 7.5 s, then every 4 s (T1 = 500 ms, T2 = 4 s)"
  std::string source;   // "RFC 3261 17.1.2.2"
  std::vector<PacketMark> evidence; // the first few packets that show it
  std::uint64_t count = 1;           // times the same finding (code and server) was seen
};

// The end state of a phone's registration in the capture (parse-log's words).
enum class PhoneVerdict {
  registered,      // its last REGISTER succeeded and no registration failed
  recovered,       // a registration failed (a server did not answer or refused), then one succeeded
  failed,          // its last registration attempt failed
  no_registration, // no REGISTER from it in the capture (only OPTIONS, INVITE or DNS)
  unfinished,      // it sent REGISTER, but the capture ended before any got a final answer or ran out of time
};
const char* phone_verdict_name(PhoneVerdict verdict) noexcept; // "REGISTERED", "RECOVERED", "FAILED", "NO REGISTRATION", "UNFINISHED"

// What a phone's story keeps in full is bounded (StoryLimits in
// story_builder.hpp): the first and the last transactions and DNS exchanges;
// those between are counted, as parse-log summarises earlier boots, so a day's
// capture of a thousand phones stays in tens of MiB.
struct PhoneStory {
  pcap::Address phone;
  std::uint64_t omitted_dns = 0;          // exchanges between the kept first and last
  std::uint64_t omitted_transactions = 0; // likewise
  std::uint64_t registers = 0;            // REGISTER transactions, all of them
  std::uint64_t registrations_failed = 0; // of those, rejected or timed out
  std::vector<DnsExchange> dns;                // in order of first query
  std::vector<SipTransaction> transactions;    // in order of first send
  std::vector<ConnectionAttempt> connections;  // in order of SYN
  std::vector<ServerVisit> visits;             // REGISTER stays, in order
  std::vector<ServerChange> changes;           // failovers, failbacks, moves, in order
  std::vector<StoryFinding> findings;          // in order of first evidence
  PhoneVerdict verdict = PhoneVerdict::no_registration;
  // Added by the builder: connections, visits and changes between the kept
  // first and last ones (StoryLimits bounds them as it bounds transactions).
  std::uint64_t omitted_connections = 0;
  std::uint64_t omitted_visits = 0;
  std::uint64_t omitted_changes = 0;
  // The cause of the registration's outcome in parse-log's vocabulary
  // (registered_ok, server_timeout_failover, auth_rejected, dns_name_missing, ...).
  std::optional<util::FindingCode> root_cause;
};

// A note of the decoder, with the file it came from.
struct CaptureNote {
  PacketMark packet;
  pcap::NoteKind kind = pcap::NoteKind::undecodable;
  std::string text;
};

struct CaptureStory {
  std::vector<std::string> files; // as read, in order
  std::uint64_t packets = 0;      // packets read, all files
  std::uint64_t sip_messages = 0;
  std::uint64_t dns_messages = 0;
  std::vector<CaptureNote> notes;
  std::vector<PhoneStory> phones; // in order of the phone's first SIP request
  // Added by the builder: notes past the first 1000 (counted, not kept), and
  // addresses not followed past StoryLimits::max_phones (counted up to 65536).
  std::uint64_t omitted_notes = 0;
  std::uint64_t phones_not_followed = 0;
};

// "#12", or "b.pcap#12" when the story has several files.
std::string packet_label(const CaptureStory& story, const PacketMark& packet);

// Seconds from `from` to `to` as output shows them: "0.500", "32.000".
std::string seconds_between(const PacketMark& from, const PacketMark& to);

} // namespace sipfo::wire
