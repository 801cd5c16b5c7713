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

const char* tls_alert_name(std::uint8_t description) noexcept
{
  switch (description) { // RFC 8446 6 (and RFC 5246 7.2 for the older ones)
  case 0: return "close_notify";
  case 10: return "unexpected_message";
  case 20: return "bad_record_mac";
  case 22: return "record_overflow";
  case 40: return "handshake_failure";
  case 42: return "bad_certificate";
  case 43: return "unsupported_certificate";
  case 44: return "certificate_revoked";
  case 45: return "certificate_expired";
  case 46: return "certificate_unknown";
  case 47: return "illegal_parameter";
  case 48: return "unknown_ca";
  case 49: return "access_denied";
  case 50: return "decode_error";
  case 51: return "decrypt_error";
  case 70: return "protocol_version";
  case 71: return "insufficient_security";
  case 80: return "internal_error";
  case 86: return "inappropriate_fallback";
  case 90: return "user_canceled";
  case 109: return "missing_extension";
  case 110: return "unsupported_extension";
  case 112: return "unrecognized_name";
  case 116: return "certificate_required";
  case 120: return "no_application_protocol";
  default: return "";
  }
}

std::string tls_alert_text(const pcap::TlsEvent& alert)
{
  if (alert.encrypted_alert) return "encrypted alert";
  const char* level = alert.alert_level == 2 ? "fatal " : alert.alert_level == 1 ? "warning " : "";
  const std::string name = tls_alert_name(alert.alert_description);
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
