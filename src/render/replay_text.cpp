#include "sipfo/render/replay_report.hpp"

#include "replay_chart.hpp"

#include "sipfo/handset/candidate.hpp"
#include "sipfo/render/terminal.hpp"
#include "sipfo/render/text_table.hpp"
#include "sipfo/replay/shown.hpp"

#include <fmt/format.h>

namespace sipfo::render {

namespace {

using replay::SimTime;

std::string span(SimTime ms)
{
  return replay::span_text(ms);
}

// Every user-supplied string this file prints (server names, file names, values,
// and the why/reason texts that quote them) goes through here: the one place to
// swap for the project-wide escaping function.
std::string user_text(std::string_view text, std::size_t limit = 80)
{
  return replay::shown(text, limit);
}

// Generated sentences that embed user text (a row's why, a move's reason).
std::string user_sentence(std::string_view text)
{
  return user_text(text, 4096);
}

std::string server_name(const replay::World& world, int server)
{
  return server >= 0 ? user_text(world.servers[static_cast<std::size_t>(server)].name) : std::string("-");
}

std::string endpoint(const replay::ScenarioServer& server)
{
  const bool v6 = server.address.find(':') != std::string::npos;
  const auto host = v6 ? fmt::format("[{}]", server.address) : server.address;
  // A server given without a port is reached on the transport's default port.
  return fmt::format("{}:{}/{}", host, server.port.value_or(handset::default_port(server.transport)),
                     handset::transport_name(server.transport));
}

Color state_color(replay::LineState state)
{
  switch (state) {
  case replay::LineState::registered: return Color::green;
  case replay::LineState::registering: return Color::yellow;
  case replay::LineState::unregistered: return Color::red;
  case replay::LineState::frozen: return Color::cyan;
  }
  return Color::none;
}

std::string header(const ReplayReport& report)
{
  const auto& s = *report.scenario;
  std::string out = fmt::format(";; replay {}: profile {}, {} simulated, jitter {}, seed {}\n", user_text(s.file, 4096),
                                replay::model_id(s.model), span(s.duration), replay::jitter_name(s.jitter), s.seed);
  if (s.setting) out += fmt::format(";; phone setting: {}\n", user_text(s.setting->address, 4096));
  out += fmt::format(";; topology: {}\n", replay::topology_text(s));
  for (const auto& given : s.given) out += fmt::format(";; {} = {} (line {})\n", user_text(given.key), user_text(given.value), given.line);
  if (s.given.empty()) out += ";; every model parameter at its documented default (sipfo-replay(1), MODELS)\n";
  const auto& epoch = report.world->epochs.front();
  out += ";; candidates at t=0, in the order the phone tries them:\n";
  int n = 0;
  for (const auto& c : epoch.candidates) {
    const auto& server = report.world->servers[static_cast<std::size_t>(c.server)];
    const auto place = s.model == replay::Model::pivot ? fmt::format("P{}:{}", c.rank, c.priority)
                                                       : fmt::format("priority {}", c.priority);
    out += fmt::format(";;   {}. {:<8} {}  {} weight {}\n", ++n, server_name(*report.world, c.server), endpoint(server), place,
                       c.weight);
  }
  if (epoch.candidates.empty()) out += ";;   (none)\n";
  return out;
}

std::string timeline_text(const ReplayReport& report, bool color)
{
  const auto& phone = *report.phone;
  TextTable table({"TIME", "EVENT", "STATE", "ACTIVE", "WHY"});
  auto folded = phone.routine_not_kept; // counted, not kept (text mode)
  for (const auto& row : phone.timeline) {
    if (row.routine) {
      ++folded;
      continue;
    }
    auto event = row.event;
    if (row.server >= 0) event = fmt::format("{} {}", event, server_name(*report.world, row.server));
    table.add_row({sim_time_text(row.at), event, paint(replay::line_state_name(row.state), state_color(row.state), color),
                   server_name(*report.world, row.active), user_sentence(row.why)});
  }
  std::string out = fmt::format("\n{}", table.render());
  if (folded > 0) {
    out += fmt::format("({} routine refreshes, pings and lookups not shown; --json lists every row)\n", folded);
  }
  return out;
}

std::string moves_text(const ReplayReport& report, const std::vector<replay::Move>& moves)
{
  if (moves.empty()) return "never";
  std::string out;
  for (const auto& move : moves) {
    if (!out.empty()) out += "\n                     ";
    out += fmt::format("{}  {} -> {}  ({})", sim_time_text(move.at), server_name(*report.world, move.from),
                       server_name(*report.world, move.to), user_sentence(move.reason));
  }
  return out;
}

std::string summary_text(const ReplayReport& report)
{
  const auto& phone = *report.phone;
  const auto& world = *report.world;
  std::string out = "\nSummary\n";
  out += fmt::format("  unregistered       {}\n", span(phone.unregistered_ms));
  out += fmt::format("  service gap        {}  (unregistered, or registered where calls cannot arrive)\n",
                     span(phone.service_gap_ms));
  const auto outage = world.first_outage();
  if (phone.detect_at) {
    out += fmt::format("  detected           {}", sim_time_text(*phone.detect_at));
    if (outage != replay::never && *phone.detect_at >= outage) {
      out += fmt::format("  ({} after the first outage at {})", span(*phone.detect_at - outage), sim_time_text(outage));
    }
    out += "\n";
  } else {
    out += "  detected           never\n";
  }
  out += fmt::format("  failovers          {}\n", moves_text(report, phone.failovers));
  out += fmt::format("  failbacks          {}\n", moves_text(report, phone.failbacks));
  out += fmt::format("  registered at end  {}\n", phone.registered_at_end ? "yes" : "no");
  out += "  messages           (retransmissions included)\n";
  TextTable table({"SERVER", "REGISTER", "OPTIONS", "INVITE"},
                  {TextTable::Align::left, TextTable::Align::right, TextTable::Align::right, TextTable::Align::right});
  for (std::size_t s = 0; s < world.servers.size(); ++s) {
    const auto& m = phone.messages[s];
    table.add_row({server_name(world, static_cast<int>(s)), std::to_string(m[0]), std::to_string(m[1]), std::to_string(m[2])});
  }
  out += table.render(4);
  return out;
}

std::string fleet_text(const ReplayReport& report, int width)
{
  const auto& fleet = *report.fleet;
  const auto& world = *report.world;
  const auto& s = *report.scenario;
  std::string out = fmt::format(";; fleet: {} phones, boot spread {} ({}), buckets of {}\n\n", fleet.phones,
                                span(s.fleet.boot_spread), s.fleet.boot_order == replay::BootOrder::even ? "even" : "random",
                                span(fleet.bucket));
  out += fleet_chart(fleet, world, s.duration, width);
  out += "\nSummary\n";
  out += fmt::format("  failovers          {} ({} phones)\n", fleet.failovers, fleet.phones_failed_over);
  out += fmt::format("  failbacks          {}\n", fleet.failbacks);
  auto when = [](const std::optional<SimTime>& at) { return at ? sim_time_text(*at) : std::string("-"); };
  out += fmt::format("  re-homed by        50% {}, 90% {}, 100% {}\n", when(fleet.rehomed_50), when(fleet.rehomed_90),
                     when(fleet.rehomed_100));
  out += fmt::format("  unregistered       {} phones at the end; {} in all\n", fleet.unregistered_at_end,
                     span(fleet.unregistered_ms));
  TextTable table({"SERVER", "REGISTER", "PEAK/S", "AT", "OPTIONS", "PEAK/S", "AT"},
                  {TextTable::Align::left, TextTable::Align::right, TextTable::Align::right, TextTable::Align::left,
                   TextTable::Align::right, TextTable::Align::right, TextTable::Align::left});
  for (std::size_t i = 0; i < world.servers.size(); ++i) {
    const auto& pr = fleet.peak_register[i];
    const auto& po = fleet.peak_options[i];
    table.add_row({server_name(world, static_cast<int>(i)), std::to_string(fleet.messages[i][0]), std::to_string(pr.per_second),
                   pr.per_second ? sim_time_text(pr.at) : "-", std::to_string(fleet.messages[i][1]),
                   std::to_string(po.per_second), po.per_second ? sim_time_text(po.at) : "-"});
  }
  out += "  messages and peak rates (sends, retransmissions included; peak = most in one second)\n";
  out += table.render(4);
  return out;
}

} // namespace

std::string replay_text(const ReplayReport& report, bool color, int width)
{
  std::string out = header(report);
  if (report.fleet) return out + fleet_text(report, width);
  out += timeline_text(report, color);
  out += summary_text(report);
  out += "\nActive server\n";
  out += active_server_chart(*report.phone, *report.world, report.scenario->duration, width);
  return out;
}

} // namespace sipfo::render
