#include "sipfo/dns/dns_message.hpp"

#include "zone_name.hpp"

#include <ares.h>
#include <arpa/inet.h>
#include <fmt/format.h>
#include <sys/socket.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <string>

namespace sipfo::dns {

namespace {

constexpr std::size_t header_size = 12;        // RFC 1035 4.1.1
constexpr std::size_t largest_message = 65535; // RFC 1035 4.2.2: 16-bit length over TCP
constexpr std::uint16_t class_in = 1;

// Frees what ares_expand_name / ares_expand_string allocated.
struct AresStringFree {
  void operator()(void* text) const noexcept { ares_free_string(text); }
};

// Reads big-endian fields, names and character-strings from one message. The
// first failure sticks with its reason: every later read returns an empty value,
// so callers check failed() once per record instead of after every field. Never
// reads outside the message; names and strings are expanded by c-ares, which
// follows compression pointers and rejects loops and pointers past the end.
class WireReader {
public:
  explicit WireReader(std::span<const std::uint8_t> message) : message_(message) {}

  bool failed() const noexcept { return failed_; }
  const std::string& why() const noexcept { return why_; }
  std::size_t offset() const noexcept { return offset_; }
  std::size_t size_of_message() const noexcept { return message_.size(); }
  void fail(std::string why)
  {
    if (!failed_) why_ = std::move(why);
    failed_ = true;
  }

  // The next `count` bytes; empty (and failed) when fewer remain.
  std::span<const std::uint8_t> take(std::size_t count)
  {
    if (failed_) return {};
    if (count > message_.size() - offset_) {
      fail(fmt::format("it ends at byte {}, inside a field of {} bytes starting at byte {}", message_.size(),
                       count, offset_));
      return {};
    }
    auto bytes = message_.subspan(offset_, count);
    offset_ += count;
    return bytes;
  }

  std::uint16_t u16()
  {
    auto bytes = take(2);
    return bytes.empty() ? 0 : static_cast<std::uint16_t>(bytes[0] << 8 | bytes[1]);
  }

  std::uint32_t u32()
  {
    auto bytes = take(4);
    if (bytes.empty()) return 0;
    return std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 |
           std::uint32_t{bytes[2]} << 8 | std::uint32_t{bytes[3]};
  }

  // A domain name (RFC 1035 3.1, 4.1.4), absolute: "a.example." or "." for the
  // root, in sipfo's presentation form (zone_name.hpp name_text: `\032` for a
  // space, `\.` for a dot inside a label), so names from the wire compare equal
  // to the same names read from a zone file or given on the command line.
  std::string name()
  {
    if (!can_expand("a name")) return {};
    const std::size_t start = offset_;
    char* expanded = nullptr;
    long consumed = 0;
    int status = ares_expand_name(here(), message_.data(), size(), &expanded, &consumed);
    std::unique_ptr<char, AresStringFree> owned(expanded);
    if (!succeeded(status, "a name", start) || !advance(consumed, "a name", start)) return {};
    // c-ares 1.18 writes the labels in presentation form: `\DDD` for octets
    // outside 0x20-0x7e, `\X` for `.`, `\` and other special characters.
    const std::string text(expanded);
    if (text.empty()) return ".";
    auto read = read_name(text + ".");
    if (!read.error.empty()) {
      fail(fmt::format("the name at byte {} cannot be read ({})", start, read.error));
      return {};
    }
    return name_text(read.labels);
  }

  // A <character-string> (RFC 1035 3.3): its bytes, which may include NUL.
  std::string character_string()
  {
    if (!can_expand("a character-string")) return {};
    const std::size_t start = offset_;
    // RFC 1035 3.3: one length octet, then that many octets. Checked here, not
    // left to c-ares: the string must end inside the message.
    const std::size_t length = message_[offset_];
    if (length + 1 > message_.size() - offset_) {
      fail(fmt::format("the character-string at byte {} says {} bytes, the message ends {} bytes later", start,
                       length, message_.size() - offset_ - 1));
      return {};
    }
    unsigned char* expanded = nullptr;
    long consumed = 0;
    int status = ares_expand_string(here(), message_.data(), size(), &expanded, &consumed);
    std::unique_ptr<unsigned char, AresStringFree> owned(expanded);
    if (!succeeded(status, "a character-string", start) || !advance(consumed, "a character-string", start)) {
      return {};
    }
    return std::string(reinterpret_cast<const char*>(expanded), static_cast<std::size_t>(consumed - 1));
  }

private:
  bool can_expand(const char* what)
  {
    if (!failed_ && offset_ >= message_.size()) {
      fail(fmt::format("it ends at byte {}, where {} should start", message_.size(), what));
    }
    return !failed_;
  }
  bool succeeded(int ares_status, const char* what, std::size_t start)
  {
    if (ares_status != ARES_SUCCESS) {
      fail(fmt::format("{} at byte {} is malformed (a label past the end, or a compression pointer that "
                       "loops or points past the end)",
                       what, start));
    }
    return !failed_;
  }
  const unsigned char* here() const { return message_.data() + offset_; }
  int size() const { return static_cast<int>(message_.size()); }
  bool advance(long consumed, const char* what, std::size_t start)
  {
    if (consumed <= 0 || static_cast<std::size_t>(consumed) > message_.size() - offset_) {
      fail(fmt::format("{} at byte {} runs past the end", what, start));
      return false;
    }
    offset_ += static_cast<std::size_t>(consumed);
    return true;
  }

  std::span<const std::uint8_t> message_;
  std::size_t offset_ = 0;
  bool failed_ = false;
  std::string why_;
};

// One resource record as it sits on the wire (RFC 1035 4.1.3).
struct WireRecord {
  std::string owner;
  std::uint16_t type = 0;
  std::uint16_t rr_class = 0;
  std::uint32_t ttl = 0;
  Rdata data;
};

// `bytes` is empty when the reader failed (the rdata ran past the end of the
// message): then there is no address to print, and the reader says why.
std::string address_text(std::span<const std::uint8_t> bytes, int family)
{
  const std::size_t needed = family == AF_INET ? 4 : 16;
  if (bytes.size() != needed) return {};
  char text[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(family, bytes.data(), text, sizeof text) == nullptr) return {};
  return text;
}

// RFC 1035 5.1: a quoted <character-string>, `"` and `\` escaped, other
// non-printable bytes as \DDD.
std::string quoted(const std::string& bytes)
{
  std::string text = "\"";
  for (unsigned char byte : bytes) {
    if (byte == '"' || byte == '\\') {
      text += '\\';
      text += static_cast<char>(byte);
    } else if (byte < 0x20 || byte > 0x7e) {
      text += fmt::format("\\{:03}", byte);
    } else {
      text += static_cast<char>(byte);
    }
  }
  return text + "\"";
}

// RFC 3597 5: `\# 4 0a000001`.
std::string generic_rdata_text(std::span<const std::uint8_t> bytes)
{
  std::string text = fmt::format("\\# {}", bytes.size());
  if (!bytes.empty()) text += ' ';
  for (auto byte : bytes) text += fmt::format("{:02x}", byte);
  return text;
}

SoaData read_soa(WireReader& reader)
{
  SoaData soa;
  soa.mname = reader.name();
  soa.rname = reader.name();
  soa.serial = reader.u32();
  soa.refresh = reader.u32();
  soa.retry = reader.u32();
  soa.expire = reader.u32();
  soa.minimum = reader.u32();
  return soa;
}

SrvData read_srv(WireReader& reader) // RFC 2782
{
  SrvData srv;
  srv.priority = reader.u16();
  srv.weight = reader.u16();
  srv.port = reader.u16();
  srv.target = reader.name();
  return srv;
}

NaptrData read_naptr(WireReader& reader) // RFC 3403 4.1
{
  NaptrData naptr;
  naptr.order = reader.u16();
  naptr.preference = reader.u16();
  naptr.flags = reader.character_string();
  naptr.service = reader.character_string();
  naptr.regexp = reader.character_string();
  naptr.replacement = reader.name();
  return naptr;
}

// TXT: one or more character-strings filling the rdata, in presentation form.
OpaqueData read_txt(WireReader& reader, std::size_t end)
{
  std::string text;
  do {
    if (!text.empty()) text += ' ';
    text += quoted(reader.character_string());
  } while (!reader.failed() && reader.offset() < end);
  return {text};
}

// Decodes rdata of `length` bytes at the reader's position. Fails the reader when
// the rdata does not have exactly the length its type needs.
Rdata read_rdata(WireReader& reader, std::uint16_t type, std::size_t length)
{
  const std::size_t end = reader.offset() + length;
  Rdata data;
  if (length > 0 && reader.offset() + length > reader.size_of_message()) {
    reader.fail(fmt::format("its RDLENGTH is {}, but only {} bytes are left in the message", length,
                            reader.size_of_message() - reader.offset()));
    return data;
  }
  switch (static_cast<RrType>(type)) {
  case RrType::a:
  case RrType::aaaa: {
    const bool v4 = static_cast<RrType>(type) == RrType::a;
    const std::size_t needed = v4 ? 4 : 16;
    if (length != needed) {
      reader.fail(fmt::format("an {} record's RDLENGTH is {}, not {}", v4 ? "A" : "AAAA", length, needed));
      return data;
    }
    data = AddressData{address_text(reader.take(needed), v4 ? AF_INET : AF_INET6)};
    break;
  }
  case RrType::cname:
  case RrType::ns:
  case RrType::ptr: data = NameData{reader.name()}; break;
  case RrType::soa: data = read_soa(reader); break;
  case RrType::srv: data = read_srv(reader); break;
  case RrType::naptr: data = read_naptr(reader); break;
  case RrType::mx: {
    auto preference = reader.u16();
    data = OpaqueData{fmt::format("{} {}", preference, reader.name())};
    break;
  }
  case RrType::txt: data = read_txt(reader, end); break;
  default: data = OpaqueData{generic_rdata_text(reader.take(length))}; break;
  }
  if (!reader.failed() && reader.offset() != end) {
    reader.fail(fmt::format("the {} record's RDLENGTH is {}, its fields take {}", rr_type_name(static_cast<RrType>(type)),
                            length, reader.offset() + length - end));
  }
  return data;
}

// RFC 2181 8: a TTL with the most significant bit set is treated as zero.
std::uint32_t sane_ttl(std::uint32_t ttl)
{
  return ttl & 0x8000'0000u ? 0 : ttl;
}

std::optional<WireRecord> read_record(WireReader& reader)
{
  WireRecord record;
  record.owner = reader.name();
  record.type = reader.u16();
  record.rr_class = reader.u16();
  record.ttl = sane_ttl(reader.u32());
  const std::uint16_t length = reader.u16();
  if (reader.failed()) return std::nullopt;
  record.data = read_rdata(reader, record.type, length);
  if (reader.failed()) return std::nullopt;
  return record;
}

// RFC 1035 4.1.2: QNAME, QTYPE, QCLASS.
std::optional<Question> read_question(WireReader& reader)
{
  Question question;
  question.name = reader.name();
  question.type = static_cast<RrType>(reader.u16());
  reader.u16(); // QCLASS
  if (reader.failed()) return std::nullopt;
  return question;
}

// RFC 2308 5: the negative answer may be cached for min(SOA TTL, SOA MINIMUM).
std::optional<std::uint32_t> negative_ttl_of(const WireRecord& record)
{
  if (static_cast<RrType>(record.type) != RrType::soa || record.rr_class != class_in) {
    return std::nullopt;
  }
  return std::min(record.ttl, std::get<SoaData>(record.data).minimum);
}

} // namespace

std::optional<DnsHeader> read_dns_header(std::span<const std::uint8_t> message)
{
  if (message.size() < header_size) return std::nullopt;
  WireReader reader(message);
  DnsHeader header;
  header.id = reader.u16();
  const std::uint16_t flags = reader.u16();
  header.response = (flags & 0x8000) != 0;
  header.authoritative = (flags & 0x0400) != 0;
  header.truncated = (flags & 0x0200) != 0;
  header.rcode = static_cast<Rcode>(flags & 0x000f);
  header.question_count = reader.u16();
  header.answer_count = reader.u16();
  header.authority_count = reader.u16();
  header.additional_count = reader.u16();
  return header;
}

std::optional<DnsMessage> read_dns_message(std::span<const std::uint8_t> message, std::string& why)
{
  if (message.size() > largest_message || message.size() > INT_MAX) {
    why = fmt::format("it is {} bytes long, more than a DNS message can be ({})", message.size(), largest_message);
    return std::nullopt;
  }
  auto header = read_dns_header(message);
  if (!header) {
    why = fmt::format("it is {} bytes long, shorter than the 12-byte DNS header", message.size());
    return std::nullopt;
  }
  DnsMessage result;
  result.header = *header;
  result.size = message.size();
  WireReader reader(message);
  reader.take(header_size);
  auto failed = [&](const char* section, unsigned index, unsigned count) {
    why = fmt::format("{} {} of {}: {}", section, index + 1, count, reader.why());
    return std::nullopt;
  };
  for (unsigned i = 0; i < header->question_count; ++i) {
    auto question = read_question(reader);
    if (!question) return failed("question", i, header->question_count);
    if (i == 0) result.question = std::move(question);
  }
  for (unsigned i = 0; i < header->answer_count; ++i) {
    auto record = read_record(reader);
    if (!record) return failed("answer record", i, header->answer_count);
    if (record->rr_class != class_in) continue;
    result.answers.push_back(
      Record{std::move(record->owner), static_cast<RrType>(record->type), record->ttl, std::move(record->data)});
  }
  for (unsigned i = 0; i < header->authority_count; ++i) {
    auto record = read_record(reader);
    if (!record) return failed("authority record", i, header->authority_count);
    if (!result.negative_ttl) result.negative_ttl = negative_ttl_of(*record);
  }
  return result;
}

std::optional<DnsMessage> read_dns_message(std::span<const std::uint8_t> message)
{
  std::string why;
  return read_dns_message(message, why);
}

} // namespace sipfo::dns
