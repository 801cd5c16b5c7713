#include "sipfo/applog/root_cause.hpp"

#include "sipfo/util/finding.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>

using namespace sipfo::applog;

namespace {

// The first column of the ROOT CAUSES table (between .TS and .TE, after the "_" rule).
std::set<std::string> man_page_codes()
{
  std::ifstream in(std::string(SIPFO_SOURCE_DIR) + "/man/sipfo-parse-log.1");
  std::set<std::string> codes;
  std::string line;
  bool in_table = false;
  bool past_header = false;
  bool in_text_block = false; // a T{ ... T} cell (the wrapped evidence column)
  while (std::getline(in, line)) {
    if (in_text_block) {
      in_text_block = line != "T}";
      continue;
    }
    if (line.ends_with("T{")) in_text_block = true;
    if (line == ".TS") in_table = true;
    else if (line == ".TE") in_table = past_header = false;
    else if (in_table && line == "_") past_header = true;
    else if (in_table && past_header) codes.insert(line.substr(0, line.find('\t')));
  }
  return codes;
}

} // namespace

TEST_CASE("applog::root_cause_rules: every cause has one rule with a unique snake_case code")
{
  std::set<std::string> codes;
  for (const RootCauseRule& rule : root_cause_rules()) {
    CAPTURE(rule.code());
    CHECK(&rule_of(rule.cause) == &rule);
    CHECK(codes.insert(std::string(rule.code())).second);
    CHECK(rule.code().find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos);
    CHECK_FALSE(rule.evidence.empty());
    CHECK_FALSE(rule.kind().summary.empty());
    CHECK_FALSE(rule.fix().empty());
  }
  CHECK(codes.size() == static_cast<std::size_t>(RootCause::log_incomplete) + 1);
}

TEST_CASE("applog::root_cause_rules: the causes issue 4 requires are all there")
{
  std::set<std::string> codes;
  for (const RootCauseRule& rule : root_cause_rules()) codes.insert(std::string(rule.code()));
  for (const char* required :
       {"registered_ok", "dns_name_missing", "naptr_replacement_broken", "srv_target_no_address",
        "explicit_port_skips_srv", "transport_mismatch", "dns_unreachable", "negative_cache_stale", "auth_rejected",
        "user_unknown", "server_timeout_failover", "insufficient_logging", "log_incomplete"}) {
    CHECK(codes.count(required) == 1);
  }
}

TEST_CASE("applog::root_cause_rules: the man page lists exactly the codes of the table")
{
  std::set<std::string> table;
  for (const RootCauseRule& rule : root_cause_rules()) table.insert(std::string(rule.code()));
  CHECK(man_page_codes() == table);
}

TEST_CASE("applog::root_cause_rules: insufficient_logging names the settings to turn on (CS-14-17)")
{
  const std::string fix(rule_of(RootCause::insufficient_logging).fix());
  CHECK(fix.find("log.level.change.dns=\"1\"") != std::string::npos);
  CHECK(fix.find("log.render.level=\"0\"") != std::string::npos);
}

TEST_CASE("applog::finding_code: every cause is a registry code that parse-log reports, at its rule's level")
{
  std::set<sipfo::util::FindingCode> mapped;
  for (const RootCauseRule& rule : root_cause_rules()) {
    const auto& kind = sipfo::util::finding_kind(finding_code(rule.cause));
    CAPTURE(kind.code);
    CHECK(mapped.insert(kind.id).second); // no two causes share a code
    CHECK(kind.reported_by(sipfo::util::Reporter::parse_log));
    CHECK(&sipfo::util::finding_kind(kind.code) == &kind);
  }
  // And the other way: every code the registry says parse-log reports is a cause.
  std::size_t parse_log_codes = 0;
  for (const auto& kind : sipfo::util::finding_kinds()) parse_log_codes += kind.reported_by(sipfo::util::Reporter::parse_log);
  CHECK(parse_log_codes == mapped.size());
}

TEST_CASE("applog::rule_of: a code resolve reports too keeps parse-log's level and wording of the fix")
{
  // resolve: one SRV target without an address is a warning; in a log, every
  // target without one is why the registration failed.
  const RootCauseRule& rule = rule_of(RootCause::srv_target_no_address);
  CHECK(rule.severity() == Severity::error);
  CHECK(rule.kind().severity == Severity::warning);
  CHECK(rule.fix() == "add A records for the SRV targets");
  CHECK(rule.fix() != rule.kind().fix);
  CHECK(rule_of(RootCause::auth_rejected).fix() == rule_of(RootCause::auth_rejected).kind().fix);
}
