#include "sipfo/handset/static_cache.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace sipfo::handset {

namespace {

// Yealink Server Redundancy, Appendix B: the fields of each static record and their ranges.
struct Entry {
  std::string kind;                             // "a", "srv", "naptr"
  std::map<std::string, const KeyValue*> fields; // "name" -> setting
};

std::uint32_t number(const KeyValue& setting, std::uint32_t low, std::uint32_t high)
{
  std::uint32_t value = 0;
  const auto& text = setting.value;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw util::InputError(setting.where, fmt::format("{} = '{}' is not a number from {} to {}", setting.key, text, low, high),
                           "see the static DNS cache parameters of the Yealink guide");
  }
  return value;
}

const KeyValue& required(const Entry& entry, const std::string& prefix, const std::string& field)
{
  auto it = entry.fields.find(field);
  if (it == entry.fields.end() || it->second->value.empty()) {
    const auto& any = *entry.fields.begin()->second;
    throw util::InputError(any.where, fmt::format("{} has no {}", prefix, field),
                           fmt::format("set {}.{}", prefix, field));
  }
  return *it->second;
}

std::uint32_t optional_number(const Entry& entry, const std::string& field, std::uint32_t fallback, std::uint32_t low,
                              std::uint32_t high)
{
  auto it = entry.fields.find(field);
  return it == entry.fields.end() || it->second->value.empty() ? fallback : number(*it->second, low, high);
}

std::string optional_text(const Entry& entry, const std::string& field)
{
  auto it = entry.fields.find(field);
  return it == entry.fields.end() ? std::string() : it->second->value;
}

dns::Record make_record(const std::string& prefix, const Entry& entry)
{
  dns::Record record;
  record.owner = dns::absolute_name(required(entry, prefix, "name").value);
  // ttl: 30 to 2^31-1, default 300 (Yealink Server Redundancy, Appendix B).
  record.ttl = optional_number(entry, "ttl", 300, 30, 2147483647);
  if (entry.kind == "a") {
    const auto& ip = required(entry, prefix, "ip");
    unsigned char buffer[4];
    if (::inet_pton(AF_INET, ip.value.c_str(), buffer) != 1) {
      throw util::InputError(ip.where, fmt::format("{} = '{}' is not an IPv4 address", ip.key, ip.value));
    }
    record.type = dns::RrType::a;
    record.data = dns::AddressData{ip.value};
  } else if (entry.kind == "srv") {
    record.type = dns::RrType::srv;
    record.data = dns::SrvData{static_cast<std::uint16_t>(optional_number(entry, "priority", 0, 0, 65535)),
                               static_cast<std::uint16_t>(optional_number(entry, "weight", 0, 0, 65535)),
                               static_cast<std::uint16_t>(optional_number(entry, "port", 0, 0, 65535)),
                               dns::absolute_name(required(entry, prefix, "target").value)};
  } else {
    record.type = dns::RrType::naptr;
    record.data = dns::NaptrData{static_cast<std::uint16_t>(optional_number(entry, "order", 0, 0, 65535)),
                                 static_cast<std::uint16_t>(optional_number(entry, "preference", 0, 0, 65535)),
                                 optional_text(entry, "flags"), optional_text(entry, "service"), "",
                                 dns::absolute_name(required(entry, prefix, "replace").value)};
  }
  return record;
}

// The first field the record cannot do without that is missing or blank.
std::string missing_field(const Entry& entry)
{
  std::vector<std::string> needed{"name"};
  if (entry.kind == "a") needed.push_back("ip");
  if (entry.kind == "srv") needed.push_back("target");
  if (entry.kind == "naptr") needed.push_back("replace");
  for (const auto& field : needed) {
    auto it = entry.fields.find(field);
    if (it == entry.fields.end() || it->second->value.empty()) return field;
  }
  return {};
}

const std::vector<std::string_view>& known_fields(const std::string& kind)
{
  static const std::vector<std::string_view> a{"name", "ip", "ttl"};
  static const std::vector<std::string_view> srv{"name", "port", "priority", "target", "weight", "ttl"};
  static const std::vector<std::string_view> naptr{"name", "flags", "order", "preference", "replace", "service", "ttl"};
  return kind == "a" ? a : kind == "srv" ? srv : naptr;
}

} // namespace

std::optional<dns::Answer> StaticCache::answer(const dns::Question& question) const
{
  dns::Answer answer;
  answer.question = question;
  answer.carrier = dns::Carrier::static_cache;
  std::vector<std::string> from;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (records[i].type == question.type && dns::same_name(records[i].owner, question.name)) {
      answer.records.push_back(records[i]);
      from.push_back(keys[i]);
    }
  }
  if (answer.records.empty()) return std::nullopt;
  answer.outcome = dns::Outcome::noerror;
  answer.source = fmt::format("static DNS cache ({})", fmt::join(from, ", "));
  return answer;
}

StaticCache static_cache_from_settings(const std::vector<KeyValue>& settings)
{
  // ("srv", 2) -> the fields of dns_cache_srv.2, in numeric order.
  std::map<std::pair<std::string, unsigned long>, Entry> entries;
  for (const auto& setting : settings) {
    const auto key = util::to_lower(setting.key);
    if (!key.starts_with("dns_cache_")) continue;
    const auto first_dot = key.find('.');
    const auto last_dot = key.rfind('.');
    const std::string kind = key.substr(10, first_dot == std::string::npos ? std::string::npos : first_dot - 10);
    if (kind != "a" && kind != "srv" && kind != "naptr") {
      throw util::InputError(setting.where, fmt::format("unknown static cache key '{}'", setting.key),
                             "use dns_cache_a, dns_cache_srv or dns_cache_naptr");
    }
    if (first_dot == std::string::npos || first_dot == last_dot) {
      throw util::InputError(setting.where, fmt::format("'{}' has no index and field", setting.key),
                             fmt::format("write dns_cache_{}.1.name", kind));
    }
    const auto index_text = key.substr(first_dot + 1, last_dot - first_dot - 1);
    unsigned long index = 0;
    const auto [end, error] = std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
    if (error != std::errc() || end != index_text.data() + index_text.size()) {
      throw util::InputError(setting.where, fmt::format("'{}' has no record number", setting.key),
                             fmt::format("write dns_cache_{}.1.name", kind));
    }
    const auto field = key.substr(last_dot + 1);
    const auto& known = known_fields(kind);
    if (std::find(known.begin(), known.end(), field) == known.end()) {
      const auto match = util::closest_match(field, known);
      throw util::InputError(setting.where, fmt::format("unknown field '{}' in '{}'", field, setting.key),
                             match ? fmt::format("did you mean '{}'?", *match)
                                   : fmt::format("fields: {}", fmt::join(known, ", ")));
    }
    auto& entry = entries[{kind, index}];
    entry.kind = kind;
    entry.fields[field] = &setting;
  }
  StaticCache cache;
  for (const auto& [id, entry] : entries) {
    const auto prefix = fmt::format("dns_cache_{}.{}", id.first, id.second);
    // Appendix B gives name, ip, target and replace the default "Blank": an entry
    // without one is one the phone cannot match or use (Example 1 of Appendix B
    // lists dns_cache_a.2 without a name), said in a finding, not an input error.
    if (const auto missing = missing_field(entry); !missing.empty()) {
      const auto& any = *entry.fields.begin()->second;
      cache.unusable.push_back(fmt::format("{} ({}) has no {}: the phone cannot use it", prefix, any.where, missing));
      continue;
    }
    cache.records.push_back(make_record(prefix, entry));
    cache.keys.push_back(prefix);
  }
  return cache;
}

} // namespace sipfo::handset
