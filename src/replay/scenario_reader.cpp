// The TOML scenario reader (design §5). The one file that includes toml++. Every
// error names FILE:LINE and the key ("event[2].at"), with a hint.

#include "sipfo/replay/scenario.hpp"

#include "toml_nesting.hpp"

#include "sipfo/handset/server_setting.hpp"
#include "sipfo/replay/shown.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/ip_literal.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace sipfo::replay {

namespace {

// Bounds that keep a fleet's per-second tallies small (servers x seconds).
constexpr int max_servers = 64;

struct Reader {
  std::string file;

  std::string where(const toml::node& node) const
  {
    return fmt::format("{}:{}", shown(file, 4096), node.source().begin.line);
  }
  std::string where(const toml::key& key) const
  {
    return fmt::format("{}:{}", shown(file, 4096), key.source().begin.line);
  }

  [[noreturn]] void fail(const toml::node& node, const std::string& key, const std::string& what,
                         const std::string& hint = {}) const
  {
    throw util::InputError(where(node), fmt::format("{}: {}", key, what), hint);
  }

  std::string text(const toml::node& node, const std::string& key) const
  {
    if (const auto* value = node.as_string()) return value->get();
    fail(node, key, "expected a string");
  }

  std::int64_t integer(const toml::node& node, const std::string& key) const
  {
    if (const auto* value = node.as_integer()) return value->get();
    fail(node, key, "expected an integer");
  }

  // A duration: a string ("5m", "500ms") or a bare number in `bare_unit_ms`.
  SimTime duration(const toml::node& node, const std::string& key, SimTime bare_unit_ms = 1000) const
  {
    if (const auto* value = node.as_integer()) {
      const auto n = value->get();
      if (n < -1'000'000'000'000 || n > 1'000'000'000'000) fail(node, key, "duration out of range");
      return n * bare_unit_ms;
    }
    if (const auto* value = node.as_floating_point()) {
      const double n = value->get() * static_cast<double>(bare_unit_ms);
      if (!(n >= -1e15 && n <= 1e15)) fail(node, key, "duration out of range");
      return static_cast<SimTime>(n);
    }
    if (const auto* value = node.as_string()) {
      const std::string& s = value->get();
      const bool negative = s.starts_with('-');
      const auto parsed = util::parse_duration(negative ? std::string_view(s).substr(1) : std::string_view(s));
      if (parsed) {
        if (negative) return -parsed->count();
        // A bare number in a string is in the parameter's own unit.
        const bool bare = s.find_first_not_of("0123456789.") == std::string::npos;
        return bare ? parsed->count() / 1000 * bare_unit_ms : parsed->count();
      }
    }
    fail(node, key, "expected a duration", "write e.g. \"500ms\", \"30s\", \"5m\", \"2h\" or a number of seconds");
  }

  void check_keys(const toml::table& table, const std::string& prefix,
                  std::initializer_list<std::string_view> known) const
  {
    std::vector<std::string_view> choices(known);
    for (auto&& [key, node] : table) {
      if (std::find(choices.begin(), choices.end(), key.str()) != choices.end()) continue;
      const auto match = util::closest_match(key.str(), choices);
      throw util::InputError(where(key), fmt::format("{}{}: unknown key", prefix, shown(key.str())),
                             match ? fmt::format("did you mean '{}'?", *match)
                                   : fmt::format("keys here: {}", fmt::join(choices, ", ")));
    }
  }
};

Model read_model(const Reader& reader, const toml::table& root)
{
  const auto* node = root.get("profile");
  if (node == nullptr) return Model::spectralink84;
  const auto id = reader.text(*node, "profile");
  if (const auto model = parse_model(id)) return *model;
  std::vector<std::string_view> ids{"spectralink-84", "pivot", "yealink", "rfc3263"};
  const auto match = util::closest_match(id, ids);
  reader.fail(*node, "profile", fmt::format("unknown profile '{}'", shown(id)),
              match ? fmt::format("did you mean '{}'?", *match) : "use spectralink-84, pivot, yealink or rfc3263");
}

// A parameter value, checked against its spec; returns the value in simulator units.
std::int64_t parameter_value(const Reader& reader, const toml::node& node, const ParameterSpec& spec,
                             const std::string& key)
{
  std::int64_t value = 0;
  switch (spec.kind) {
  case ValueKind::seconds: value = reader.duration(node, key, 1000); break;
  case ValueKind::milliseconds: value = reader.duration(node, key, 1); break;
  case ValueKind::count: value = reader.integer(node, key); break;
  case ValueKind::flag:
    if (const auto* flag = node.as_boolean()) {
      value = flag->get() ? 1 : 0;
    } else {
      value = reader.integer(node, key);
    }
    break;
  case ValueKind::choice:
    if (node.is_integer()) {
      value = reader.integer(node, key);
    } else {
      const auto word = reader.text(node, key);
      const auto found = std::find_if(spec.choices.begin(), spec.choices.end(),
                                      [&](std::string_view choice) { return util::iequals(choice, word); });
      if (found == spec.choices.end()) {
        reader.fail(node, key, fmt::format("unknown value '{}'", shown(word)),
                    fmt::format("use {}", fmt::join(spec.choices, ", ")));
      }
      value = found - spec.choices.begin();
    }
    break;
  }
  if (value < spec.min || value > spec.max) {
    const bool ms = spec.kind == ValueKind::seconds;
    reader.fail(node, key, "out of range",
                ms ? fmt::format("allowed: {} to {}", util::format_duration(std::chrono::milliseconds(spec.min)),
                                 util::format_duration(std::chrono::milliseconds(spec.max)))
                   : fmt::format("allowed: {} to {}", spec.min, spec.max));
  }
  return value;
}

std::string value_text(const toml::node& node)
{
  std::ostringstream out;
  if (const auto* s = node.as_string()) return s->get();
  node.visit([&out](const auto& value) { out << value; });
  return out.str();
}

void read_phone(const Reader& reader, const toml::table& phone, Scenario& scenario)
{
  std::string address;
  std::optional<std::int64_t> port;
  std::optional<std::string> transport;
  const toml::node* address_node = nullptr;
  for (auto&& [key, node] : phone) {
    const std::string name(key.str());
    const std::string full = "phone." + name;
    if (name == "serverspec" || name == "address") {
      address = reader.text(node, full);
      address_node = &node;
    } else if (name == "port") {
      port = reader.integer(node, full);
      if (*port < 0 || *port > 65535) reader.fail(node, full, "out of range", "allowed: 0 to 65535");
    } else if (name == "transport" || name == "transport_type") {
      transport = node.is_integer() ? std::to_string(reader.integer(node, full)) : reader.text(node, full);
      if (!handset::parse_transport_setting(*transport)) {
        reader.fail(node, full, fmt::format("unknown transport '{}'", shown(*transport)),
                    "use naptr, udp, tcp, tls, tcp-preferred or the vendor spelling (DNSnaptr, UDPOnly, 0-3)");
      }
    } else if (const auto* spec = find_parameter(scenario.model, name)) {
      spec->apply(scenario.parameters, parameter_value(reader, node, *spec, full));
      scenario.given.push_back({std::string(spec->key), value_text(node), static_cast<int>(node.source().begin.line)});
    } else {
      std::vector<std::string_view> keys{"serverspec", "address", "port", "transport"};
      for (const auto& spec : parameter_specs()) {
        if (reads(spec, scenario.model)) keys.push_back(spec.key);
      }
      const auto match = util::closest_match(name, keys);
      throw util::InputError(reader.where(key),
                             fmt::format("{}: not a parameter of the {} model", shown(full), model_id(scenario.model)),
                             match ? fmt::format("did you mean '{}'?", *match) : "see sipfo-replay(1), MODELS");
    }
  }
  finalize_parameters(scenario.model, scenario.parameters);
  // One file means one thing for every profile: a [[server]] list is one name's
  // failover list unless topology = "static" says the entries are configured one by one.
  for (const auto& given : scenario.given) {
    if (given.key == "fallback.redundancy_type" && !scenario.parameters.static_list) {
      throw util::InputError(fmt::format("{}:{}", shown(reader.file, 4096), given.line),
                             "phone.fallback.redundancy_type: only for configured server entries",
                             "add topology = \"static\" (each [[server]] a sip_server entry), or drop it for one DNS name");
    }
  }
  if (address.empty()) {
    if (port || transport) reader.fail(phone, "phone", "port or transport without an address");
    return;
  }
  // A static list is several entries (handset-models 4.1): the [[server]] list.
  if (scenario.parameters.static_list) {
    reader.fail(*address_node, "phone.address", "topology = \"static\" takes its entries from [[server]]",
                "drop address, or use topology = \"dns\" for one DNS name");
  }
  const auto* profile_id = model_id(scenario.model);
  const bool pivot = scenario.model == Model::pivot;
  handset::ServerSetting base{"", static_cast<std::uint16_t>(scenario.model == Model::yealink ? 5060 : 0),
                              pivot || scenario.model == Model::yealink ? handset::TransportSetting::udp
                                                                        : handset::TransportSetting::naptr};
  if (transport) base.transport = *handset::parse_transport_setting(*transport);
  if (port) base.port = static_cast<std::uint16_t>(*port);
  try {
    if (pivot) {
      base.address = address; // the profile splits "domain; serverspec1; ..." itself
      scenario.setting = base;
    } else {
      scenario.setting = handset::setting_from_spec(address, base);
    }
  } catch (const util::InputError& error) {
    reader.fail(*address_node, "phone.address", shown(error.what_is_wrong(), 200), error.hint());
  }
  (void)profile_id;
}

// "10.0.0.1", "10.0.0.1:5070", "[2001:db8::1]:5060"
void read_server_address(const Reader& reader, const toml::node& node, const std::string& key, ScenarioServer& server)
{
  std::string text = reader.text(node, key);
  std::string host = text;
  std::optional<std::uint16_t> port;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string::npos) reader.fail(node, key, "unclosed '['", "write [2001:db8::1]:5060");
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') reader.fail(node, key, "expected ':' after ']'");
      text = text.substr(close + 2);
    } else {
      text.clear();
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    const auto colon = text.find(':');
    host = text.substr(0, colon);
    text = text.substr(colon + 1);
  } else {
    text.clear();
  }
  if (!text.empty()) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) {
      reader.fail(node, key, fmt::format("bad port '{}'", shown(text)), "write ADDRESS:PORT, e.g. 10.0.0.1:5060");
    }
    port = static_cast<std::uint16_t>(value);
  }
  if (!util::is_ip_literal(host, util::Brackets::allowed)) {
    reader.fail(node, key, fmt::format("'{}' is not an IP address", shown(host)),
                "[[server]] lists addresses; put names in phone.address and give --zone");
  }
  server.address = handset::strip_brackets(host);
  server.port = port;
}

void read_servers(const Reader& reader, const toml::array& servers, Scenario& scenario)
{
  int index = 0;
  for (const auto& item : servers) {
    ++index;
    const std::string prefix = fmt::format("server[{}].", index);
    if (index > max_servers) {
      reader.fail(item, "server", fmt::format("more than {} servers", max_servers), "a handset tries a handful");
    }
    const auto* table = item.as_table();
    if (table == nullptr) reader.fail(item, "server", "expected a table ([[server]])");
    reader.check_keys(*table, prefix, {"name", "address", "transport", "priority", "weight", "rank", "ttl"});
    ScenarioServer server;
    server.line = static_cast<int>(table->source().begin.line);
    const auto* name = table->get("name");
    const auto* address = table->get("address");
    if (name == nullptr) reader.fail(*table, prefix + "name", "missing", "every [[server]] needs a name for events");
    if (address == nullptr) reader.fail(*table, prefix + "address", "missing", "write address = \"10.0.0.1:5060\"");
    server.name = reader.text(*name, prefix + "name");
    if (server.name.empty()) reader.fail(*name, prefix + "name", "empty");
    if (find_server(scenario, server.name) >= 0) {
      reader.fail(*name, prefix + "name", fmt::format("'{}' is listed twice", shown(server.name)));
    }
    read_server_address(reader, *address, prefix + "address", server);
    if (const auto* node = table->get("transport")) {
      const auto text = reader.text(*node, prefix + "transport");
      if (text == "udp") server.transport = handset::Transport::udp;
      else if (text == "tcp") server.transport = handset::Transport::tcp;
      else if (text == "tls") server.transport = handset::Transport::tls;
      else reader.fail(*node, prefix + "transport", fmt::format("unknown transport '{}'", shown(text)), "use udp, tcp or tls");
    }
    auto small = [&](const char* key, std::int64_t lo, std::int64_t hi, std::int64_t fallback) {
      const auto* node = table->get(key);
      if (node == nullptr) return fallback;
      const auto value = reader.integer(*node, prefix + key);
      if (value < lo || value > hi) reader.fail(*node, prefix + key, "out of range", fmt::format("allowed: {} to {}", lo, hi));
      return value;
    };
    server.priority = static_cast<std::uint16_t>(small("priority", 0, 65535, 1));
    server.weight = static_cast<std::uint16_t>(small("weight", 0, 65535, 0));
    server.rank = static_cast<int>(small("rank", 1, 4, 1));
    if (const auto* node = table->get("ttl")) {
      server.ttl = reader.duration(*node, prefix + "ttl");
      if (server.ttl < 0) reader.fail(*node, prefix + "ttl", "negative");
    }
    scenario.servers.push_back(std::move(server));
  }
}

unsigned read_methods(const Reader& reader, const toml::node& node, const std::string& key, std::string_view list)
{
  unsigned methods = 0;
  while (!list.empty()) {
    const auto cut = list.find_first_of("+|, ");
    const auto word = list.substr(0, cut);
    list = cut == std::string_view::npos ? std::string_view() : list.substr(cut + 1);
    if (word.empty()) continue;
    bool known = false;
    for (int m = 0; m < method_count; ++m) {
      if (util::iequals(word, method_name(static_cast<Method>(m)))) {
        methods |= 1u << m;
        known = true;
      }
    }
    if (!known) reader.fail(node, key, fmt::format("unknown method '{}'", shown(word)), "use REGISTER, OPTIONS, INVITE");
  }
  if (methods == 0) reader.fail(node, key, "no method given");
  return methods;
}

// C3: "blackhole", "refused", "reply=<code>[,retry_after=<s>][,methods=A+B]".
ServerMode read_mode(const Reader& reader, const toml::node& node, const std::string& key)
{
  const auto text = reader.text(node, key);
  ServerMode mode;
  if (text == "blackhole") {
    mode.kind = ServerMode::Kind::blackhole;
    return mode;
  }
  if (text == "refused") {
    mode.kind = ServerMode::Kind::refused;
    return mode;
  }
  if (!text.starts_with("reply=")) {
    reader.fail(node, key, fmt::format("unknown mode '{}'", shown(text)),
                "use blackhole, refused or reply=<code>[,retry_after=<s>][,methods=REGISTER+OPTIONS]");
  }
  mode.kind = ServerMode::Kind::reply;
  std::string_view rest = std::string_view(text).substr(6);
  bool first = true;
  while (!rest.empty() || first) {
    const auto comma = rest.find(',');
    const auto part = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (first) {
      int code = 0;
      const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), code);
      if (error != std::errc() || end != part.data() + part.size() || code < 200 || code > 699) {
        reader.fail(node, key, fmt::format("bad response code '{}'", shown(part)), "a final response code, 200 to 699");
      }
      mode.code = code;
      first = false;
    } else if (part.starts_with("retry_after=")) {
      const auto value = util::parse_duration(part.substr(12));
      if (!value) reader.fail(node, key, fmt::format("bad retry_after in '{}'", shown(text)), "write retry_after=30");
      mode.retry_after = value->count();
    } else if (part.starts_with("methods=")) {
      mode.methods = read_methods(reader, node, key, part.substr(8));
    } else {
      reader.fail(node, key, fmt::format("unknown part '{}'", shown(part)), "use retry_after=<s> or methods=A+B");
    }
  }
  return mode;
}

std::string relative_to(const std::string& scenario_file, const std::string& path)
{
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(scenario_file).parent_path() / p).lexically_normal().string();
}

// A server named in an event by its address: "10.0.0.1", "10.0.0.1:5060",
// "[2001:db8::1]:5060". A listed [[server]] at that address, or an IP literal of
// the phone's setting (a PIVOT serverspec "dom.test; 10.0.0.1; 10.0.0.2"), which
// is then added under that name. -1 when neither.
int server_at(Scenario& scenario, const std::string& text)
{
  std::string host = text;
  std::optional<std::uint16_t> port;
  const auto colon = text.rfind(':');
  const bool bracketed = text.starts_with('[');
  if (colon != std::string::npos && (bracketed || text.find(':') == colon)) {
    int value = 0;
    const auto* begin = text.data() + colon + 1;
    const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size() && value > 0 && value < 65536) {
      host = text.substr(0, colon);
      port = static_cast<std::uint16_t>(value);
    }
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!util::is_ip_literal(host)) return -1;
  for (std::size_t i = 0; i < scenario.servers.size(); ++i) {
    const auto& s = scenario.servers[i];
    if (s.address == host && (!port || !s.port || *s.port == *port)) return static_cast<int>(i);
  }
  if (!scenario.setting) return -1;
  std::string_view fields = scenario.setting->address;
  while (!fields.empty()) {
    const auto cut = fields.find(';');
    auto field = fields.substr(0, cut);
    fields = cut == std::string_view::npos ? std::string_view() : fields.substr(cut + 1);
    while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
    while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
    if (field != host && field != text) continue;
    ScenarioServer added;
    added.name = text;
    added.address = host;
    added.port = port;
    scenario.servers.push_back(std::move(added));
    return static_cast<int>(scenario.servers.size() - 1);
  }
  return -1;
}

// "0-499", "7", "0-99,200-299": phone ids of the fleet, inclusive.
PhoneSelection read_ranges(const Reader& reader, const toml::node& node, const std::string& key)
{
  PhoneSelection selection;
  selection.kind = PhoneSelection::Kind::ranges;
  const auto text = reader.text(node, key);
  std::string_view rest = text;
  auto number = [&](std::string_view digits) {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
      reader.fail(node, key, fmt::format("bad phone id '{}'", shown(digits)), "write phones = \"0-499\" (ids from 0, inclusive)");
    }
    return value;
  };
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    auto part = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    const auto dash = part.find('-');
    const auto first = number(part.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : number(part.substr(dash + 1));
    if (last < first) reader.fail(node, key, fmt::format("empty range '{}'", shown(part)), "write the lower id first");
    if (selection.ranges.size() >= 1024) reader.fail(node, key, "more than 1024 ranges");
    selection.ranges.emplace_back(first, last);
  }
  if (selection.ranges.empty()) reader.fail(node, key, "no phone ids", "write phones = \"0-499\"");
  return selection;
}

// phones = "0-499" or share = 0.25: the event is for part of a fleet.
void read_selection(const Reader& reader, const toml::table& table, const std::string& prefix, ScenarioEvent& event)
{
  const auto* phones = table.get("phones");
  const auto* share = table.get("share");
  if (phones == nullptr && share == nullptr) return;
  const bool per_phone = event.kind == EventKind::net_down || event.kind == EventKind::net_up ||
                         event.kind == EventKind::phone_reboot;
  const auto* node = phones != nullptr ? phones : share;
  const auto key = prefix + (phones != nullptr ? "phones" : "share");
  if (!per_phone) {
    reader.fail(*node, key, fmt::format("only for net.down, net.up and phone.reboot, not {}", event_name(event.kind)),
                "servers and DNS are the same for every phone");
  }
  if (phones != nullptr && share != nullptr) reader.fail(*share, prefix + "share", "give phones or share, not both");
  if (phones != nullptr) {
    event.phones = read_ranges(reader, *phones, key);
    return;
  }
  double value = 0;
  if (const auto* real = share->as_floating_point()) value = real->get();
  else if (const auto* whole = share->as_integer()) value = static_cast<double>(whole->get());
  else reader.fail(*share, key, "expected a number", "write share = 0.25");
  if (!(value >= 0.0 && value <= 1.0)) reader.fail(*share, key, "out of range", "allowed: 0 to 1");
  event.phones.kind = PhoneSelection::Kind::share;
  event.phones.share = value;
}

void read_events(const Reader& reader, const toml::array& events, Scenario& scenario)
{
  int index = 0;
  for (const auto& item : events) {
    ++index;
    const std::string prefix = fmt::format("event[{}].", index);
    const auto* table = item.as_table();
    if (table == nullptr) reader.fail(item, "event", "expected a table ([[event]])");
    reader.check_keys(*table, prefix, {"at", "do", "server", "mode", "code", "retry_after", "methods", "zone", "phones", "share"});
    ScenarioEvent event;
    event.line = static_cast<int>(table->source().begin.line);
    const auto* at = table->get("at");
    const auto* what = table->get("do");
    if (at == nullptr) reader.fail(*table, prefix + "at", "missing", "write at = \"10m\"");
    if (what == nullptr) reader.fail(*table, prefix + "do", "missing", "write do = \"server.down\"");
    event.at = reader.duration(*at, prefix + "at");
    if (event.at < 0) reader.fail(*at, prefix + "at", "negative");
    const auto name = reader.text(*what, prefix + "do");
    const auto kind = parse_event_name(name);
    if (!kind) {
      std::vector<std::string_view> names;
      for (int k = 0; k <= static_cast<int>(EventKind::phone_reboot); ++k) names.push_back(event_name(static_cast<EventKind>(k)));
      const auto match = util::closest_match(name, names);
      reader.fail(*what, prefix + "do", fmt::format("unknown event '{}'", shown(name)),
                  match ? fmt::format("did you mean '{}'?", *match) : fmt::format("events: {}", fmt::join(names, ", ")));
    }
    event.kind = *kind;
    const bool about_server = event.kind == EventKind::server_down || event.kind == EventKind::server_up ||
                              event.kind == EventKind::server_reply || event.kind == EventKind::server_drop;
    const auto* server = table->get("server");
    if (about_server) {
      if (server == nullptr) reader.fail(*table, prefix + "server", "missing", "name a [[server]]");
      const auto server_name = reader.text(*server, prefix + "server");
      event.server = find_server(scenario, server_name);
      if (event.server < 0) event.server = server_at(scenario, server_name);
      if (event.server < 0) {
        std::vector<std::string_view> names;
        for (const auto& s : scenario.servers) names.push_back(s.name);
        const auto match = util::closest_match(server_name, names);
        reader.fail(*server, prefix + "server", fmt::format("no [[server]] named '{}'", shown(server_name)),
                    match ? fmt::format("did you mean '{}'?", shown(*match)) : "list it in a [[server]] table, or name it by its address");
      }
    } else if (server != nullptr) {
      reader.fail(*server, prefix + "server", fmt::format("{} is not about a server", shown(name)));
    }
    const auto* mode = table->get("mode");
    const auto* code = table->get("code");
    if (event.kind == EventKind::server_down) {
      event.mode.kind = ServerMode::Kind::blackhole; // C3 default
      if (mode != nullptr) event.mode = read_mode(reader, *mode, prefix + "mode");
    } else if (event.kind == EventKind::server_reply) {
      if (mode != nullptr) {
        event.mode = read_mode(reader, *mode, prefix + "mode");
        if (event.mode.kind != ServerMode::Kind::reply) reader.fail(*mode, prefix + "mode", "server.reply needs reply=<code>");
      } else if (code != nullptr) {
        event.mode.kind = ServerMode::Kind::reply;
        const auto value = reader.integer(*code, prefix + "code");
        if (value < 200 || value > 699) reader.fail(*code, prefix + "code", "out of range", "a final response code, 200 to 699");
        event.mode.code = static_cast<int>(value);
      } else {
        reader.fail(*table, prefix + "code", "missing", "write code = 503 (or mode = \"reply=503\")");
      }
    } else if (mode != nullptr) {
      reader.fail(*mode, prefix + "mode", fmt::format("{} takes no mode", shown(name)));
    }
    if (code != nullptr && event.kind != EventKind::server_reply) reader.fail(*code, prefix + "code", "only for server.reply");
    if (const auto* node = table->get("retry_after")) {
      if (event.mode.kind != ServerMode::Kind::reply) reader.fail(*node, prefix + "retry_after", "only with a reply code");
      event.mode.retry_after = reader.duration(*node, prefix + "retry_after");
    }
    if (const auto* node = table->get("methods")) {
      if (event.mode.kind != ServerMode::Kind::reply) reader.fail(*node, prefix + "methods", "only with a reply code");
      std::string list;
      if (const auto* array = node->as_array()) {
        for (const auto& m : *array) list += reader.text(m, prefix + "methods") + "+";
      } else {
        list = reader.text(*node, prefix + "methods");
      }
      event.mode.methods = read_methods(reader, *node, prefix + "methods", list);
    }
    const auto* zone = table->get("zone");
    if (event.kind == EventKind::dns_change) {
      if (zone == nullptr) reader.fail(*table, prefix + "zone", "missing", "dns.change names the zone file in force from then on");
      event.zone = relative_to(reader.file, reader.text(*zone, prefix + "zone"));
    } else if (zone != nullptr) {
      reader.fail(*zone, prefix + "zone", "only for dns.change");
    }
    read_selection(reader, *table, prefix, event);
    scenario.events.push_back(std::move(event));
  }
  // C4: scenario events in time order; file order for the same instant.
  std::stable_sort(scenario.events.begin(), scenario.events.end(),
                   [](const ScenarioEvent& a, const ScenarioEvent& b) { return a.at < b.at; });
}

void read_fleet(const Reader& reader, const toml::table& fleet, Scenario& scenario)
{
  reader.check_keys(fleet, "fleet.", {"boot_spread", "boot_order", "bucket"});
  if (const auto* node = fleet.get("boot_spread")) {
    scenario.fleet.boot_spread = reader.duration(*node, "fleet.boot_spread");
    if (scenario.fleet.boot_spread < 0) reader.fail(*node, "fleet.boot_spread", "negative");
  }
  if (const auto* node = fleet.get("boot_order")) {
    const auto order = reader.text(*node, "fleet.boot_order");
    if (order == "even") scenario.fleet.boot_order = BootOrder::even;
    else if (order == "random") scenario.fleet.boot_order = BootOrder::random;
    else reader.fail(*node, "fleet.boot_order", fmt::format("unknown order '{}'", shown(order)), "use even or random");
  }
  if (const auto* node = fleet.get("bucket")) {
    scenario.fleet.bucket = reader.duration(*node, "fleet.bucket");
    if (scenario.fleet.bucket < 1000) reader.fail(*node, "fleet.bucket", "shorter than 1s");
  }
}

void read_top(const Reader& reader, const toml::table& root, Scenario& scenario)
{
  reader.check_keys(root, "", {"profile", "duration", "jitter", "seed", "zone", "phone", "server", "event", "fleet"});
  scenario.model = read_model(reader, root);
  scenario.parameters = default_parameters(scenario.model);
  if (const auto* node = root.get("duration")) {
    scenario.duration = reader.duration(*node, "duration");
    if (scenario.duration <= 0 || scenario.duration > seconds(366LL * 86400)) {
      reader.fail(*node, "duration", "out of range", "between 1ms and 366 days");
    }
  }
  if (const auto* node = root.get("jitter")) {
    const auto text = reader.text(*node, "jitter");
    const auto jitter = parse_jitter(text);
    if (!jitter) reader.fail(*node, "jitter", fmt::format("unknown jitter '{}'", shown(text)), "use random, min or max");
    scenario.jitter = *jitter;
  }
  if (const auto* node = root.get("seed")) {
    const auto seed = reader.integer(*node, "seed");
    if (seed < 0) reader.fail(*node, "seed", "negative");
    scenario.seed = static_cast<std::uint64_t>(seed);
  }
  if (const auto* node = root.get("zone")) {
    if (const auto* array = node->as_array()) {
      for (const auto& item : *array) scenario.zones.push_back(relative_to(reader.file, reader.text(item, "zone")));
    } else {
      scenario.zones.push_back(relative_to(reader.file, reader.text(*node, "zone")));
    }
  }
}

template <typename T>
const T& section(const Reader& reader, const toml::table& root, const char* key)
{
  const auto* node = root.get(key);
  const T* typed = nullptr;
  if constexpr (std::is_same_v<T, toml::table>) typed = node->as_table();
  else typed = node->as_array();
  if (typed == nullptr) {
    reader.fail(*node, key, std::is_same_v<T, toml::table> ? fmt::format("expected a table [{}]", key)
                                                            : fmt::format("expected tables [[{}]]", key));
  }
  return *typed;
}

} // namespace

Scenario parse_scenario(std::string_view text, const std::string& file)
{
  const Reader reader{file};
  check_toml_nesting(text, shown(file, 4096));
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    throw util::InputError(fmt::format("{}:{}", shown(file, 4096), error.source().begin.line),
                           shown(error.description(), 200),
                           "the scenario is TOML (toml.io); see sipfo-replay(1), SCENARIO");
  }
  Scenario scenario;
  scenario.file = file;
  read_top(reader, root, scenario);
  if (root.contains("phone")) read_phone(reader, section<toml::table>(reader, root, "phone"), scenario);
  if (root.contains("server")) read_servers(reader, section<toml::array>(reader, root, "server"), scenario);
  if (root.contains("event")) read_events(reader, section<toml::array>(reader, root, "event"), scenario);
  if (root.contains("fleet")) read_fleet(reader, section<toml::table>(reader, root, "fleet"), scenario);
  if (!scenario.setting && scenario.servers.empty()) {
    throw util::InputError(shown(file, 4096), "no servers: neither phone.address (phone.serverspec) nor [[server]] tables",
                           "list the candidates in [[server]] tables, or give the phone's setting and --zone");
  }
  return scenario;
}

Scenario read_scenario(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) throw util::InputError(shown(path.string(), 4096), "cannot read the scenario", "check the path");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const auto text = buffer.str();
  if (text.size() > 16 * 1024 * 1024) throw util::InputError(shown(path.string(), 4096), "scenario larger than 16 MiB");
  return parse_scenario(text, path.string());
}

} // namespace sipfo::replay
