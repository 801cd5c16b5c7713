#include "sipfo/render/probe_report.hpp"

#include "probe_parts.hpp"

#include "sipfo/render/findings_text.hpp"
#include "sipfo/render/terminal.hpp"
#include "sipfo/render/text_table.hpp"
#include "sipfo/render/text_wrap.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <vector>

namespace sipfo::render {

namespace {

using probe_parts::preference_text;
using probe_parts::server_text;
using probe_parts::status_cell;

Color status_color(probe::Status status)
{
  switch (status) {
  case probe::Status::up: return Color::green;
  case probe::Status::down: return Color::red;
  case probe::Status::failed: return Color::magenta;
  case probe::Status::unknown: return Color::dim;
  }
  return Color::none;
}

std::string rtt_text(const std::optional<probe::Exchange>& exchange)
{
  return exchange ? util::format_duration(exchange->rtt) : "-";
}

bool has_register(const ProbeRun& run)
{
  for (const auto& c : run.probe.candidates) {
    if (c.result.registration) return true;
  }
  return !run.input.user.empty();
}

} // namespace

namespace {

// `;; Sent as: source 127.0.0.5, From sip:acl@lab.test, User-Agent "Phone/1"`: the
// settings an SBC's ACL looks at, those given only (the defaults are the man
// page's), like the REGISTER part of the SIP line; "" when none was given.
std::string sent_as_text(const ProbeInput& in)
{
  std::vector<std::string> parts;
  if (!in.source.empty()) parts.push_back("source " + util::printable(in.source));
  if (!in.from_uri.empty()) parts.push_back("From " + util::printable(in.from_uri));
  if (!in.user_agent.empty()) parts.push_back(fmt::format("User-Agent \"{}\"", util::printable(in.user_agent)));
  if (parts.empty()) return "";
  return fmt::format(";; Sent as: {}\n", fmt::join(parts, ", "));
}

} // namespace

// `;; sipfo probe eslab.local  (profile spectralink-84, transport naptr, port 0)`
// and what the probes send.
std::string probe_header_text(const ProbeRun& run)
{
  const auto& in = run.input;
  std::string out;
  if (!in.spec.empty()) {
    out = fmt::format(";; sipfo probe {}  (profile {}, transport {}, port {})\n", util::printable(in.spec),
                      util::printable(in.profile),
                      handset::transport_setting_name(in.setting.transport), in.setting.port);
  } else {
    // Many targets wrap under the first (on a terminal), not past its edge.
    out = wrap_text(";; sipfo probe ", fmt::format("{}  ({} target{}, no NAPTR/SRV)",
                                                   util::printable(fmt::format("{}", fmt::join(in.targets, " "))),
                                                   in.targets.size(), in.targets.size() == 1 ? "" : "s"),
                    15);
  }
  if (!in.dns_source.empty()) {
    out += fmt::format(";; DNS: {}, {} quer{} (sipfo resolve shows them)\n", util::printable(in.dns_source),
                       run.resolution.queries.size(), run.resolution.queries.size() == 1 ? "y" : "ies");
  }
  std::string sip = "OPTIONS";
  if (!in.user.empty()) {
    sip += fmt::format(" and REGISTER for {} ({})", util::printable(in.user),
                       in.register_mode == probe::RegisterMode::bind ? "bind, then remove"
                                                                     : "binding query, no Contact");
  }
  out += fmt::format(";; SIP: {}; T1 {}, Timer F {}\n", sip, util::format_duration(in.t1),
                     util::format_duration(in.timer_f));
  out += sent_as_text(in);
  return out;
}

namespace {

std::string candidates_block(const ProbeRun& run, bool color)
{
  const bool pivot = run.resolution.rank_style == handset::RankStyle::serverspec;
  std::string out = paint(pivot ? ";; CANDIDATES (as the phone's SIP status screen lists them; * = active)"
                                : ";; CANDIDATES (in the order the phone tries them; * = active)",
                          Color::bold, color) +
                    "\n";
  if (run.probe.candidates.empty()) {
    return out + paint("  none: nothing to probe, the phone has no server to register to", Color::red, color) + "\n";
  }
  using Align = TextTable::Align;
  const bool with_register = has_register(run);
  std::vector<std::string> headers{"PREF", "SERVER", "STATUS", "OPTIONS", "RTT"};
  std::vector<Align> aligns{Align::left, Align::left, Align::left, Align::left, Align::right};
  if (with_register) {
    headers.insert(headers.end(), {"REGISTER", "RTT"});
    aligns.insert(aligns.end(), {Align::left, Align::right});
  }
  TextTable table(std::move(headers), std::move(aligns));
  for (const auto& c : run.probe.candidates) {
    std::vector<std::string> row{preference_text(run, c), server_text(c),
                                 paint(status_cell(c), status_color(c.status), color),
                                 exchange_text(c.result.options), rtt_text(c.result.options)};
    if (with_register) {
      row.push_back(exchange_text(c.result.registration));
      row.push_back(rtt_text(c.result.registration));
    }
    table.add_row(std::move(row));
  }
  return out + table.render(2);
}

std::string verdict(const ProbeRun& run, bool color)
{
  const std::string summary = probe_summary(run.probe);
  for (const auto& c : run.probe.candidates) {
    if (c.result.not_probed == probe::NotProbed::interrupted) {
      return paint(fmt::format(";; INTERRUPTED: {}; the targets marked interrupted were not probed to the end",
                               summary),
                   Color::yellow, color);
    }
  }
  switch (run.exit_status) {
  case util::ExitStatus::ok: return paint(";; OK: " + summary, Color::green, color);
  case util::ExitStatus::warning:
    return paint(fmt::format(";; WARNING: {}; see the findings", summary), Color::yellow, color);
  case util::ExitStatus::critical:
    if (run.probe.candidates.empty()) {
      return paint(";; CRITICAL: no candidate server; the phone has nothing to register to", Color::red, color);
    }
    return paint(fmt::format(";; CRITICAL: {}; the phone would not register{}", summary,
                             run.input.user.empty() ? " (no server answers OPTIONS below 500)"
                                                    : " (no server accepted the REGISTER)"),
                 Color::red, color);
  case util::ExitStatus::unknown: break;
  }
  return paint(";; UNKNOWN: " + summary, Color::yellow, color);
}

} // namespace

std::string exchange_text(const std::optional<probe::Exchange>& exchange)
{
  if (!exchange) return "-";
  const std::string reason = probe_parts::printable(exchange->reason);
  if (exchange->origin == probe::Origin::local) return fmt::format("{} (local: {})", exchange->code, reason);
  std::string out = fmt::format("{} {}", exchange->code, reason);
  if (exchange->code >= 500) {
    // RFC 3261 21.5.4 / 20.33: the server's own 5xx, and how long it asks to be left alone.
    out += exchange->retry_after ? fmt::format(" (server, Retry-After {} s)", exchange->retry_after->count())
                                 : std::string(" (server)");
  }
  return out;
}

std::string probe_summary(const probe::ProbeReport& report)
{
  if (report.candidates.empty()) return "no candidate server";
  std::size_t up = 0, down = 0, failed = 0, unknown = 0;
  for (const auto& c : report.candidates) {
    switch (c.status) {
    case probe::Status::up: ++up; break;
    case probe::Status::down: ++down; break;
    case probe::Status::failed: ++failed; break;
    case probe::Status::unknown: ++unknown; break;
    }
  }
  std::string out = fmt::format("{}/{} up", up, report.candidates.size());
  std::vector<std::string> others;
  if (down > 0) others.push_back(fmt::format("{} down", down));
  if (failed > 0) others.push_back(fmt::format("{} failed", failed));
  if (unknown > 0) others.push_back(fmt::format("{} unknown", unknown));
  if (!others.empty()) out += fmt::format(" ({})", fmt::join(others, ", "));
  if (report.active) return out + ", active " + probe_parts::server_text(report.candidates[*report.active]);
  return out + ", no active server";
}

std::string probe_results_text(const ProbeRun& run, bool color)
{
  // The verdict wraps on a terminal, under its text (";; " is 3 columns).
  return candidates_block(run, color) + "\n" + findings_text(run.resolution.findings, color) + "\n" +
         wrap_text("", verdict(run, color), 3);
}

std::string probe_text(const ProbeRun& run, bool color)
{
  return probe_header_text(run) + "\n" + probe_results_text(run, color);
}

} // namespace sipfo::render
