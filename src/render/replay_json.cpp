#include "sipfo/render/replay_report.hpp"
#include "sipfo/render/json_text.hpp"
#include "sipfo/render/resolve_report.hpp"

#include "sipfo/handset/candidate.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace sipfo::render {

namespace {

using nlohmann::json;
using replay::SimTime;

// Scenario text is not always UTF-8: json_text replaces invalid bytes with
// U+FFFD instead of the encoder's type_error.316.
std::string dumped(const json& value, int indent = -1)
{
  return render::json_text(value, indent);
}

// The document with its one long array (timeline rows, fleet intervals) written
// element by element into the text, exactly as dump(2) would lay it out: the
// array never exists as a JSON tree, which costs about a kilobyte per row.
// `doc` holds `placeholder` where the array goes; it is found as the value of
// `key`, which no user-supplied string can be (user strings are values of
// "name", "file", "value", ... or keys of objects).
constexpr const char* placeholder = "\x01sipfo:array\x01";

template <typename Element>
std::string dump_with_array(const json& doc, const std::string& key, std::size_t count, Element element)
{
  const auto text = dumped(doc, 2);
  const auto marker = fmt::format("\"{}\": {}", key, dumped(json(placeholder)));
  const auto at = text.find(marker);
  if (at == std::string::npos) return text; // not reached: the caller put the placeholder there
  const auto value_at = at + key.size() + 4;
  const auto indent = at - (text.rfind('\n', at) + 1);
  const std::string pad(indent + 2, ' ');
  std::string out = text.substr(0, value_at);
  if (count == 0) {
    out += "[]";
  } else {
    out += "[\n";
    for (std::size_t i = 0; i < count; ++i) {
      const auto item = dumped(element(i), 2);
      out += pad;
      for (const char c : item) {
        out += c;
        if (c == '\n') out += pad;
      }
      out += i + 1 < count ? ",\n" : "\n";
    }
    out += std::string(indent, ' ') + "]";
  }
  out.append(text, value_at + dumped(json(placeholder)).size());
  return out;
}

json name_or_null(const replay::World& world, int server)
{
  if (server < 0) return nullptr;
  return world.servers[static_cast<std::size_t>(server)].name;
}

json optional_time(const std::optional<SimTime>& at)
{
  return at ? json(*at) : json(nullptr);
}

json head(const ReplayReport& report)
{
  return {{"schema_version", schema_version},
          {"command", "replay"},
          {"exit_status", static_cast<int>(report.exit_status)}};
}

json scenario_json(const ReplayReport& report)
{
  const auto& s = *report.scenario;
  json given = json::array();
  for (const auto& g : s.given) given.push_back({{"key", g.key}, {"value", g.value}, {"line", g.line}});
  json servers = json::array();
  for (const auto& server : report.world->servers) {
    servers.push_back({{"name", server.name},
                       {"address", server.address},
                       {"port", server.port ? json(*server.port) : json(nullptr)},
                       {"transport", handset::transport_name(server.transport)}});
  }
  json candidates = json::array();
  for (const auto& c : report.world->epochs.front().candidates) {
    candidates.push_back({{"server", name_or_null(*report.world, c.server)},
                          {"rank", c.rank},
                          {"priority", c.priority},
                          {"weight", c.weight},
                          {"transport", handset::transport_name(c.transport)},
                          {"a_ttl_ms", c.a_ttl}});
  }
  return {{"file", s.file},
          {"profile", replay::model_id(s.model)},
          {"duration_ms", s.duration},
          {"jitter", replay::jitter_name(s.jitter)},
          {"seed", s.seed},
          {"parameters", std::move(given)},
          {"servers", std::move(servers)},
          {"candidates", std::move(candidates)}};
}

json row_json(const replay::World& world, const replay::TimelineRow& row)
{
  return {{"at_ms", row.at},
          {"event", row.event},
          {"server", name_or_null(world, row.server)},
          {"state", replay::line_state_name(row.state)},
          {"active", name_or_null(world, row.active)},
          {"why", row.why},
          {"routine", row.routine}};
}

json moves_json(const replay::World& world, const std::vector<replay::Move>& moves)
{
  json out = json::array();
  for (const auto& m : moves) {
    out.push_back({{"at_ms", m.at}, {"from", name_or_null(world, m.from)}, {"to", name_or_null(world, m.to)},
                   {"reason", m.reason}});
  }
  return out;
}

json messages_json(const replay::World& world, const std::vector<replay::MessageCounts>& messages)
{
  json out = json::object();
  for (std::size_t s = 0; s < world.servers.size() && s < messages.size(); ++s) {
    const auto& m = messages[s];
    out[world.servers[s].name] = {{"register", m[0]}, {"options", m[1]}, {"invite", m[2]}, {"total", m[0] + m[1] + m[2]}};
  }
  return out;
}

json phone_summary(const ReplayReport& report)
{
  const auto& phone = *report.phone;
  const auto& world = *report.world;
  const auto outage = world.first_outage();
  json detect_delay = nullptr;
  if (phone.detect_at && outage != replay::never && *phone.detect_at >= outage) detect_delay = *phone.detect_at - outage;
  json bindings = json::array();
  for (const auto& b : phone.bindings) {
    bindings.push_back({{"server", name_or_null(world, b.server)}, {"from_ms", b.from}, {"to_ms", b.to}});
  }
  return {{"detect_at_ms", optional_time(phone.detect_at)},
          {"first_outage_ms", outage == replay::never ? json(nullptr) : json(outage)},
          {"detect_delay_ms", detect_delay},
          {"failovers", moves_json(world, phone.failovers)},
          {"failbacks", moves_json(world, phone.failbacks)},
          {"unregistered_ms", phone.unregistered_ms},
          {"service_gap_ms", phone.service_gap_ms},
          {"registered_at_end", phone.registered_at_end},
          {"registrations", std::move(bindings)},
          {"messages", messages_json(world, phone.messages)}};
}

json per_server(const replay::World& world, const std::vector<std::uint32_t>& values)
{
  json out = json::object();
  for (std::size_t s = 0; s < world.servers.size() && s < values.size(); ++s) out[world.servers[s].name] = values[s];
  return out;
}

json interval_json(const replay::World& world, const replay::FleetInterval& interval)
{
  return {{"at_ms", interval.at},
          {"registered", per_server(world, interval.registered)},
          {"unregistered", interval.unregistered},
          {"register_sends", per_server(world, interval.register_sends)},
          {"options_sends", per_server(world, interval.options_sends)},
          {"failovers", interval.failovers},
          {"failbacks", interval.failbacks}};
}

json fleet_summary(const ReplayReport& report)
{
  const auto& fleet = *report.fleet;
  const auto& world = *report.world;
  json peaks = json::object();
  for (std::size_t s = 0; s < world.servers.size(); ++s) {
    peaks[world.servers[s].name] = {{"register_per_s", fleet.peak_register[s].per_second},
                                    {"register_at_ms", fleet.peak_register[s].per_second ? json(fleet.peak_register[s].at) : json(nullptr)},
                                    {"options_per_s", fleet.peak_options[s].per_second},
                                    {"options_at_ms", fleet.peak_options[s].per_second ? json(fleet.peak_options[s].at) : json(nullptr)}};
  }
  return {{"phones", fleet.phones},
          {"bucket_ms", fleet.bucket},
          {"boot_spread_ms", report.scenario->fleet.boot_spread},
          {"boot_order", report.scenario->fleet.boot_order == replay::BootOrder::even ? "even" : "random"},
          {"failovers", fleet.failovers},
          {"failbacks", fleet.failbacks},
          {"phones_failed_over", fleet.phones_failed_over},
          {"rehomed_50_ms", optional_time(fleet.rehomed_50)},
          {"rehomed_90_ms", optional_time(fleet.rehomed_90)},
          {"rehomed_100_ms", optional_time(fleet.rehomed_100)},
          {"unregistered_at_end", fleet.unregistered_at_end},
          {"unregistered_ms", fleet.unregistered_ms},
          {"service_gap_ms", fleet.service_gap_ms},
          {"peaks", std::move(peaks)},
          {"messages", messages_json(world, fleet.messages)}};
}

} // namespace

std::string replay_json(const ReplayReport& report)
{
  json out = head(report);
  out["scenario"] = scenario_json(report);
  if (report.fleet) {
    const auto& intervals = report.fleet->intervals;
    out["fleet"] = fleet_summary(report);
    out["fleet"]["intervals"] = placeholder;
    return dump_with_array(out, "intervals", intervals.size(),
                           [&](std::size_t i) { return interval_json(*report.world, intervals[i]); }) +
           "\n";
  }
  if (report.phone) {
    const auto& timeline = report.phone->timeline;
    out["timeline"] = placeholder;
    out["summary"] = phone_summary(report);
    return dump_with_array(out, "timeline", timeline.size(),
                           [&](std::size_t i) { return row_json(*report.world, timeline[i]); }) +
           "\n";
  }
  return dumped(out, 2) + "\n";
}

std::string replay_json_lines(const ReplayReport& report)
{
  std::string out;
  if (report.fleet) {
    for (const auto& interval : report.fleet->intervals) {
      auto line = interval_json(*report.world, interval);
      line["type"] = "interval";
      out += dumped(line) + "\n";
    }
  } else if (report.phone) {
    for (const auto& row : report.phone->timeline) {
      auto line = row_json(*report.world, row);
      line["type"] = "timeline";
      out += dumped(line) + "\n";
    }
  }
  json last = head(report);
  last["type"] = "summary";
  last["scenario"] = scenario_json(report);
  last["summary"] = report.fleet ? fleet_summary(report) : phone_summary(report);
  out += dumped(last) + "\n";
  return out;
}

} // namespace sipfo::render
