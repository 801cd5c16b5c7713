// The replay rules parse-pcap's model check shares with the simulator
// (replay::renewal_delay, replay::retry_wait_range), hand-derived from
// handset-models 2.5 and 2.6.
#include "sipfo/replay/backoff.hpp"
#include "sipfo/replay/parameters.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;

TEST_CASE("replay::renewal_delay: granted - overlap, granted / 2 when the overlap is not shorter, PIVOT 5 min")
{
  const auto p84 = default_parameters(Model::spectralink84);
  CHECK(renewal_delay(Model::spectralink84, p84, 3'600'000) == 3'540'000);
  CHECK(renewal_delay(Model::spectralink84, p84, 60'000) == 30'000);  // overlap 60 s is not shorter
  CHECK(renewal_delay(Model::spectralink84, p84, 100'000) == 40'000);
  const auto pivot = default_parameters(Model::pivot);
  CHECK(renewal_delay(Model::pivot, pivot, 3'600'000) == 300'000); // min(300 s, 1800 s)
  CHECK(renewal_delay(Model::pivot, pivot, 120'000) == 60'000);    // min(300 s, 60 s)
  CHECK(renewal_delay(Model::pivot, pivot, 1'000) == 1'000);       // at least 1 s
}

TEST_CASE("replay::retry_wait_range: RFC 5626 [W/2, W], Yealink's fixed interval")
{
  const auto rfc = default_parameters(Model::rfc3263); // 30 s / 1800 s
  CHECK(retry_wait_range(1, rfc).shortest == 30'000);
  CHECK(retry_wait_range(1, rfc).longest == 60'000);
  CHECK(retry_wait_range(3, rfc).shortest == 120'000);
  CHECK(retry_wait_range(3, rfc).longest == 240'000); // the RFC's own example: W = 240 s
  const auto yealink = default_parameters(Model::yealink); // reg_fail_retry_interval 30 s
  CHECK(retry_wait_range(4, yealink).shortest == 30'000);
  CHECK(retry_wait_range(4, yealink).longest == 30'000);
}
