// `sipfo resolve`'s exit status from its resolution (design §2).

#include "sipfo/check/resolve_status.hpp"

#include <doctest/doctest.h>

using namespace sipfo;

namespace {

handset::Resolution with_one_candidate()
{
  handset::Resolution r;
  handset::Candidate c;
  c.address = "10.0.0.1";
  r.candidates.push_back(c);
  return r;
}

handset::Finding finding_of(handset::Severity severity)
{
  return handset::Finding{"some_code", severity, "what is wrong", ""};
}

} // namespace

TEST_CASE("check::resolve_status: a candidate and no finding is OK")
{
  CHECK(check::resolve_status(with_one_candidate()) == util::ExitStatus::ok);
}

TEST_CASE("check::resolve_status: info findings leave it OK, a warning or an error makes it WARNING")
{
  auto r = with_one_candidate();
  r.findings.push_back(finding_of(handset::Severity::info));
  CHECK(check::resolve_status(r) == util::ExitStatus::ok);
  r.findings.push_back(finding_of(handset::Severity::warning));
  CHECK(check::resolve_status(r) == util::ExitStatus::warning);
  auto e = with_one_candidate();
  e.findings.push_back(finding_of(handset::Severity::error));
  CHECK(check::resolve_status(e) == util::ExitStatus::warning);
}

TEST_CASE("check::resolve_status: no candidate is CRITICAL, whatever the findings")
{
  handset::Resolution none;
  CHECK(check::resolve_status(none) == util::ExitStatus::critical);
  none.findings.push_back(finding_of(handset::Severity::info));
  CHECK(check::resolve_status(none) == util::ExitStatus::critical);
  none.findings.push_back(finding_of(handset::Severity::error));
  CHECK(check::resolve_status(none) == util::ExitStatus::critical);
}
