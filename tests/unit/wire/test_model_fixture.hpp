#pragma once
// Hand-built phone stories for the model-check tests (tests/unit/wire/test_model_*.cpp):
// DNS exchanges with their answers, REGISTER/OPTIONS transactions with every send at
// a given second, and the visits and changes a story builder would derive from them.
#include "sipfo/dns/record.hpp"
#include "sipfo/handset/profile.hpp"
#include "sipfo/replay/parameters.hpp"
#include "sipfo/wire/model_check.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace model_test {

using namespace sipfo;

inline pcap::Address ipv4(int a, int b, int c, int d)
{
  pcap::Address address;
  address.bytes[0] = static_cast<std::uint8_t>(a);
  address.bytes[1] = static_cast<std::uint8_t>(b);
  address.bytes[2] = static_cast<std::uint8_t>(c);
  address.bytes[3] = static_cast<std::uint8_t>(d);
  return address;
}

// The servers of the tests: p1 10.0.0.1, p2 10.0.0.2, p3 10.0.0.3; the phone 10.1.2.3.
inline pcap::Endpoint server(int n, std::uint16_t port = 5060)
{
  return {ipv4(10, 0, 0, n), port};
}

inline dns::Record srv(const std::string& owner, std::uint16_t priority, std::uint16_t weight, const std::string& target,
                       std::uint32_t ttl = 300)
{
  return {owner, dns::RrType::srv, ttl, dns::SrvData{priority, weight, 5060, target}};
}

inline dns::Record a(const std::string& owner, const std::string& address, std::uint32_t ttl = 300)
{
  return {owner, dns::RrType::a, ttl, dns::AddressData{address}};
}

inline dns::Record naptr(const std::string& owner, const std::string& replacement)
{
  return {owner, dns::RrType::naptr, 300, dns::NaptrData{10, 10, "S", "SIP+D2U", "", replacement}};
}

struct Reply {
  int code = 200;
  double after = 0.05; // seconds after the last send before it
  std::optional<std::uint32_t> granted = 3600;
  std::optional<std::uint32_t> retry_after;
};

inline Reply reply(int code, double after = 0.05)
{
  Reply out;
  out.code = code;
  out.after = after;
  return out;
}

class Story {
public:
  wire::PhoneStory phone;

  Story() { phone.phone = ipv4(10, 1, 2, 3); }

  wire::PacketMark mark(double seconds)
  {
    wire::PacketMark mark;
    mark.number = next_++;
    mark.time = pcap::CaptureTime{} + std::chrono::seconds(1'700'000'000) +
                std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000)));
    return mark;
  }

  // A question asked at `at` and answered 20 ms later (NOERROR with `records`, or
  // `outcome` when it is given and there are none).
  void dns(const std::string& name, dns::RrType type, double at, std::vector<dns::Record> records,
           dns::Outcome outcome = dns::Outcome::noerror)
  {
    wire::DnsExchange exchange;
    exchange.question = {name, type};
    exchange.client = {phone.phone, 40000};
    exchange.server = {ipv4(10, 0, 0, 53), 53};
    exchange.queries.push_back(mark(at));
    exchange.reply = mark(at + 0.02);
    dns::Answer answer;
    answer.question = exchange.question;
    answer.outcome = records.empty() && outcome == dns::Outcome::noerror ? dns::Outcome::nodata : outcome;
    answer.records = std::move(records);
    answer.carrier = dns::Carrier::udp;
    answer.source = "10.0.0.53@53";
    exchange.answer = std::move(answer);
    phone.dns.push_back(std::move(exchange));
  }

  // A request sent at start + each offset (the first is 0), with an optional reply.
  wire::SipTransaction& request(const std::string& method, const pcap::Endpoint& to, double start,
                                std::initializer_list<double> offsets, std::optional<Reply> reply,
                                pcap::IpProtocol protocol = pcap::IpProtocol::udp)
  {
    wire::SipTransaction tx;
    tx.method = method;
    tx.branch = "z9hG4bK" + std::to_string(next_);
    tx.call_id = method == "REGISTER" ? "reg-1@10.1.2.3" : "opt-" + std::to_string(next_);
    tx.cseq = method == "REGISTER" ? ++register_cseq_ : 1;
    tx.request_uri = "sip:eslab.local";
    tx.address_of_record = "sip:1512@eslab.local";
    tx.client = {phone.phone, 5060};
    tx.server = to;
    tx.protocol = protocol;
    double last = start;
    for (const double offset : offsets) {
      tx.sends.push_back(mark(start + offset));
      last = start + offset;
    }
    if (method == "REGISTER") tx.expires_asked = 3600;
    if (reply) {
      wire::SipResponseSeen seen;
      seen.packet = mark(last + reply->after);
      seen.code = reply->code;
      seen.reason = reply->code == 200 ? "OK" : reply->code == 503 ? "Service Unavailable" : "Error";
      if (reply->code < 300 && method == "REGISTER") seen.granted_expires = reply->granted;
      seen.retry_after = reply->retry_after;
      seen.challenge = reply->code == 401;
      tx.responses.push_back(seen);
      tx.end = reply->code < 300 ? wire::TransactionEnd::success : wire::TransactionEnd::rejected;
    } else {
      tx.end = wire::TransactionEnd::timed_out;
    }
    phone.transactions.push_back(std::move(tx));
    return phone.transactions.back();
  }

  wire::SipTransaction& reg(const pcap::Endpoint& to, double start, std::initializer_list<double> offsets,
                            std::optional<Reply> reply = Reply{})
  {
    return request("REGISTER", to, start, offsets, reply);
  }

  // Visits (consecutive REGISTERs to one server) and changes, as the story builder
  // derives them: a move after a failed visit is a failover, back to a server left
  // earlier a failback.
  wire::PhoneStory done()
  {
    phone.visits.clear();
    phone.changes.clear();
    for (const auto& tx : phone.transactions) {
      if (tx.method != "REGISTER") continue;
      ++phone.registers;
      if (phone.visits.empty() || !(phone.visits.back().server == tx.server)) {
        if (!phone.visits.empty()) {
          const auto& from = phone.visits.back();
          wire::ServerChange change;
          const bool seen_before = std::any_of(phone.visits.begin(), phone.visits.end() - 1,
                                               [&](const wire::ServerVisit& v) { return v.server == tx.server; });
          change.kind = from.end != wire::TransactionEnd::success ? wire::ServerChangeKind::failover
                        : seen_before                              ? wire::ServerChangeKind::failback
                                                                   : wire::ServerChangeKind::move;
          change.packet = tx.sends.front();
          change.from = from.server;
          change.to = tx.server;
          phone.changes.push_back(change);
        }
        wire::ServerVisit visit;
        visit.server = tx.server;
        visit.protocol = tx.protocol;
        visit.first = tx.sends.front();
        phone.visits.push_back(visit);
      }
      auto& visit = phone.visits.back();
      ++visit.transactions;
      visit.last = tx.responses.empty() ? tx.sends.back() : tx.responses.back().packet;
      visit.end = tx.end;
      visit.final_code = tx.responses.empty() ? 0 : tx.responses.back().code;
    }
    return phone;
  }

private:
  std::uint64_t next_ = 1;
  std::uint32_t register_cseq_ = 0;
};

inline wire::ModelExpectation expect(replay::Model model)
{
  wire::ModelExpectation expectation;
  expectation.model = model;
  expectation.profile = handset::find_profile(replay::model_id(model));
  expectation.parameters = replay::default_parameters(model);
  return expectation;
}

inline std::vector<wire::StoryFinding> of_code(const std::vector<wire::StoryFinding>& findings, util::FindingCode code)
{
  std::vector<wire::StoryFinding> out;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
               [&](const wire::StoryFinding& f) { return f.code == code; });
  return out;
}

// The RFC 3261 UDP non-INVITE sends (T1 500 ms, T2 4 s) up to Timer F: 11 sends.
inline constexpr std::initializer_list<double> timer_f_sends{0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5};

} // namespace model_test
