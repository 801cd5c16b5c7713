// probe::make_report for targets that were not probed to the end (design §4:
// every requested target counts, as unknown).

#include "sipfo/probe/report.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sipfo::probe;

namespace {

TargetResult answered(int rank, int code)
{
  TargetResult result;
  result.target.endpoint = {"10.0.0." + std::to_string(rank), 5060, sipfo::sip::Transport::udp};
  result.target.rank = rank;
  Exchange options;
  options.code = code;
  result.options = options;
  return result;
}

} // namespace

TEST_CASE("probe::make_report: a target with no address or cut short is unknown, whatever it had found")
{
  TargetResult unresolved;
  unresolved.target.rank = 3;
  unresolved.not_probed = NotProbed::no_address;
  TargetResult cut = answered(4, 200); // OPTIONS answered, REGISTER cut short
  cut.not_probed = NotProbed::interrupted;
  const auto report = make_report({answered(1, 200), answered(2, 503), unresolved, cut}, RegisterCheck::off);
  CHECK(report.candidates[2].status == Status::unknown);
  CHECK(report.candidates[3].status == Status::unknown);
  REQUIRE(report.active.has_value());
  CHECK(*report.active == 0);
  CHECK(report.exit_status == sipfo::util::ExitStatus::warning);
}

TEST_CASE("probe::make_report: no active server while a more preferred target was cut short")
{
  TargetResult cut = answered(1, 200);
  cut.not_probed = NotProbed::interrupted;
  const auto report = make_report({cut, answered(2, 200)}, RegisterCheck::off);
  CHECK_FALSE(report.active.has_value());
  const auto later = make_report({answered(1, 200), cut}, RegisterCheck::off);
  REQUIRE(later.active.has_value()); // a less preferred one cut short changes nothing
  CHECK(*later.active == 0);
}
