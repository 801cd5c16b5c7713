#include "dns_exchanges.hpp"

#include "story_text.hpp"

#include "sipfo/dns/answer_outcome.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::wire {

namespace {

// DNS names compare without regard to ASCII case (RFC 4343).
bool same_question(const dns::Question& a, const dns::Question& b)
{
  if (a.type != b.type || a.name.size() != b.name.size()) return false;
  return std::equal(a.name.begin(), a.name.end(), b.name.begin(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

// "10.0.0.1@53": the dns layer's way of naming a server.
std::string server_source(const pcap::Endpoint& server)
{
  return fmt::format("{}@{}", server.address.to_string(), server.port);
}

// The address an A or AAAA record gives, in the text form Address::to_string writes.
std::optional<std::string> address_of(const dns::Record& record)
{
  if (record.type != dns::RrType::a && record.type != dns::RrType::aaaa) return std::nullopt;
  const auto* data = std::get_if<dns::AddressData>(&record.data);
  if (data == nullptr) return std::nullopt;
  return data->address;
}

} // namespace

DnsExchanges::Open* DnsExchanges::find_open(const pcap::Endpoint& client, const pcap::Endpoint& server,
                                            const dns::Question* question, std::uint16_t id)
{
  for (auto& open : open_) {
    if (open.closed || open.exchange.client != client || open.exchange.server != server) continue;
    if (question != nullptr && !same_question(open.exchange.question, *question)) continue;
    if (id != 0 || question == nullptr) {
      if (std::find(open.ids.begin(), open.ids.end(), id) == open.ids.end()) continue;
    }
    return &open;
  }
  return nullptr;
}

void DnsExchanges::query(const pcap::Message& message, const dns::DnsMessage& parsed, const PacketMark& packet)
{
  if (!parsed.question) return;
  advance(packet.time);
  if (Open* retry = find_open(message.flow.source, message.flow.destination, &*parsed.question, 0)) {
    if (retry->exchange.queries.size() < max_queries) retry->exchange.queries.push_back(packet);
    if (std::find(retry->ids.begin(), retry->ids.end(), parsed.header.id) == retry->ids.end() &&
        retry->ids.size() < max_queries)
      retry->ids.push_back(parsed.header.id);
    return;
  }
  if (open_.size() >= max_open) {
    close(open_.front());
    advance(packet.time);
  }
  Open open;
  open.exchange.question = dns::Question{kept_text(parsed.question->name), parsed.question->type};
  open.exchange.client = message.flow.source;
  open.exchange.server = message.flow.destination;
  open.exchange.protocol = message.flow.protocol;
  open.exchange.id = parsed.header.id;
  open.exchange.queries.push_back(packet);
  open.ids.push_back(parsed.header.id);
  open_.push_back(std::move(open));
  ++summary_.exchanges;
  if (!summary_.first_query) summary_.first_query = packet;
}

void DnsExchanges::reply(const pcap::Message& message, const dns::DnsHeader& header,
                         std::optional<dns::DnsMessage>&& parsed, const std::string& why, const PacketMark& packet)
{
  advance(packet.time);
  const dns::Question* question = parsed && parsed->question ? &*parsed->question : nullptr;
  Open* open = find_open(message.flow.destination, message.flow.source, question, header.id);
  if (open == nullptr) return; // a reply to nothing the capture holds
  auto& exchange = open->exchange;
  exchange.reply = packet;
  dns::Answer answer;
  answer.question = exchange.question;
  answer.carrier = message.flow.protocol == pcap::IpProtocol::tcp ? dns::Carrier::tcp : dns::Carrier::udp;
  answer.source = server_source(exchange.server);
  answer.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(packet.time - exchange.queries.front().time);
  answer.size = message.payload.size();
  answer.truncated = header.truncated;
  if (!parsed) {
    answer.outcome = dns::Outcome::malformed;
    answer.problem = "the reply could not be read: " + why;
  } else {
    dns::fill_from_reply(answer, std::move(*parsed), exchange.question);
  }
  for (const auto& record : answer.records) {
    auto address = address_of(record);
    if (!address || summary_.addresses.size() >= max_addresses) continue;
    if (std::find(summary_.addresses.begin(), summary_.addresses.end(), *address) == summary_.addresses.end())
      summary_.addresses.push_back(*address);
  }
  switch (answer.outcome) {
  case dns::Outcome::noerror: ++summary_.noerror; break;
  case dns::Outcome::nodata: ++summary_.nodata; break;
  case dns::Outcome::nxdomain: ++summary_.nxdomain; break;
  case dns::Outcome::servfail:
  case dns::Outcome::refused:
  case dns::Outcome::malformed:
  case dns::Outcome::timeout:
  case dns::Outcome::unreachable: ++summary_.failed; break;
  }
  exchange.answer = std::move(answer);
  open->closed = true;
  advance(packet.time);
}

void DnsExchanges::close(Open& open)
{
  if (!open.closed && !open.exchange.reply) ++summary_.unanswered;
  open.closed = true;
}

void DnsExchanges::advance(pcap::CaptureTime now, bool end)
{
  while (!open_.empty()) {
    Open& front = open_.front();
    if (!front.closed) {
      if (!end && now - front.exchange.queries.back().time <= unanswered_after) break;
      close(front);
    }
    kept_.push(std::move(front.exchange));
    open_.pop_front();
  }
}

} // namespace sipfo::wire
