#pragma once
// `sipfo resolve` output: a pure function from the result to text or JSON.

#include "sipfo/handset/resolution.hpp"
#include "sipfo/handset/server_setting.hpp"
#include "sipfo/util/exit_status.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace sipfo::render {

struct ResolveReport {
  std::string spec;              // as the user typed it
  std::string profile;           // profile id
  handset::ServerSetting setting;
  std::string dns_source;        // Resolver::describe()
  handset::Resolution resolution;
  util::ExitStatus exit_status = util::ExitStatus::ok;
};

// kdig-style text: `;;` metadata, records in zone-file syntax, then the candidate
// table, the findings and the profile rules that decided the result.
std::string resolve_text(const ResolveReport& report, bool color);

// The documented JSON document (man sipfo-resolve, OUTPUT).
std::string resolve_json(const ResolveReport& report);

// `--format=nagios` (render/nagios.hpp): `SIP DNS WARNING - 1 candidate for
// eslab.local (spectralink-84), preferred 10.0.0.1:5060/udp; warning single_server
// | 'candidates'=1;;1:;0 'queries'=3;;;0 'errors'=0;;;0 'warnings'=1;;;0`, then a
// line per candidate and per finding.
std::string resolve_nagios(const ResolveReport& report);

// The parts other commands reuse (probe shows the same queries and findings).
nlohmann::json queries_json(const handset::Resolution& resolution);
nlohmann::json candidate_json(const handset::Candidate& candidate);
// Every candidate, each with "preferred": true for the one the phone registers to first.
nlohmann::json candidates_json(const handset::Resolution& resolution);
nlohmann::json findings_json(const handset::Resolution& resolution);

// JSON schema version of every document sipfo prints.
inline constexpr int schema_version = 1;

} // namespace sipfo::render
