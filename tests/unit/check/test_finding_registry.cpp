// The one finding registry: every FindingCode has a kind, looked up the same
// way by enum and by its stable text, and no two kinds share a text.

#include "sipfo/handset/finding.hpp"

#include <doctest/doctest.h>

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
