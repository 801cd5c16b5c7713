#include "sipfo/sip/message.hpp"

#include "sipfo/util/suggest.hpp"

#include "text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace sipfo::sip {

namespace {

// Compact forms, RFC 3261 7.3.3 and the extensions that define one.
constexpr std::array<std::pair<char, std::string_view>, 13> compact_forms{{
  {'i', "call-id"},      {'m', "contact"},      {'e', "content-encoding"},
  {'l', "content-length"}, {'c', "content-type"}, {'f', "from"},
  {'s', "subject"},      {'k', "supported"},    {'t', "to"},
  {'v', "via"},          {'o', "event"},        {'r', "refer-to"},
  {'u', "allow-events"},
}};

} // namespace

std::string canonical_header_name(std::string_view name)
{
  // ASCII only (RFC 3261 25.1 token): no locale call per character of every header line.
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (lower.size() == 1) {
    for (const auto& [letter, full] : compact_forms) {
      if (letter == lower[0]) return std::string(full);
    }
    if (lower == "x") return "session-expires";
  }
  return lower;
}

namespace {

// A name already in canonical form (lower case, longer than a compact letter)
// is used as it is: parse-pcap asks every message for a few headers, and
// canonicalising a literal each time was a string built per lookup.
bool is_canonical(std::string_view name) noexcept
{
  return name.size() > 1 && std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

} // namespace

std::optional<std::string_view> MessageFields::header(std::string_view name) const
{
  std::string storage;
  const std::string_view wanted = is_canonical(name) ? name : std::string_view(storage = canonical_header_name(name));
  for (const Header& h : headers) {
    if (h.name == wanted) return std::string_view(h.value);
  }
  return std::nullopt;
}

std::vector<std::string_view> MessageFields::all(std::string_view name) const
{
  std::string storage;
  const std::string_view wanted = is_canonical(name) ? name : std::string_view(storage = canonical_header_name(name));
  std::vector<std::string_view> values;
  for (const Header& h : headers) {
    if (h.name == wanted) values.emplace_back(h.value);
  }
  return values;
}

std::string top_via_branch(const MessageFields& message)
{
  auto via = message.header("via");
  if (!via) return {};
  std::string_view first = detail::first_outside_quotes(*via, ',');
  // Walk the parameters in place: this runs for every message of a capture.
  std::size_t at = detail::find_outside_quotes(first, ';', 0);
  while (at != std::string_view::npos) {
    const std::size_t next = detail::find_outside_quotes(first, ';', at + 1);
    auto [name, value] = detail::split_param(first.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1));
    if (util::iequals(name, "branch")) return std::string(value);
    at = next;
  }
  return {};
}

std::optional<CSeq> cseq_of(const MessageFields& message)
{
  auto value = message.header("cseq");
  if (!value) return std::nullopt;
  std::string_view text = detail::trim(*value);
  std::size_t space = text.find_first_of(" \t");
  if (space == std::string_view::npos) return std::nullopt;
  CSeq cseq;
  auto number = text.substr(0, space);
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), cseq.number);
  if (error != std::errc{} || end != number.data() + number.size()) return std::nullopt;
  cseq.method = std::string(detail::trim(text.substr(space)));
  if (cseq.method.empty()) return std::nullopt;
  return cseq;
}

std::optional<std::chrono::seconds> retry_after(const MessageFields& message)
{
  auto value = message.header("retry-after");
  if (!value) return std::nullopt;
  std::string_view text = detail::trim(*value);
  std::uint32_t seconds = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (error != std::errc{} || end == text.data()) return std::nullopt;
  return std::chrono::seconds(seconds);
}

namespace {

std::optional<std::uint32_t> seconds_of(std::string_view text)
{
  text = detail::trim(text);
  std::uint32_t seconds = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return seconds;
}

} // namespace

std::optional<std::uint32_t> expires_of(const MessageFields& message)
{
  auto value = message.header("expires");
  if (!value) return std::nullopt;
  return seconds_of(*value);
}

std::vector<ContactValue> contacts_of(const MessageFields& message)
{
  std::vector<ContactValue> contacts;
  for (std::string_view line : message.all("contact")) {
    for (std::string_view value : detail::split_outside_quotes(line, ',')) {
      if (value.empty()) continue;
      ContactValue contact;
      contact.uri = uri_of(value);
      // Parameters after the name-addr (or after an addr-spec, 20.10) are the contact's.
      auto params = detail::split_outside_quotes(value, ';');
      for (std::size_t i = 1; i < params.size(); ++i) {
        auto [name, param] = detail::split_param(params[i]);
        if (util::iequals(name, "expires")) contact.expires = seconds_of(param);
      }
      contacts.push_back(std::move(contact));
    }
  }
  return contacts;
}

std::string uri_of(std::string_view value)
{
  value = detail::trim(value);
  // Skip a quoted display name, which may hold '<' itself.
  std::size_t from = 0;
  if (!value.empty() && value.front() == '"') {
    for (from = 1; from < value.size(); ++from) {
      if (value[from] == '\\') ++from;
      else if (value[from] == '"') break;
    }
  }
  std::size_t open = value.find('<', from);
  if (open != std::string_view::npos) {
    std::size_t close = value.find('>', open);
    if (close == std::string_view::npos) return std::string(detail::trim(value.substr(open + 1)));
    return std::string(detail::trim(value.substr(open + 1, close - open - 1)));
  }
  return std::string(detail::trim(value.substr(0, value.find(';'))));
}

} // namespace sipfo::sip
