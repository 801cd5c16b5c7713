#pragma once
// Everything the builder follows for one phone (one address): its DNS
// exchanges, SIP client transactions and TCP connections as they close, the
// servers it registered with in order, the failures on the way, and the checks
// that need no model. finish() hands over its PhoneStory.

#include "dns_exchanges.hpp"
#include "finding_list.hpp"
#include "kept_list.hpp"
#include "register_outcome.hpp"
#include "sip_transactions.hpp"
#include "tcp_connections.hpp"

#include "sipfo/wire/story_builder.hpp"

#include <optional>
#include <string>
#include <vector>

namespace sipfo::wire {

class PhoneTracker {
public:
  PhoneTracker(const pcap::Address& phone, const StoryLimits& limits);
  PhoneTracker(const PhoneTracker&) = delete;
  PhoneTracker& operator=(const PhoneTracker&) = delete;

  DnsExchanges dns;
  SipTransactions sip;
  TcpConnections tcp;

  const pcap::Address& phone() const noexcept { return phone_; }
  // A decoder note about this phone's packets, or a message of it cut by the snaplen.
  void incomplete(const PacketMark& packet);
  // When the phone first sent a SIP request (the story's phone order).
  std::optional<std::uint64_t> first_request;
  std::uint64_t first_seen = 0;
  bool asked_sip_dns = false; // a NAPTR or a _sip/_sips SRV question

  bool sent_register = false;
  bool opened_connection = false; // a TCP connection to a server's SIP or TLS port

  // Closes everything by `end` (the capture's last instant) and tells the story.
  // `capture_notes` notes named no address, so they touch every phone
  // (`capture_evidence`: the first of them).
  PhoneStory finish(pcap::CaptureTime end, std::uint64_t capture_notes, const std::vector<PacketMark>& capture_evidence);

private:
  // A registration that failed, or a connection that did: what the verdict needs.
  struct Failure {
    PacketMark packet;
    util::FindingCode cause = util::FindingCode::server_rejected;
  };
  void committed(SipTransaction&& transaction);
  void committed(ConnectionAttempt&& attempt);
  void register_committed(const SipTransaction& transaction);
  void check_schedule(const SipTransaction& transaction);
  void visit(const SipTransaction& transaction);
  void abandoned(const SipTransaction& last, const PacketMark& next);
  void fail(const PacketMark& packet, util::FindingCode cause);
  std::optional<util::FindingCode> cause_without_register() const;

  pcap::CaptureTime end_{}; // the capture's end, once finish() runs

  pcap::Address phone_;
  KeptList<SipTransaction> transactions_;
  KeptList<ConnectionAttempt> connections_;
  KeptList<ServerVisit> visits_;
  KeptList<ServerChange> changes_;
  FindingList findings_;
  std::uint64_t sip_transactions_ = 0;
  std::uint64_t registers_ = 0;
  std::uint64_t registrations_failed_ = 0;
  // The servers in the order the phone first registered with them.
  std::vector<std::pair<pcap::Endpoint, pcap::IpProtocol>> server_order_;
  // The last REGISTER transaction of the current visit, as far as the next visit needs it.
  std::optional<SipTransaction> last_register_;
  // Addresses the phone sent REGISTER to, with the first such packet (bounded).
  std::vector<std::pair<pcap::Endpoint, PacketMark>> register_targets_;
  std::optional<Failure> last_failure_;
  // The last REGISTER that decided something: registered (true) or failed.
  std::optional<bool> last_decisive_success_;
  // How the phone's latest REGISTER ended: unfinished (or mid-challenge) when
  // the capture stopped first, which alone decides nothing.
  RegisterResult last_register_result_ = RegisterResult::unfinished;
  std::optional<Failure> last_decisive_failure_;
  bool tls_established_ = false; // a TLS handshake reached ServerHello
  std::uint64_t incomplete_count_ = 0;
  std::vector<PacketMark> incomplete_evidence_;
};

} // namespace sipfo::wire
