#include "sipfo/config/phone_config.hpp"

#include "xml_attributes.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/input_file.hpp"
#include "sipfo/util/printable.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

namespace sipfo::config {

namespace {

// A phone configuration is small; anything bigger is not one.
constexpr std::uintmax_t max_config_bytes = 16 * 1024 * 1024;

std::string trim(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// Yealink .cfg: "#!version:1.0.0.1", then "key = value" lines and "#" comments.
std::vector<handset::KeyValue> yealink_settings(std::string_view text, const std::string& file)
{
  std::vector<handset::KeyValue> out;
  int line_number = 0;
  bool versioned = false;
  while (!text.empty()) {
    ++line_number;
    const auto end = text.find('\n');
    const auto line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (line_number == 1 && line.starts_with("#!version:")) versioned = true; // Yealink's first line
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    const auto equals = line.find('=');
    const auto where = fmt::format("{}:{}", file, line_number);
    if (equals == std::string::npos) {
      // Quote nothing from a file that is not a .cfg at all (`--config
      // /etc/shadow` under sudo would print a password hash); from one that is,
      // only the first word, escaped and shortened.
      if (out.empty() && !versioned) {
        throw util::InputError(where, "not a phone config: this line is neither key = value nor a comment",
                               "give the phone's .cfg (key = value lines) or its XML configuration");
      }
      const std::string word = line.substr(0, line.find_first_of(" \t"));
      throw util::InputError(where, fmt::format("'{}' is not a setting", util::printable(word, 40)),
                             "write key = value, or start a comment with #");
    }
    auto value = trim(std::string_view(line).substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    out.push_back({trim(std::string_view(line).substr(0, equals)), value, where});
  }
  return out;
}

// The last setting of that name wins, as when a phone reads its files in order.
const handset::KeyValue* find_setting(const PhoneConfig& config, const std::string& key)
{
  const handset::KeyValue* found = nullptr;
  for (const auto& setting : config.settings) {
    if (util::iequals(setting.key, key)) found = &setting;
  }
  return found;
}

std::uint16_t port_value(const handset::KeyValue& setting)
{
  unsigned value = 0;
  const auto& text = setting.value;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value > 65535) {
    throw util::InputError(setting.where, fmt::format("{} = '{}' is not a port", util::printable(setting.key, 80), util::printable(text, 40)),
                           "a port is a number from 0 to 65535");
  }
  return static_cast<std::uint16_t>(value);
}

int small_number(const handset::KeyValue* setting, int fallback, int high)
{
  if (setting == nullptr || setting->value.empty()) return fallback;
  int value = 0;
  const auto& text = setting->value;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0 || value > high) {
    throw util::InputError(setting->where, fmt::format("{} = '{}' is not a number from 0 to {}", util::printable(setting->key, 80),
                                                     util::printable(text, 40), high));
  }
  return value;
}

void apply_transport(const handset::KeyValue* setting, ConfiguredServer& out)
{
  if (setting == nullptr || setting->value.empty()) return;
  if (auto transport = handset::parse_transport_setting(setting->value)) {
    out.setting.transport = *transport;
    return;
  }
  out.findings.push_back(handset::make_finding(
    handset::FindingCode::transport_unknown,
    fmt::format("{} = \"{}\" is not a transport the phone knows; it uses {} instead", setting->key, setting->value,
                handset::transport_setting_name(out.setting.transport)),
    fmt::format("{} ({})", setting->key, setting->where)));
}

// reg.N.server.M.* overrides voIpProt.server.M.* (Polycom UC Software). The
// seed's OCR spelling "volpProt" (lower-case L) is read too, with a finding: a
// phone ignores parameters it does not know.
// A configured address gets the checks a SPEC gets (issue 16): a 70-character
// label is no name to ask DNS for.
void checked_address(const handset::KeyValue& address)
{
  try {
    handset::check_server_address(address.value);
  } catch (const util::InputError& error) {
    throw util::InputError(address.where, fmt::format("{}: {}", address.key, error.what_is_wrong()), error.hint());
  }
}

// The line (account) numbers the configuration has keys for: "reg.N." or
// "account.N."; line 1 always counts (Polycom's global voIpProt.server.* are its).
std::vector<int> configured_lines(const PhoneConfig& config, std::string_view prefix)
{
  std::vector<int> lines;
  for (const auto& setting : config.settings) {
    if (!setting.key.starts_with(prefix)) continue;
    int number = 0;
    const auto* first = setting.key.data() + prefix.size();
    const auto* last = setting.key.data() + setting.key.size();
    const auto [end, error] = std::from_chars(first, last, number);
    if (error == std::errc() && end != last && *end == '.' &&
        std::find(lines.begin(), lines.end(), number) == lines.end()) {
      lines.push_back(number);
    }
  }
  if (std::find(lines.begin(), lines.end(), 1) == lines.end()) lines.push_back(1);
  std::sort(lines.begin(), lines.end());
  return lines;
}

// --line 7 on a phone with lines 1 and 2 is a typo, not line 7's defaults.
void check_line(const PhoneConfig& config, std::string_view prefix, std::string_view noun, int line)
{
  const auto lines = configured_lines(config, prefix);
  if (std::find(lines.begin(), lines.end(), line) != lines.end()) return;
  throw util::InputError(config.file, fmt::format("the configuration has no {} {}", noun, line),
                         fmt::format("its {}s are {}", noun, fmt::join(lines, ", ")));
}

ConfiguredServer polycom_server(const PhoneConfig& config, int line, int server)
{
  check_line(config, "reg.", "line", line);
  ConfiguredServer out;
  out.profile = "spectralink-84";
  out.setting = {"", 0, handset::TransportSetting::naptr}; // CS-14-17: DNSnaptr and port 0 by default
  const auto reg = fmt::format("reg.{}.server.{}.", line, server);
  const auto global = fmt::format("voIpProt.server.{}.", server);
  const auto misspelt = fmt::format("volpProt.server.{}.", server);
  auto field = [&](const std::string& name) -> const handset::KeyValue* {
    if (const auto* s = find_setting(config, reg + name)) return s;
    if (const auto* s = find_setting(config, global + name)) return s;
    if (const auto* s = find_setting(config, misspelt + name)) {
      const bool reported = std::any_of(out.findings.begin(), out.findings.end(),
                                        [](const auto& f) { return f.code == "config_spelling"; });
      if (!reported) {
        out.findings.push_back(handset::make_finding(
          handset::FindingCode::config_spelling,
          fmt::format("{} is spelt with a lower-case L; the parameter is voIpProt (capital I), and a phone ignores "
                      "names it does not know",
                      s->key),
          fmt::format("{} ({})", s->key, s->where)));
      }
      return s;
    }
    return nullptr;
  };
  const auto* address = field("address");
  if (address == nullptr || address->value.empty()) {
    throw util::InputError(config.file, fmt::format("no server address for line {} server {}", line, server),
                           fmt::format("set {}address or {}address", reg, global));
  }
  checked_address(*address);
  out.setting.address = address->value;
  out.origin = fmt::format("{} ({})", address->key.substr(0, address->key.size() - 8), address->where);
  if (const auto* port = field("port"); port != nullptr && !port->value.empty()) out.setting.port = port_value(*port);
  apply_transport(field("transport"), out);
  return out;
}

ConfiguredServer yealink_server(const PhoneConfig& config, int line, int server)
{
  check_line(config, "account.", "account", line);
  ConfiguredServer out;
  out.profile = "yealink";
  out.setting = {"", 5060, handset::TransportSetting::udp}; // Yealink Server Redundancy defaults: port 5060, transport_type 0
  const auto prefix = fmt::format("account.{}.sip_server.{}.", line, server);
  const auto* address = find_setting(config, prefix + "address");
  if (address == nullptr || address->value.empty()) {
    throw util::InputError(config.file, fmt::format("no server address for account {} server {}", line, server),
                           fmt::format("set {}address", prefix));
  }
  checked_address(*address);
  out.setting.address = address->value;
  out.origin = fmt::format("account.{}.sip_server.{} ({})", line, server, address->where);
  if (const auto* port = find_setting(config, prefix + "port"); port != nullptr && !port->value.empty()) {
    out.setting.port = port_value(*port);
  }
  apply_transport(find_setting(config, prefix + "transport_type"), out);
  out.naptr_build = small_number(find_setting(config, fmt::format("account.{}.naptr_build", line)), 0, 1);
  out.static_cache = handset::static_cache_from_settings(config.settings);
  const int priority = small_number(find_setting(config, fmt::format("account.{}.static_cache_pri", line)), 0, 1);
  out.static_cache.priority =
    priority == 1 ? handset::StaticCachePriority::before_dns : handset::StaticCachePriority::after_dns;
  return out;
}

} // namespace

PhoneConfig parse_phone_config(std::string_view text, const std::string& file)
{
  PhoneConfig config;
  config.file = file;
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string_view::npos && text[first] == '<') {
    config.family = ConfigFamily::polycom_xml;
    config.settings = xml_attributes(text, file);
  } else {
    config.family = ConfigFamily::yealink;
    config.settings = yealink_settings(text, file);
  }
  return config;
}

PhoneConfig read_phone_config(const std::filesystem::path& path)
{
  // A regular file's size is known before reading: refuse a big one at once.
  std::error_code error;
  if (path != "-" && std::filesystem::is_regular_file(path, error)) {
    const auto size = std::filesystem::file_size(path, error);
    if (!error && size > max_config_bytes) {
      throw util::InputError(path.string(), fmt::format("{} bytes is too big for a phone configuration", size),
                             "give the phone's .cfg file");
    }
  }
  // "-" is standard input and pipes read as files (bounded); a directory or a
  // device is refused in one line.
  const auto text = util::read_input_file(path.string(), "phone configuration", max_config_bytes);
  return parse_phone_config(text, util::input_name(path.string()));
}

ConfiguredServer configured_server(const PhoneConfig& config, int line, int server)
{
  return config.family == ConfigFamily::polycom_xml ? polycom_server(config, line, server)
                                                    : yealink_server(config, line, server);
}

} // namespace sipfo::config
