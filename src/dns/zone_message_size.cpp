#include "zone_message_size.hpp"

#include "zone_presentation.hpp"

#include <charconv>
#include <variant>

namespace sipfo::dns {

namespace {

constexpr std::size_t pointer_size = 2;
constexpr std::size_t max_pointer_offset = 0x3fff; // 14 bits (RFC 1035 4.1.4)
constexpr std::size_t fixed_rr_size = 10;          // TYPE, CLASS, TTL, RDLENGTH

// The octet count of `\# <length> ...` generic rdata (RFC 3597 5), or nullopt.
std::optional<std::size_t> generic_length(std::string_view text)
{
  if (!text.starts_with("\\# ")) return std::nullopt;
  text.remove_prefix(3);
  std::size_t length = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
  if (error != std::errc{}) return std::nullopt;
  return length;
}

// Wire size of TXT presentation text: each quoted string is a length octet and
// its octets (RFC 1035 3.3.14).
std::size_t txt_size(std::string_view text)
{
  std::size_t size = 0;
  std::size_t i = 0;
  while ((i = text.find('"', i)) != std::string_view::npos) {
    std::size_t end = i + 1;
    while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
    const auto octets = unescape(text.substr(i + 1, std::min(end, text.size()) - i - 1));
    size += 1 + (octets ? octets->size() : 0);
    i = end + 1;
  }
  return size;
}

} // namespace

MessageSize::MessageSize(const Labels& question_name)
{
  add_name(question_name, Compression::allowed);
  bytes_ += 4; // QTYPE, QCLASS
}

void MessageSize::add(const Record& record)
{
  add_name(record.owner, Compression::allowed);
  bytes_ += fixed_rr_size;
  add_rdata(record);
}

void MessageSize::add_name(const std::string& text, Compression compression)
{
  auto name = read_name(text);
  if (!name.error.empty()) name.labels.clear();
  add_name(name.labels, compression);
}

void MessageSize::add_name(const Labels& labels, Compression compression)
{
  const std::span<const std::string> all(labels);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto suffix = all.subspan(i);
    const auto key = name_key(suffix);
    if (compression == Compression::allowed) {
      if (const auto found = offsets_.find(key); found != offsets_.end()) {
        bytes_ += pointer_size;
        return;
      }
      if (bytes_ <= max_pointer_offset) offsets_.emplace(key, bytes_);
    }
    bytes_ += 1 + labels[i].size();
  }
  bytes_ += 1; // the root label
}

void MessageSize::add_opaque(RrType type, const std::string& text)
{
  if (const auto length = generic_length(text)) {
    bytes_ += *length;
  } else if (type == RrType::mx) {
    const auto space = text.find(' ');
    bytes_ += 2;
    add_name(space == std::string::npos ? std::string(".") : text.substr(space + 1), Compression::allowed);
  } else if (type == RrType::txt) {
    bytes_ += txt_size(text);
  } else {
    bytes_ += text.size(); // presentation text of a hand-made record: an estimate
  }
}

void MessageSize::add_rdata(const Record& record)
{
  const auto& data = record.data;
  if (const auto* address = std::get_if<AddressData>(&data)) {
    bytes_ += address->address.find(':') == std::string::npos ? 4 : 16;
  } else if (const auto* name = std::get_if<NameData>(&data)) {
    add_name(name->name, Compression::allowed);
  } else if (const auto* srv = std::get_if<SrvData>(&data)) {
    bytes_ += 6;
    add_name(srv->target, Compression::forbidden);
  } else if (const auto* naptr = std::get_if<NaptrData>(&data)) {
    bytes_ += 4 + 3 + naptr->flags.size() + naptr->service.size() + naptr->regexp.size();
    add_name(naptr->replacement, Compression::forbidden);
  } else if (const auto* soa = std::get_if<SoaData>(&data)) {
    add_name(soa->mname, Compression::allowed);
    add_name(soa->rname, Compression::allowed);
    bytes_ += 20;
  } else if (const auto* opaque = std::get_if<OpaqueData>(&data)) {
    add_opaque(record.type, opaque->text);
  }
}

} // namespace sipfo::dns
