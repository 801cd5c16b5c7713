#include "sipfo/render/probe_report.hpp"

#include "sipfo/sip/endpoint.hpp"

#include <fmt/format.h>

namespace sipfo::render {

namespace {

// A label value in the exposition format: backslash, double quote and line feed escaped.
std::string label_value(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

// {target="10.0.0.1:5060",transport="udp",rank="1"}: what tells the candidates apart.
std::string labels(const probe::CandidateReport& candidate)
{
  const auto& target = candidate.result.target;
  return fmt::format("{{target=\"{}\",transport=\"{}\",rank=\"{}\"}}",
                     label_value(fmt::format("{}:{}", sip::uri_host(target.endpoint.address), target.endpoint.port)),
                     sip::transport_name(target.endpoint.transport), target.rank);
}

// One metric family: its metadata, then a sample per candidate that has a value.
template <typename Value>
std::string family(const ProbeRun& run, std::string_view name, std::string_view unit, std::string_view help, Value value)
{
  std::string out = fmt::format("# HELP {} {}\n# TYPE {} gauge\n", name, help, name);
  if (!unit.empty()) out += fmt::format("# UNIT {} {}\n", name, unit);
  for (const auto& candidate : run.probe.candidates) {
    if (const auto sample = value(candidate)) out += fmt::format("{}{} {}\n", name, labels(candidate), *sample);
  }
  return out;
}

} // namespace

std::string probe_openmetrics(const ProbeRun& run)
{
  std::string out;
  out += family(run, "sipfo_up", "", "Whether the candidate SIP server is up: 1 up, 0 down, failed or not probed.",
                [](const probe::CandidateReport& c) { return std::optional<int>(c.status == probe::Status::up ? 1 : 0); });
  out += family(run, "sipfo_active", "", "Whether the candidate is the server the handset would be registered to.",
                [](const probe::CandidateReport& c) { return std::optional<int>(c.active ? 1 : 0); });
  out += family(run, "sipfo_rtt_seconds", "seconds",
                "Round-trip time of the OPTIONS probe, for candidates whose server answered.",
                [](const probe::CandidateReport& c) -> std::optional<std::string> {
                  if (!c.result.options || c.result.options->origin != probe::Origin::server) return std::nullopt;
                  return fmt::format("{:.3f}", static_cast<double>(c.result.options->rtt.count()) / 1000.0);
                });
  out += family(run, "sipfo_register_status", "",
                "SIP status code of the REGISTER probe (408 and 503 may be sipfo's own); absent without --user.",
                [](const probe::CandidateReport& c) -> std::optional<int> {
                  if (!c.result.registration) return std::nullopt;
                  return c.result.registration->code;
                });
  return out + "# EOF\n";
}

} // namespace sipfo::render
