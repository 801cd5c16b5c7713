// The one finding registry: every FindingCode has a kind, looked up the same
// way by enum and by its stable text, and no two kinds share a text.

#include "sipfo/handset/finding.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace sipfo;

TEST_CASE("handset::finding_kind: by enum and by stable text, one kind each")
{
  std::set<std::string> texts;
  for (const auto& kind : handset::finding_kinds()) {
    CAPTURE(kind.code);
    CHECK(texts.insert(std::string(kind.code)).second);
    CHECK(&handset::finding_kind(kind.id) == &kind);
    CHECK(&handset::finding_kind(kind.code) == &kind);
    CHECK(kind.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos);
  }
  CHECK(texts.size() == handset::finding_code_count);
}

TEST_CASE("handset::make_finding: the kind's text and severity")
{
  const auto finding = handset::make_finding(handset::FindingCode::name_missing, "x.test: NXDOMAIN", "x.test.");
  CHECK(finding.code == "name_missing");
  CHECK(finding.severity == handset::Severity::error);
  CHECK(finding.record == "x.test.");
  CHECK(handset::make_finding(handset::FindingCode::equal_priority_no_failback, "").severity == handset::Severity::info);
}

TEST_CASE("util::same_meaning: each pair links a parse-log code to a code resolve or probe reports, both ways")
{
  using sipfo::util::Reporter;
  std::size_t pairs = 0;
  for (const auto& kind : handset::finding_kinds()) {
    for (const auto other_code : sipfo::util::same_meaning(kind.id)) {
      const auto& other = handset::finding_kind(other_code);
      CAPTURE(kind.code);
      CAPTURE(other.code);
      CHECK(other.id != kind.id);
      // One side is what a log shows, the other what DNS or a SIP probe shows.
      CHECK(kind.reported_by(Reporter::parse_log) != other.reported_by(Reporter::parse_log));
      const auto back = sipfo::util::same_meaning(other_code);
      CHECK(std::find(back.begin(), back.end(), kind.id) != back.end());
      ++pairs;
    }
  }
  CHECK(pairs > 0);
  CHECK(pairs % 2 == 0); // every pair seen from both ends
  const auto of_name_missing = sipfo::util::same_meaning(handset::FindingCode::name_missing);
  REQUIRE(of_name_missing.size() == 1);
  CHECK(of_name_missing[0] == handset::FindingCode::dns_name_missing);
}
