#include "probe_parts.hpp"

#include "sipfo/render/resolve_report.hpp"
#include "sipfo/sip/endpoint.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace sipfo::render::probe_parts {

using nlohmann::json;

std::string preference_text(const ProbeRun& run, const probe::CandidateReport& candidate)
{
  const auto& target = candidate.result.target;
  const bool pivot = run.resolution.rank_style == handset::RankStyle::serverspec;
  return fmt::format("{}{}:{}", pivot ? "P" : "", target.rank, target.priority);
}

std::string server_text(const probe::CandidateReport& candidate)
{
  const auto& target = candidate.result.target;
  if (target.endpoint.address.empty()) { // a name that did not resolve: shown by name
    return util::printable(fmt::format("{}:{}/{}", target.server_name, target.endpoint.port,
                                       sip::transport_name(target.endpoint.transport)));
  }
  return util::printable(sip::endpoint_text(target.endpoint));
}

std::string status_cell(probe::Status status, bool active)
{
  return fmt::format("{}{}", active ? "* " : "", probe::status_name(status));
}

std::string status_cell(const probe::CandidateReport& candidate)
{
  const std::string cell = status_cell(candidate.status, candidate.active);
  const char* note = probe::not_probed_note(candidate.result.not_probed);
  return *note ? fmt::format("{} ({})", cell, note) : cell;
}

json exchange_json(const std::optional<probe::Exchange>& exchange)
{
  if (!exchange) return nullptr;
  return {{"code", exchange->code},
          {"reason", exchange->reason},
          {"rtt_ms", exchange->rtt.count()},
          {"local", exchange->origin == probe::Origin::local},
          {"retry_after_s", exchange->retry_after ? json(exchange->retry_after->count()) : json(nullptr)},
          {"sends", exchange->sends},
          {"credentials_sent", exchange->credentials_sent}};
}

namespace {

json certificate_json(const std::optional<sip::CertificateCheck>& check)
{
  if (!check) return nullptr;
  const char* code = sip::certificate_problem_code(check->problem);
  return {{"problem", *code ? json(code) : json(nullptr)},
          {"detail", check->detail},
          {"subject", check->subject},
          {"checked_name", check->checked_name}};
}

// The target's own fields when no resolve candidate stands beside it.
json target_json(const probe::Target& target)
{
  return {{"rank", target.rank},
          {"priority", target.priority},
          {"weight", 0},
          {"address", target.endpoint.address},
          {"port", target.endpoint.port},
          {"transport", sip::transport_name(target.endpoint.transport)},
          {"target", target.server_name.empty() ? target.endpoint.address : target.server_name},
          {"origin", target.server_name.empty() ? "literal" : "a"},
          {"srv_name", nullptr}};
}

} // namespace

json candidate_json(const ProbeRun& run, std::size_t index)
{
  const auto& candidate = run.probe.candidates.at(index);
  const auto& result = candidate.result;
  json out = index < run.resolution.candidates.size() ? render::candidate_json(run.resolution.candidates[index])
                                                     : target_json(result.target);
  // The probed endpoint is authoritative (it is what was actually asked).
  out["address"] = result.target.endpoint.address.empty() ? json(nullptr) : json(result.target.endpoint.address);
  out["port"] = result.target.endpoint.port;
  out["transport"] = sip::transport_name(result.target.endpoint.transport);
  out["server_name"] = result.target.server_name.empty() ? json(nullptr) : json(result.target.server_name);
  out["status"] = probe::status_name(candidate.status);
  out["active"] = candidate.active;
  out["registered"] = candidate.registered;
  out["options"] = exchange_json(result.options);
  out["register"] = exchange_json(result.registration);
  out["unregister"] = exchange_json(result.unregistration);
  out["certificate"] = certificate_json(result.certificate);
  out["ignored_messages"] = result.ignored_messages;
  // Why the status is unknown without a probe: "no_address", "interrupted"; null when probed.
  switch (result.not_probed) {
  case probe::NotProbed::no: out["not_probed"] = nullptr; break;
  case probe::NotProbed::no_address: out["not_probed"] = "no_address"; break;
  case probe::NotProbed::interrupted: out["not_probed"] = "interrupted"; break;
  }
  return out;
}

std::string printable(std::string_view text, std::size_t limit)
{
  return util::printable(text, limit);
}

std::string utc_text(std::chrono::system_clock::time_point at)
{
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(at)));
}

} // namespace sipfo::render::probe_parts
