// `sipfo findings`: every code of the one registry, resolve's, probe's and
// parse-log's, with the subcommands that report it and a source a reader can
// look up (sipfo(1) SOURCES).

#include "cli/findings_listing.hpp"
#include "cli/source_documents.hpp"

#include "sipfo/applog/root_cause.hpp"
#include "sipfo/util/finding.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <regex>
#include <sstream>
#include <string>

using namespace sipfo;

namespace {

// The listing's lines by their first word (the code).
std::map<std::string, std::string> lines_by_code(const std::string& listing)
{
  std::map<std::string, std::string> out;
  std::istringstream in(listing);
  std::string line;
  while (std::getline(in, line)) out[line.substr(0, line.find(' '))] = line;
  return out;
}

std::string run_sipfo_findings()
{
  std::string out;
  std::FILE* pipe = ::popen(SIPFO_BINARY " findings", "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  CHECK(::pclose(pipe) == 0);
  return out;
}

} // namespace

TEST_CASE("findings: every parse-log root cause is in the registry and in `sipfo findings`, marked parse-log")
{
  const auto listed = lines_by_code(run_sipfo_findings());
  CHECK(listed == lines_by_code(cli::findings_listing()));
  for (const auto& rule : applog::root_cause_rules()) {
    const std::string code(rule.code());
    CAPTURE(code);
    const auto* kind = util::find_finding_kind(code);
    REQUIRE(kind != nullptr);
    CHECK(kind->id == applog::finding_code(rule.cause));
    REQUIRE(listed.count(code) == 1);
    CHECK(listed.at(code).find(" parse-log ") != std::string::npos);
    // The level the listing shows for parse-log is the one parse-log prints.
    const std::string level(util::severity_name(rule.severity()));
    CHECK((listed.at(code).find(" " + level + " ") != std::string::npos ||
           listed.at(code).find("(parse-log: " + level + ")") != std::string::npos));
  }
}

TEST_CASE("findings: the listing has one line per registry code, each with who reports it")
{
  const auto listing = cli::findings_listing();
  const auto listed = lines_by_code(listing);
  CHECK(listed.size() == util::finding_code_count);
  CHECK(std::count(listing.begin(), listing.end(), '\n') == static_cast<long>(util::finding_code_count));
  CHECK(listed.at("tls_unknown_ca").find(" probe ") != std::string::npos);
  CHECK(listed.at("tls_unknown_ca").find("resolve") == std::string::npos);
  CHECK(listed.at("name_missing").find(" resolve probe ") != std::string::npos);
  CHECK(listed.at("name_missing").find("parse-log") == std::string::npos);
  CHECK(listed.at("srv_target_no_address").find("resolve probe parse-log") != std::string::npos);
  CHECK(listed.at("srv_target_no_address").find("(parse-log: error)") != std::string::npos);
}

TEST_CASE("findings: every kind cites a document of sipfo(1) SOURCES, an RFC, or says it is sipfo's assumption")
{
  const std::regex rfc(R"(^RFC [0-9]{4}\b)");
  for (const auto& kind : util::finding_kinds()) {
    CAPTURE(kind.code);
    const std::string source(kind.source);
    bool cited = source.find("sipfo's assumption") != std::string::npos || std::regex_search(source, rfc);
    for (const auto& document : cli::source_documents()) {
      cited = cited || kind.source.find(document.cited_as) != std::string_view::npos;
    }
    CHECK(cited);
    CHECK(kind.reporters != 0);
    CHECK_FALSE(kind.summary.empty());
    CHECK_FALSE(kind.fix.empty());
  }
}

TEST_CASE("findings: explaining a code names parse-log's level and fix where they differ, and the related codes")
{
  const auto shared = cli::finding_explanation(util::finding_kind(util::FindingCode::srv_target_no_address));
  CHECK(shared.starts_with("srv_target_no_address (warning)\n"));
  CHECK(shared.find("reported by: resolve probe parse-log (parse-log: error)") != std::string::npos);
  CHECK(shared.find("what to do (parse-log): add A records for the SRV targets") != std::string::npos);
  CHECK(shared.find("source: Technical Bulletin CS-14-17") != std::string::npos);

  const auto log_only = cli::finding_explanation(util::finding_kind(util::FindingCode::dns_name_missing));
  CHECK(log_only.find("reported by: parse-log parse-pcap\n") != std::string::npos);
  CHECK(log_only.find("what to do (parse-log)") == std::string::npos); // one fix, the registry's
  CHECK(log_only.find("the same seen by another subcommand: name_missing (resolve probe)") != std::string::npos);

  const auto probe = cli::finding_explanation(util::finding_kind(util::FindingCode::register_rejected));
  CHECK(probe.find("auth_rejected (parse-log parse-pcap)") != std::string::npos);
  CHECK(probe.find("user_unknown (parse-log parse-pcap)") != std::string::npos);
}
