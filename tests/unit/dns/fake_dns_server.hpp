#pragma once
// A DNS server in a thread on 127.0.0.1 for resolver tests: UDP and TCP on one
// ephemeral port, every query handed to a responder that returns the answer's
// bytes, or nullopt to stay silent. Answers are built with DnsAnswerBuilder.

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sipfo::testing {

using Bytes = std::vector<std::uint8_t>;

enum class Via { udp, tcp };

class FakeDnsServer {
public:
  using Responder = std::function<std::optional<Bytes>(const Bytes& query, Via via)>;

  explicit FakeDnsServer(Responder responder);
  ~FakeDnsServer();
  FakeDnsServer(const FakeDnsServer&) = delete;
  FakeDnsServer& operator=(const FakeDnsServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); } // for AresOptions
  int queries(Via via) const { return via == Via::udp ? udp_queries_.load() : tcp_queries_.load(); }

private:
  void serve();
  void serve_tcp_connection(int fd);

  Responder responder_;
  int udp_ = -1;
  int tcp_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> udp_queries_{0};
  std::atomic<int> tcp_queries_{0};
  std::thread thread_;
};

// Builds a response to a query made by c-ares (header + one question, no EDNS):
// same ID and question, then the records appended with the field helpers.
// Offset 12 holds the question name, for compression pointers.
struct DnsAnswerBuilder {
  Bytes bytes;

  // QR=1 AA=1 plus `flags` (e.g. 0x0200 TC) and `rcode`; counts as given.
  DnsAnswerBuilder(const Bytes& query, std::uint8_t rcode, std::uint16_t an, std::uint16_t ns,
                   std::uint16_t flags = 0);
  DnsAnswerBuilder& u8(std::uint8_t v);
  DnsAnswerBuilder& u16(std::uint16_t v);
  DnsAnswerBuilder& u32(std::uint32_t v);
  DnsAnswerBuilder& label(const std::string& text);
  DnsAnswerBuilder& pointer(std::uint16_t offset);
  // Owner pointer, TYPE, CLASS IN, TTL, RDLENGTH: the fixed part of an RR.
  DnsAnswerBuilder& rr(std::uint16_t owner, std::uint16_t type, std::uint32_t ttl, std::uint16_t rdlength);
  std::uint16_t size() const { return static_cast<std::uint16_t>(bytes.size()); }
};

} // namespace sipfo::testing
