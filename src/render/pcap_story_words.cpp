#include "sipfo/render/pcap_story_words.hpp"

#include <fmt/format.h>

#include <chrono>

namespace sipfo::render {

const char* transport_word(pcap::IpProtocol protocol, bool tls) noexcept
{
  if (tls) return "tls";
  switch (protocol) {
  case pcap::IpProtocol::udp: return "udp";
  case pcap::IpProtocol::tcp: return "tcp";
  }
  return "udp";
}

std::string tls_alert_text(const pcap::TlsEvent& alert)
{
  if (alert.encrypted_alert) return "encrypted alert";
  const char* level = alert.alert_level == 2 ? "fatal " : alert.alert_level == 1 ? "warning " : "";
  const std::string name = pcap::tls_alert_name(alert.alert_description);
  return fmt::format("{}alert {}{}", level, alert.alert_description, name.empty() ? "" : " " + name);
}

wire::PacketMark story_start(const wire::PhoneStory& phone)
{
  std::optional<wire::PacketMark> first;
  const auto consider = [&first](const wire::PacketMark& mark) {
    if (!first || mark.time < first->time) first = mark;
  };
  for (const auto& exchange : phone.dns) {
    if (!exchange.queries.empty()) consider(exchange.queries.front());
  }
  for (const auto& transaction : phone.transactions) {
    if (!transaction.sends.empty()) consider(transaction.sends.front());
  }
  for (const auto& connection : phone.connections) consider(connection.syn);
  return first.value_or(wire::PacketMark{});
}

double milliseconds_between(const wire::PacketMark& from, const wire::PacketMark& to) noexcept
{
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(to.time - from.time).count();
  return static_cast<double>(us) / 1000.0;
}

} // namespace sipfo::render
