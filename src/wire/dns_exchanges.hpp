#pragma once
// One phone's DNS: its queries paired with the replies into DnsExchanges
// (a retry is the same question to the same server before a reply, whatever
// its id), kept first and last (StoryLimits), with what the checks need of all
// of them: the addresses the answers gave and how the answers ended.

#include "fifo.hpp"
#include "kept_list.hpp"

#include "sipfo/dns/dns_message.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <cstdint>
#include <vector>

namespace sipfo::wire {

struct DnsSummary {
  std::uint64_t exchanges = 0;
  std::uint64_t unanswered = 0;
  std::uint64_t noerror = 0;
  std::uint64_t nodata = 0;
  std::uint64_t nxdomain = 0;
  std::uint64_t failed = 0; // SERVFAIL, REFUSED, MALFORMED
  std::optional<PacketMark> first_query;
  // Addresses of every A and AAAA record answered to the phone, as
  // pcap::Address::to_string writes them (bounded).
  std::vector<std::string> addresses;
};

class DnsExchanges {
public:
  // An exchange without a reply is closed this long after its last query
  // (sipfo's assumption: longer than any stub resolver's whole retry cycle).
  static constexpr std::chrono::seconds unanswered_after{32};
  static constexpr std::size_t max_open = 1024;
  static constexpr std::size_t max_addresses = 4096;
  static constexpr std::size_t max_queries = 32;

  DnsExchanges(std::size_t first_kept, std::size_t last_kept) : kept_(first_kept, last_kept) {}

  void query(const pcap::Message& message, const dns::DnsMessage& parsed, const PacketMark& packet);
  // A reply to the phone; `parsed` nullopt when it could not be read (`why`).
  void reply(const pcap::Message& message, const dns::DnsHeader& header, std::optional<dns::DnsMessage>&& parsed,
             const std::string& why, const PacketMark& packet);
  // Closes what waited too long by `now`; all of it when `now` is the end.
  void advance(pcap::CaptureTime now, bool end = false);

  const DnsSummary& summary() const noexcept { return summary_; }
  std::uint64_t omitted() const noexcept { return kept_.omitted(); }
  std::vector<DnsExchange> take() { return kept_.take(); }

private:
  struct Open {
    DnsExchange exchange;
    std::vector<std::uint16_t> ids;
    bool closed = false;
  };
  void close(Open& open);
  Open* find_open(const pcap::Endpoint& client, const pcap::Endpoint& server, const dns::Question* question,
                  std::uint16_t id);

  Fifo<Open> open_; // in order of first query
  KeptList<DnsExchange> kept_;
  DnsSummary summary_;
};

} // namespace sipfo::wire
