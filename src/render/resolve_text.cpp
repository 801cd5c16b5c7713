#include "sipfo/render/resolve_report.hpp"

#include "sipfo/render/findings_text.hpp"
#include "sipfo/render/terminal.hpp"
#include "sipfo/render/text_table.hpp"
#include "sipfo/render/text_wrap.hpp"
#include "sipfo/util/printable.hpp"
#include "sipfo/util/duration.hpp"

#include <fmt/format.h>

namespace sipfo::render {

namespace {

using util::printable; // every string from input (SPEC, config, zone, DNS) goes through it

Color outcome_color(dns::Outcome outcome)
{
  switch (outcome) {
  case dns::Outcome::noerror: return Color::green;
  case dns::Outcome::nodata: return Color::yellow;
  default: return Color::red;
  }
}

const char* carrier_name(dns::Carrier carrier)
{
  switch (carrier) {
  case dns::Carrier::udp: return "UDP";
  case dns::Carrier::tcp: return "TCP";
  case dns::Carrier::zone: return "zone";
  case dns::Carrier::static_cache: return "static";
  }
  return "";
}

// `;; Received 123 B from 127.0.0.1@53(UDP) in 1.2 ms`, as kdig ends an answer.
std::string provenance(const dns::Answer& answer)
{
  if (answer.carrier == dns::Carrier::zone) return fmt::format(";; From zone file {}", printable(answer.source));
  if (answer.carrier == dns::Carrier::static_cache) return fmt::format(";; From the phone's {}", printable(answer.source));
  // Each server passed over before the one that answered (dns::Answer::missed).
  std::string line;
  for (const auto& miss : answer.missed) {
    line += fmt::format(";; No answer from {}(UDP) after {} ({}): asked the next server\n", printable(miss.source),
                        util::format_duration(std::chrono::duration_cast<std::chrono::milliseconds>(miss.waited)),
                        dns::outcome_name(miss.outcome));
  }
  if (answer.outcome == dns::Outcome::timeout) {
    return line + fmt::format(";; No answer from {}({})", printable(answer.source), carrier_name(answer.carrier));
  }
  line += fmt::format(";; Received {} B from {}({})", answer.size, printable(answer.source), carrier_name(answer.carrier));
  if (answer.elapsed) line += fmt::format(" in {:.1f} ms", answer.elapsed->count() / 1000.0);
  if (answer.truncated) line += ", after a truncated UDP answer";
  if (!answer.problem.empty()) line += fmt::format("\n;; Not used as sent: {}", answer.problem);
  return line;
}

std::string query_block(std::size_t number, const handset::Query& query, bool color)
{
  const auto& answer = query.answer;
  std::string status = paint(dns::outcome_name(answer.outcome), outcome_color(answer.outcome), color);
  if (answer.negative_ttl && (answer.outcome == dns::Outcome::nxdomain || answer.outcome == dns::Outcome::nodata)) {
    status += fmt::format(", negative TTL {}", *answer.negative_ttl);
  }
  std::string out = fmt::format(";; {}. {} {}  {}{}\n", number, dns::rr_type_name(answer.question.type),
                                paint(printable(answer.question.name), Color::bold, color), status,
                                query.asked_by == handset::Asker::sipfo ? "  (asked by sipfo, not by the phone)" : "");
  if (!query.purpose.empty()) out += fmt::format(";;    {}\n", paint(printable(query.purpose), Color::dim, color));
  for (const auto& record : answer.records) out += printable(dns::record_text(record)) + "\n";
  out += paint(provenance(answer), Color::dim, color) + "\n";
  return out;
}

std::string origin_words(const handset::Candidate& c)
{
  switch (c.origin) {
  case handset::Origin::literal: return "literal IP";
  case handset::Origin::srv: return fmt::format("SRV {} -> {}", c.srv_name, c.target);
  case handset::Origin::a: return fmt::format("A {}", c.target);
  case handset::Origin::static_cache: return fmt::format("static cache {}", c.target);
  }
  return "";
}

std::string origin_text(const handset::Candidate& c)
{
  return printable(origin_words(c));
}

std::string shown_endpoint(const handset::Candidate& c)
{
  return printable(endpoint_text(c));
}

std::string candidates_block(const handset::Resolution& resolution, bool color)
{
  const bool pivot = resolution.rank_style == handset::RankStyle::serverspec;
  std::string out = paint(pivot ? ";; CANDIDATES (as the phone's SIP status screen lists them)"
                                : ";; CANDIDATES (in the order the phone tries them)",
                          Color::bold, color) +
                    "\n";
  if (resolution.candidates.empty()) {
    return out + paint("  none: the phone has no server to register to", Color::red, color) + "\n";
  }
  using Align = TextTable::Align;
  if (pivot) {
    // The phone's SIP status screen: rank:priority, address, * = the preferred one.
    const auto* preferred = handset::preferred_candidate(resolution);
    TextTable table({"PREF", "SERVER", "FIRST", "WEIGHT", "FROM"}, {Align::left, Align::left, Align::left, Align::right});
    for (const auto& c : resolution.candidates) {
      table.add_row({fmt::format("P{}:{}", c.rank, c.priority), shown_endpoint(c), &c == preferred ? "*" : "",
                     std::to_string(c.weight), origin_text(c)});
    }
    return out + table.render(2);
  }
  TextTable table({"#", "PRIO", "WEIGHT", "SERVER", "FROM"}, {Align::right, Align::right, Align::right});
  for (const auto& c : resolution.candidates) {
    table.add_row({std::to_string(c.rank), std::to_string(c.priority), std::to_string(c.weight),
                   shown_endpoint(c), origin_text(c)});
  }
  return out + table.render(2);
}

std::string verdict(const ResolveReport& report, bool color)
{
  const auto& candidates = report.resolution.candidates;
  const auto* preferred = handset::preferred_candidate(report.resolution);
  switch (report.exit_status) {
  case util::ExitStatus::critical:
    return paint(";; CRITICAL: no candidate server; the phone cannot register "
                 "(its log shows a locally generated 480)",
                 Color::red, color);
  case util::ExitStatus::warning:
    return paint(fmt::format(";; WARNING: {} candidate(s); the phone tries {} first, but see the findings",
                             candidates.size(), shown_endpoint(*preferred)),
                 Color::yellow, color);
  default:
    return paint(fmt::format(";; OK: {} candidates; the phone tries {} first", candidates.size(),
                             shown_endpoint(*preferred)),
                 Color::green, color);
  }
}

} // namespace

std::string resolve_text(const ResolveReport& report, bool color)
{
  std::string out = fmt::format(";; sipfo resolve {}  (profile {}, transport {}, port {})\n", printable(report.spec),
                                printable(report.profile), handset::transport_setting_name(report.setting.transport),
                                report.setting.port);
  out += fmt::format(";; DNS: {}\n\n", printable(report.dns_source));
  const auto& resolution = report.resolution;
  out += paint(";; QUERIES (in the order the phone asks)", Color::bold, color) + "\n";
  if (resolution.queries.empty()) out += "  none: the address is an IP, used as is\n";
  for (std::size_t i = 0; i < resolution.queries.size(); ++i) {
    out += query_block(i + 1, resolution.queries[i], color);
  }
  out += "\n" + candidates_block(resolution, color) + "\n" + findings_text(resolution.findings, color);
  if (!resolution.decisions.empty()) {
    out += "\n" + paint(";; PROFILE RULES USED (where the vendor documents are silent)", Color::bold, color) + "\n";
    for (const auto& decision : resolution.decisions) out += wrap_text("  - ", printable(decision), 4);
  }
  out += "\n" + wrap_text("", verdict(report, color), 3);
  return out;
}

} // namespace sipfo::render
