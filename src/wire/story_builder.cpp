#include "sipfo/wire/story_builder.hpp"

#include "phone_tracker.hpp"
#include "story_text.hpp"

#include "sipfo/dns/dns_message.hpp"
#include "sipfo/sip/message_parser.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace sipfo::wire {

namespace {

// Notes kept in the story; further ones are counted.
constexpr std::size_t max_notes = 1000;
// Registrar and TCP server addresses remembered (to tell a server's own requests from a phone's).
constexpr std::size_t max_registrars = 4096;
// Addresses past max_phones counted one by one up to this many.
constexpr std::size_t max_not_followed = 65536;

// An address as a hash key: its 16 bytes and its version (10.0.0.1 is not
// the IPv6 address 0a00:0001::), without a string built per lookup.
struct AddressKey {
  std::array<std::uint8_t, 17> bytes{};
  friend bool operator==(const AddressKey&, const AddressKey&) = default;
};

struct AddressKeyHash {
  std::size_t operator()(const AddressKey& key) const noexcept
  {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(key.bytes.data()), key.bytes.size()));
  }
};

AddressKey address_key(const pcap::Address& address)
{
  AddressKey key;
  std::copy(address.bytes.begin(), address.bytes.end(), key.bytes.begin());
  key.bytes[16] = address.version == pcap::IpVersion::v4 ? 4 : 6;
  return key;
}

std::optional<pcap::Address> parse_address(std::string text)
{
  pcap::Address address;
  if (::inet_pton(AF_INET, text.c_str(), address.bytes.data()) == 1) return address;
  address.version = pcap::IpVersion::v6;
  if (::inet_pton(AF_INET6, text.c_str(), address.bytes.data()) == 1) return address;
  return std::nullopt;
}

// The addresses a decoder note names ("SIP over TCP 10.0.0.5:5060 -> 10.0.0.1:5060: ...",
// "[2001:db8::1]:5060"): notes carry no flow, only their text.
std::vector<pcap::Address> addresses_in(std::string_view text)
{
  std::vector<pcap::Address> found;
  std::size_t at = 0;
  while (at < text.size() && found.size() < 4) {
    std::size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view token = text.substr(at, end - at);
    at = end + 1;
    while (!token.empty() && std::string_view("(,;").find(token.front()) != std::string_view::npos) token.remove_prefix(1);
    while (!token.empty() && std::string_view("),;:.").find(token.back()) != std::string_view::npos) token.remove_suffix(1);
    if (token.size() < 3 || token.size() > 60) continue;
    std::optional<pcap::Address> address;
    if (token.front() == '[') {
      std::size_t close = token.find(']');
      if (close != std::string_view::npos) address = parse_address(std::string(token.substr(1, close - 1)));
    } else if (std::count(token.begin(), token.end(), ':') == 1) {
      address = parse_address(std::string(token.substr(0, token.find(':'))));
    } else {
      address = parse_address(std::string(token));
    }
    if (address) found.push_back(*address);
  }
  return found;
}

// The headers SipTransactions reads (parse_message_headers keeps only these):
// the transaction key, the address of record, the registration's expiry and
// contacts, credentials and challenges, Retry-After.
constexpr std::array<std::string_view, 11> story_headers{
    "via", "cseq", "call-id", "to", "contact", "expires", "authorization", "proxy-authorization",
    "www-authenticate", "proxy-authenticate", "retry-after"};

// A question that looks for a SIP server (RFC 3263 4.1, 4.2): a phone's lookup, not any host's.
bool sip_question(const dns::Question& question)
{
  if (question.type == dns::RrType::naptr) return true;
  if (question.type != dns::RrType::srv) return false;
  auto starts = [&](std::string_view prefix) {
    return question.name.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), question.name.begin(),
                      [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b); });
  };
  return starts("_sip.") || starts("_sips.");
}

} // namespace

class StoryBuilder::Impl {
public:
  explicit Impl(StoryOptions options) : options_(std::move(options)) {}

  void file(const std::string& path)
  {
    story_.files.push_back(path);
    file_ = static_cast<std::uint32_t>(story_.files.size() - 1);
  }

  void message(pcap::Message&& message)
  {
    const PacketMark packet = mark(message.packet);
    if (message.protocol == pcap::Protocol::dns) dns_message(message, packet);
    else sip_message(message, packet);
    if (message.truncated) {
      if (PhoneTracker* tracker = existing(message.flow.source.address)) tracker->incomplete(packet);
      else if (PhoneTracker* other = existing(message.flow.destination.address)) other->incomplete(packet);
    }
  }

  void tls(const pcap::TlsEvent& event)
  {
    const PacketMark packet = mark(event.packet);
    if (PhoneTracker* tracker = existing(event.flow.source.address)) tracker->tcp.tls(event, packet);
    if (PhoneTracker* tracker = existing(event.flow.destination.address)) tracker->tcp.tls(event, packet);
  }

  void connection(const pcap::ConnectionEvent& event)
  {
    const PacketMark packet = mark(event.packet);
    PhoneTracker* tracker = nullptr;
    if (event.kind == pcap::ConnectionEventKind::syn && event.flow.destination.port != 53) {
      tracker = follow(event.flow.source.address);
      if (tracker != nullptr) tracker->opened_connection = true;
    } else if (event.kind == pcap::ConnectionEventKind::syn_ack) {
      // Whoever accepts a connection before it opens one is a server.
      PhoneTracker* server = existing(event.flow.source.address);
      if ((server == nullptr || !server->opened_connection) && acceptors_.size() < max_registrars)
        acceptors_.insert(address_key(event.flow.source.address));
    }
    if (PhoneTracker* source = existing(event.flow.source.address)) source->tcp.connection(event, source->phone(), packet);
    if (PhoneTracker* destination = existing(event.flow.destination.address))
      destination->tcp.connection(event, destination->phone(), packet);
  }

  void note(const pcap::Note& note)
  {
    const PacketMark packet = mark(note.packet);
    if (story_.notes.size() < max_notes) story_.notes.push_back(CaptureNote{packet, note.kind, kept_text(note.text)});
    else ++omitted_notes_;
    const auto named = addresses_in(note.text);
    if (named.empty()) {
      ++capture_notes_;
      if (capture_evidence_.size() < FindingList::max_evidence) capture_evidence_.push_back(packet);
      return;
    }
    PhoneTracker* last = nullptr;
    for (const auto& address : named) {
      PhoneTracker* tracker = existing(address);
      if (tracker != nullptr && tracker != last) tracker->incomplete(packet);
      last = tracker;
    }
  }

  CaptureStory finish(std::uint64_t packets)
  {
    story_.packets = packets;
    story_.omitted_notes = omitted_notes_;
    story_.phones_not_followed = not_followed_.size();
    if (options_.phone && !existing(*options_.phone)) follow(*options_.phone);
    std::vector<std::unique_ptr<PhoneTracker>> chosen;
    for (auto& [key, tracker] : trackers_) {
      if (is_phone(key, *tracker)) chosen.push_back(std::move(tracker));
    }
    if (chosen.empty()) {
      // No SIP client at all: every host that asked DNS, so the story says why.
      for (auto& [key, tracker] : trackers_) {
        if (tracker->dns.summary().exchanges > 0) chosen.push_back(std::move(tracker));
      }
    }
    trackers_.clear();
    // In order of the first SIP request, then of first appearance.
    std::sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) {
      const auto never = std::numeric_limits<std::uint64_t>::max();
      const auto x = a->first_request.value_or(never), y = b->first_request.value_or(never);
      return x != y ? x < y : a->first_seen < b->first_seen;
    });
    // Each tracker goes as soon as its story is told, so the two never all coexist.
    story_.phones.reserve(chosen.size());
    for (auto& tracker : chosen) {
      story_.phones.push_back(tracker->finish(last_time_, capture_notes_, capture_evidence_));
      tracker.reset();
    }
    return std::move(story_);
  }

private:
  PacketMark mark(const pcap::PacketRef& packet)
  {
    last_time_ = std::max(last_time_, packet.time);
    return mark_of(file_, packet);
  }

  PhoneTracker* existing(const pcap::Address& address)
  {
    auto found = trackers_.find(address_key(address));
    return found == trackers_.end() ? nullptr : found->second.get();
  }

  // The tracker of `address`, made when it is new; nullptr when it is not
  // followed (another address than --phone, or past max_phones).
  PhoneTracker* follow(const pcap::Address& address)
  {
    if (options_.phone && *options_.phone != address) return nullptr;
    const AddressKey key = address_key(address);
    auto found = trackers_.find(key);
    if (found != trackers_.end()) return found->second.get();
    if (trackers_.size() >= options_.limits.max_phones) {
      if (not_followed_.size() < max_not_followed) not_followed_.insert(key);
      return nullptr;
    }
    auto tracker = std::make_unique<PhoneTracker>(address, options_.limits);
    tracker->first_seen = serial_++;
    return trackers_.emplace(key, std::move(tracker)).first->second.get();
  }

  // A phone is a SIP client; a registrar's own requests (OPTIONS pings, NOTIFY,
  // calls to the phones) do not make it one, nor do a TLS server's connections
  // back to the phones (sipfo's assumption: a phone opens its first connection,
  // a server accepts its first).
  bool is_phone(const AddressKey& key, const PhoneTracker& tracker) const
  {
    if (options_.phone) return true;
    if (tracker.first_request) return !registrars_.contains(key) || tracker.sent_register;
    return tracker.asked_sip_dns || (tracker.opened_connection && !acceptors_.contains(key));
  }

  void dns_message(const pcap::Message& message, const PacketMark& packet)
  {
    ++story_.dns_messages;
    const auto bytes = std::span(reinterpret_cast<const std::uint8_t*>(message.payload.data()), message.payload.size());
    const auto header = dns::read_dns_header(bytes);
    if (!header) return;
    if (!header->response) {
      PhoneTracker* tracker = follow(message.flow.source.address);
      if (tracker == nullptr) return;
      auto parsed = dns::read_dns_message(bytes);
      if (!parsed || !parsed->question) return;
      if (sip_question(*parsed->question)) tracker->asked_sip_dns = true;
      tracker->dns.query(message, *parsed, packet);
      return;
    }
    PhoneTracker* tracker = existing(message.flow.destination.address);
    if (tracker == nullptr) return;
    std::string why;
    auto parsed = dns::read_dns_message(bytes, why);
    tracker->dns.reply(message, *header, std::move(parsed), why, packet);
  }

  void sip_message(const pcap::Message& message, const PacketMark& packet)
  {
    ++story_.sip_messages;
    auto parsed = sip::parse_message_headers(message.payload, story_headers);
    if (parsed.request) {
      PhoneTracker* tracker = follow(message.flow.source.address);
      if (parsed.request->method == "REGISTER" && registrars_.size() < max_registrars)
        registrars_.insert(address_key(message.flow.destination.address));
      if (tracker == nullptr) return;
      if (!tracker->first_request) tracker->first_request = serial_++;
      if (parsed.request->method == "REGISTER") tracker->sent_register = true;
      tracker->sip.request(message, *parsed.request, packet);
    } else if (parsed.response) {
      if (PhoneTracker* tracker = existing(message.flow.destination.address))
        tracker->sip.response(message, *parsed.response, packet);
    }
  }

  StoryOptions options_;
  CaptureStory story_;
  std::uint32_t file_ = 0;
  pcap::CaptureTime last_time_{};
  std::unordered_map<AddressKey, std::unique_ptr<PhoneTracker>, AddressKeyHash> trackers_;
  std::unordered_set<AddressKey, AddressKeyHash> registrars_;
  std::unordered_set<AddressKey, AddressKeyHash> acceptors_; // accepted a TCP connection before opening one
  std::uint64_t serial_ = 0;
  std::unordered_set<AddressKey, AddressKeyHash> not_followed_;
  std::uint64_t omitted_notes_ = 0;
  std::uint64_t capture_notes_ = 0;
  std::vector<PacketMark> capture_evidence_;
};

StoryBuilder::StoryBuilder(StoryOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
StoryBuilder::~StoryBuilder() = default;

void StoryBuilder::on_file(const std::string& path) { impl_->file(path); }
void StoryBuilder::on_message(pcap::Message&& message) { impl_->message(std::move(message)); }
void StoryBuilder::on_tls(const pcap::TlsEvent& event) { impl_->tls(event); }
void StoryBuilder::on_connection(const pcap::ConnectionEvent& event) { impl_->connection(event); }
void StoryBuilder::on_note(const pcap::Note& note) { impl_->note(note); }

CaptureStory StoryBuilder::finish(std::uint64_t packets) { return impl_->finish(packets); }

} // namespace sipfo::wire
