// RFC 5626 4.5 registration backoff and the per-phone random stream (C5).

#include "sipfo/replay/backoff.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;

TEST_CASE("replay::backoff_window: RFC 5626 4.5 W = min(max, base * 2^n)")
{
  // handset-models 2.5 table, RFC defaults 30/1800: 60, 120, 240, 480, 960, 1800.
  const SimTime rfc[] = {60, 120, 240, 480, 960, 1800, 1800};
  for (int n = 1; n <= 7; ++n) CHECK(backoff_window(n, 30'000, 1'800'000) == rfc[n - 1] * 1000);
  // 84 Lync base profile 10/180 (S002 App. A): 20, 40, 80, 160, 180.
  const SimTime lync[] = {20, 40, 80, 160, 180, 180};
  for (int n = 1; n <= 6; ++n) CHECK(backoff_window(n, 10'000, 180'000) == lync[n - 1] * 1000);
  // Polycom UCS generic 60/60: always 60.
  for (int n = 1; n <= 5; ++n) CHECK(backoff_window(n, 60'000, 60'000) == 60'000);
  // The RFC's own example: base 30, 3 failures -> 240 s.
  CHECK(backoff_window(3, 30'000, 1'800'000) == 240'000);
}

TEST_CASE("replay::backoff_wait: uniform in [W/2, W], min and max are the ends")
{
  Prng prng(1, 0);
  CHECK(backoff_wait(60'000, Jitter::min, prng) == 30'000);
  CHECK(backoff_wait(60'000, Jitter::max, prng) == 60'000);
  for (int i = 0; i < 1000; ++i) {
    const auto wait = backoff_wait(60'000, Jitter::random, prng);
    CHECK(wait >= 30'000);
    CHECK(wait <= 60'000);
  }
}

TEST_CASE("replay::Prng: one stream per (seed, phone), independent of draw order elsewhere")
{
  Prng a(7, 42), b(7, 42), other_phone(7, 43), other_seed(8, 42);
  const auto first = a.next();
  CHECK(first == b.next());
  CHECK(first != other_phone.next());
  CHECK(first != other_seed.next());
  // Drawing from phone 43 does not move phone 42's stream.
  Prng c(7, 42);
  Prng d(7, 43);
  for (int i = 0; i < 10; ++i) d.next();
  CHECK(c.next() == first);
}

TEST_CASE("replay::retry_wait: Yealink fixed interval when min_time is 0 (Y-A2)")
{
  auto p = default_parameters(Model::yealink);
  Prng prng(1, 0);
  CHECK(p.retry_style == RetryStyle::fixed);
  CHECK(retry_wait(1, p, Jitter::max, prng) == 30'000); // reg_fail_retry_interval 30 s
  CHECK(retry_wait(4, p, Jitter::min, prng) == 30'000);
  p.backoff_base = 10'000; // reg_failed_retry_min_time 10
  finalize_parameters(Model::yealink, p);
  CHECK(retry_wait(2, p, Jitter::max, prng) == 40'000); // min(60, 10 * 2^2)
}
