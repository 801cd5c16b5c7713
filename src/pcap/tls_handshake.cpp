#include "tls_handshake.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::pcap::detail {

namespace {

constexpr std::uint8_t content_change_cipher_spec = 20;
constexpr std::uint8_t content_alert = 21;
constexpr std::uint8_t content_handshake = 22;
constexpr std::uint8_t content_application_data = 23;
constexpr std::uint8_t content_heartbeat = 24;
constexpr std::uint8_t handshake_client_hello = 1;
constexpr std::uint8_t handshake_server_hello = 2;
constexpr std::uint16_t extension_server_name = 0;        // RFC 6066 3
constexpr std::uint16_t extension_supported_versions = 43; // RFC 8446 4.2.1

// GREASE values (RFC 8701) are offered to be ignored.
bool is_grease(std::uint16_t value) noexcept
{
  return (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
}

// A cursor over a handshake body that fails (sets bad) instead of reading past the end.
struct Cursor {
  Bytes bytes;
  std::size_t at = 0;
  bool bad = false;

  bool has(std::size_t count) noexcept
  {
    if (bad || bytes.size() - at < count) bad = true;
    return !bad;
  }
  std::uint8_t u8() noexcept { return has(1) ? bytes[at++] : 0; }
  std::uint16_t u16() noexcept
  {
    if (!has(2)) return 0;
    at += 2;
    return be16(bytes, at - 2);
  }
  Bytes take(std::size_t count) noexcept
  {
    if (!has(count)) return {};
    at += count;
    return bytes.subspan(at - count, count);
  }
};

std::string server_name_of(Bytes data)
{
  Cursor list{data};
  Cursor names{list.take(list.u16())};
  while (!names.bad && names.at < names.bytes.size()) {
    const std::uint8_t type = names.u8();
    const Bytes name = names.take(names.u16());
    if (names.bad) break;
    if (type == 0) return std::string(name.begin(), name.end()); // host_name
  }
  return {};
}

// Calls on_extension(type, data) for each extension of a hello's extension block
// (RFC 8446 4.2), the rest of `cursor`. False if an extension runs past the
// block; a block length past the hello leaves `cursor` bad for the caller to judge.
template <typename OnExtension>
bool each_extension(Cursor& cursor, OnExtension on_extension)
{
  Cursor extensions{cursor.take(cursor.u16())};
  while (!extensions.bad && extensions.at < extensions.bytes.size()) {
    const std::uint16_t type = extensions.u16();
    const Bytes data = extensions.take(extensions.u16());
    if (extensions.bad) return false;
    on_extension(type, data);
  }
  return true;
}

} // namespace

bool looks_like_tls(Bytes start) noexcept
{
  return start.size() >= 2 && (start[0] == content_handshake || start[0] == content_alert) && start[1] == 3;
}

std::optional<TlsEvent> parse_client_hello(Bytes body)
{
  Cursor cursor{body};
  TlsEvent event;
  event.kind = TlsEventKind::client_hello;
  const std::uint16_t legacy_version = cursor.u16();
  cursor.take(32);                 // random
  cursor.take(cursor.u8());        // legacy_session_id
  cursor.take(cursor.u16());       // cipher_suites
  cursor.take(cursor.u8());        // legacy_compression_methods
  if (cursor.bad) return std::nullopt;
  const auto on_extension = [&](std::uint16_t type, Bytes data) {
    if (type == extension_server_name) {
      event.server_name = server_name_of(data);
    } else if (type == extension_supported_versions) {
      Cursor versions{data};
      Cursor list{versions.take(versions.u8())};
      while (!list.bad && list.at + 2 <= list.bytes.size()) {
        const std::uint16_t version = list.u16();
        if (!is_grease(version)) event.offered_versions.push_back(version);
      }
    }
  };
  if (cursor.at < body.size() && (!each_extension(cursor, on_extension) || cursor.bad)) return std::nullopt;
  if (event.offered_versions.empty()) event.offered_versions.push_back(legacy_version);
  event.version = *std::max_element(event.offered_versions.begin(), event.offered_versions.end());
  return event;
}

std::optional<TlsEvent> parse_server_hello(Bytes body)
{
  Cursor cursor{body};
  TlsEvent event;
  event.kind = TlsEventKind::server_hello;
  event.version = cursor.u16();    // legacy_version
  cursor.take(32);                 // random
  cursor.take(cursor.u8());        // legacy_session_id_echo
  cursor.u16();                    // cipher_suite
  cursor.u8();                     // legacy_compression_method
  if (cursor.bad) return std::nullopt;
  const auto on_extension = [&](std::uint16_t type, Bytes data) {
    if (type == extension_supported_versions && data.size() == 2) event.version = be16(data, 0);
  };
  if (cursor.at < body.size() && !each_extension(cursor, on_extension)) return std::nullopt;
  return event;
}

void TlsRecordReader::stop(const PacketRef& packet, std::string why)
{
  stopped_ = true;
  handshake_.clear();
  handshake_.shrink_to_fit();
  sink_.on_note(Note{packet, NoteKind::undecodable,
                     fmt::format("TLS stream {} -> {}: {}; its records are no longer read", flow_.source.to_string(),
                                 flow_.destination.to_string(), why)});
}

void TlsRecordReader::bytes(Bytes data, const PacketRef& packet)
{
  while (!data.empty() && !stopped_) {
    if (header_have_ < header_.size()) {
      const std::size_t take = std::min(header_.size() - header_have_, data.size());
      std::copy_n(data.begin(), take, header_.begin() + static_cast<std::ptrdiff_t>(header_have_));
      header_have_ += take;
      data = data.subspan(take);
      if (header_have_ == header_.size()) start_record(packet);
      continue;
    }
    const std::size_t take = std::min<std::size_t>(body_left_, data.size());
    record_body(data.first(take), packet);
    body_left_ -= static_cast<std::uint32_t>(take);
    data = data.subspan(take);
    if (body_left_ == 0) finish_record(packet);
  }
}

void TlsRecordReader::start_record(const PacketRef& packet)
{
  const std::uint8_t type = header_[0];
  record_length_ = static_cast<std::uint32_t>((header_[3] << 8) | header_[4]);
  if (type < content_change_cipher_spec || type > content_heartbeat || header_[1] != 3 ||
      record_length_ > max_tls_record) {
    stop(packet, fmt::format("bytes {:02x} {:02x} {:02x} {:02x} {:02x} are not a TLS record header", header_[0],
                             header_[1], header_[2], header_[3], header_[4]));
    return;
  }
  body_left_ = record_length_;
  alert_have_ = 0;
  if (body_left_ == 0) finish_record(packet);
}

void TlsRecordReader::record_body(Bytes data, const PacketRef& packet)
{
  const std::uint8_t type = header_[0];
  if (type == content_alert && !encrypted_) {
    while (alert_have_ < alert_.size() && !data.empty()) {
      alert_[alert_have_++] = data[0];
      data = data.subspan(1);
    }
  } else if (type == content_handshake && !encrypted_ && !handshake_given_up_) {
    handshake_.append(reinterpret_cast<const char*>(data.data()), data.size());
    read_handshake_messages(packet);
  }
}

void TlsRecordReader::read_handshake_messages(const PacketRef& packet)
{
  std::size_t at = 0;
  const Bytes all(reinterpret_cast<const std::uint8_t*>(handshake_.data()), handshake_.size());
  while (all.size() - at >= 4) {
    const std::uint8_t type = all[at];
    const std::uint32_t length = be24(all, at + 1);
    if (length > max_tls_handshake_message) {
      // Nothing we read is that large; stop collecting, keep following records.
      handshake_given_up_ = true;
      handshake_.clear();
      return;
    }
    if (all.size() - at - 4 < length) break;
    const Bytes body = all.subspan(at + 4, length);
    std::optional<TlsEvent> event;
    if (type == handshake_client_hello) event = parse_client_hello(body);
    if (type == handshake_server_hello) event = parse_server_hello(body);
    if (event) {
      event->packet = packet;
      event->flow = flow_;
      sink_.on_tls(*event);
    } else if (type == handshake_client_hello || type == handshake_server_hello) {
      sink_.on_note(Note{packet, NoteKind::undecodable,
                         fmt::format("TLS {} from {} is malformed", type == 1 ? "ClientHello" : "ServerHello",
                                     flow_.source.to_string())});
    }
    at += 4 + length;
  }
  handshake_.erase(0, at);
}

void TlsRecordReader::finish_record(const PacketRef& packet)
{
  const std::uint8_t type = header_[0];
  header_have_ = 0;
  if (type == content_alert) {
    TlsEvent event;
    event.kind = TlsEventKind::alert;
    event.packet = packet;
    event.flow = flow_;
    // After ChangeCipherSpec an alert is ciphertext: longer than 2 bytes, level unknown.
    if (encrypted_ || record_length_ != 2 || alert_have_ != 2) {
      event.encrypted_alert = true;
    } else {
      event.alert_level = alert_[0];
      event.alert_description = alert_[1];
    }
    sink_.on_tls(event);
  } else if (type == content_change_cipher_spec || type == content_application_data) {
    encrypted_ = true;
    handshake_.clear();
    handshake_.shrink_to_fit();
  }
}

void TlsRecordReader::gap(std::uint64_t count, GapCause cause, const PacketRef& packet)
{
  (void)cause;
  if (stopped_) return;
  // Lost bytes inside a body being skipped cost nothing; elsewhere the record
  // boundaries are lost with them.
  if (header_have_ == header_.size() && count < body_left_ &&
      (encrypted_ || header_[0] == content_application_data)) {
    body_left_ -= static_cast<std::uint32_t>(count);
    return;
  }
  stop(packet, fmt::format("{} bytes missing", count));
}

void TlsRecordReader::end(const PacketRef& packet)
{
  (void)packet;
  handshake_.clear();
}

} // namespace sipfo::pcap::detail
