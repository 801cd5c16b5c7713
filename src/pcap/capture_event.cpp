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
