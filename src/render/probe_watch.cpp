#include "sipfo/render/probe_report.hpp"

#include "probe_parts.hpp"

#include "sipfo/render/json_text.hpp"
#include "sipfo/render/resolve_report.hpp"
#include "sipfo/render/terminal.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace sipfo::render {

namespace {

using nlohmann::json;

// What the candidate's latest probes said, for the end of a transition line.
std::string evidence(const probe::CandidateReport& candidate)
{
  std::string out = "OPTIONS " + exchange_text(candidate.result.options);
  if (candidate.result.registration) out += ", REGISTER " + exchange_text(candidate.result.registration);
  return out;
}

Color change_color(const Transition& t)
{
  if (t.to == probe::Status::up) return Color::green;
  if (t.to == probe::Status::unknown) return Color::dim;
  return Color::red;
}

} // namespace

std::vector<Transition> probe_transitions(const probe::ProbeReport* before, const probe::ProbeReport& after)
{
  std::vector<Transition> out;
  for (std::size_t i = 0; i < after.candidates.size(); ++i) {
    const auto& now = after.candidates[i];
    Transition t{i, std::nullopt, false, now.status, now.active};
    if (before != nullptr && i < before->candidates.size()) {
      const auto& then = before->candidates[i];
      if (then.status == now.status && then.active == now.active) continue;
      t.from = then.status;
      t.was_active = then.active;
    }
    out.push_back(t);
  }
  return out;
}

std::string transitions_text(const ProbeRun& run, std::span<const Transition> transitions,
                             std::chrono::system_clock::time_point at, bool color)
{
  const std::string when = probe_parts::utc_text(at);
  std::string out;
  for (const Transition& t : transitions) {
    const auto& candidate = run.probe.candidates.at(t.index);
    const std::string from = t.from ? probe_parts::status_cell(*t.from, t.was_active) : "new";
    const std::string change = fmt::format("{} -> {}", from, probe_parts::status_cell(t.to, t.is_active));
    out += fmt::format("{}  {}  {}  {}  {}\n", when, probe_parts::preference_text(run, candidate),
                       probe_parts::server_text(candidate), paint(change, change_color(t), color), evidence(candidate));
  }
  if (!transitions.empty()) out += fmt::format("{}  ;; {}\n", when, probe_summary(run.probe));
  return out;
}

std::string transitions_json_lines(const ProbeRun& run, std::span<const Transition> transitions,
                                   std::chrono::system_clock::time_point at, int round)
{
  std::string out;
  for (const Transition& t : transitions) {
    json line = {{"schema_version", schema_version},
                 {"command", "probe"},
                 {"event", "transition"},
                 {"at", probe_parts::utc_text(at)},
                 {"round", round},
                 {"exit_status", static_cast<int>(run.exit_status)},
                 {"from", t.from ? json(probe::status_name(*t.from)) : json(nullptr)},
                 {"was_active", t.was_active},
                 {"to", probe::status_name(t.to)},
                 {"candidate", probe_parts::candidate_json(run, t.index)}};
    out += json_text(line) + "\n";
  }
  return out;
}

} // namespace sipfo::render
