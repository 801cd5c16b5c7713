#include "sipfo/pcap/capture_event.hpp"

#include <fmt/format.h>

#include <arpa/inet.h>

namespace sipfo::pcap {

std::string Address::to_string() const
{
  char text[INET6_ADDRSTRLEN] = {};
  const int family = version == IpVersion::v4 ? AF_INET : AF_INET6;
  if (!inet_ntop(family, bytes.data(), text, sizeof text)) return "?";
  return text;
}

std::string Endpoint::to_string() const
{
  if (address.version == IpVersion::v6) return fmt::format("[{}]:{}", address.to_string(), port);
  return fmt::format("{}:{}", address.to_string(), port);
}

const char* note_kind_name(NoteKind kind) noexcept
{
  switch (kind) {
  case NoteKind::truncated: return "truncated";
  case NoteKind::undecodable: return "undecodable";
  case NoteKind::fragment_incomplete: return "fragment incomplete";
  case NoteKind::fragment_overlap: return "fragment overlap";
  case NoteKind::fragment_oversized: return "fragment oversized";
  case NoteKind::stream_gap: return "stream gap";
  case NoteKind::stream_overflow: return "stream overflow";
  case NoteKind::framing_error: return "framing error";
  case NoteKind::capture_error: return "capture error";
  }
  return "?";
}

const char* tls_event_name(TlsEventKind kind) noexcept
{
  switch (kind) {
  case TlsEventKind::client_hello: return "ClientHello";
  case TlsEventKind::server_hello: return "ServerHello";
  case TlsEventKind::alert: return "Alert";
  }
  return "?";
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

std::string tls_version_name(std::uint16_t version)
{
  switch (version) {
  case 0x0300: return "SSL 3.0";
  case 0x0301: return "TLS 1.0";
  case 0x0302: return "TLS 1.1";
  case 0x0303: return "TLS 1.2";
  case 0x0304: return "TLS 1.3";
  default: return fmt::format("{:#06x}", version);
  }
}

const char* connection_event_name(ConnectionEventKind kind) noexcept
{
  switch (kind) {
  case ConnectionEventKind::syn: return "SYN";
  case ConnectionEventKind::syn_ack: return "SYN-ACK";
  case ConnectionEventKind::fin: return "FIN";
  case ConnectionEventKind::rst: return "RST";
  }
  return "?";
}

} // namespace sipfo::pcap
