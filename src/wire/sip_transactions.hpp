#pragma once
// One phone's SIP client transactions: its requests and their retransmissions
// grouped by server, top Via branch and CSeq method (RFC 3261 17.1.3), the
// responses matched to them, and each transaction's end. A transaction ends at
// its final response (and is let go Timer K = T4 later, to absorb a request
// resent across it) or when Timer F (64*T1) has run out in capture time, so
// what waits for an answer is bounded; closed transactions go on, in order of
// first send, to whoever builds the rest of the story (`committed`).

#include "fifo.hpp"
#include "sipfo/sip/received_request.hpp"
#include "sipfo/sip/response.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

namespace sipfo::wire {

class SipTransactions {
public:
  // Sends and responses kept per transaction; a hostile flood of one branch is counted no further.
  static constexpr std::size_t max_sends = 64;
  static constexpr std::size_t max_responses = 16;
  // Transactions waiting for their turn to close (one that waits holds back the later ones).
  static constexpr std::size_t max_open = 4096;
  // An INVITE with a provisional response has no client timer (17.1.1.2,
  // Proceeding); sipfo stops waiting this long after the last response
  // (sipfo's assumption, after a proxy's Timer C of more than 3 minutes, 16.6).
  static constexpr std::chrono::minutes invite_proceeding_wait{3};

  using Committed = std::function<void(SipTransaction&&)>;
  explicit SipTransactions(Committed committed) : committed_(std::move(committed)) {}

  void request(const pcap::Message& message, const sip::ReceivedRequest& request, const PacketMark& packet);
  // False when the response matches no transaction the capture holds.
  bool response(const pcap::Message& message, const sip::Response& response, const PacketMark& packet);
  // Closes what ran out of time by `now`; at the end of the capture everything,
  // timed out when `now` is past Timer F, else unfinished.
  void advance(pcap::CaptureTime now, bool end = false);

private:
  struct Open {
    SipTransaction transaction;
    std::vector<std::string> contacts; // the request's Contact URIs, to find the phone's in a 2xx
    bool closed = false;
    std::optional<pcap::CaptureTime> final_at; // when the final response came
    std::uint64_t serial = 0;
    std::string key;
  };
  void close_by_time(Open& open, pcap::CaptureTime now);
  Open* find(const std::string& key);

  Committed committed_;
  Fifo<Open> open_; // in order of first send
  std::uint64_t next_serial_ = 0;
  std::unordered_map<std::string, std::uint64_t> by_key_; // key -> serial of the open entry
};

} // namespace sipfo::wire
