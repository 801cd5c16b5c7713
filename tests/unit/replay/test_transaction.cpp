// RFC 3261 transaction timers and the vendors' retries-before-next-server rule
// (handset-models 2.1, 2.2), worked out against a fixed world.

#include "replay_test_support.hpp"

#include "sipfo/replay/transaction.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;
using namespace replay_test;

namespace {

World two_servers(ServerMode second_mode, SimTime from = 0)
{
  World world;
  world.servers.resize(2);
  world.modes = {{{0, ServerMode{}}}, {{0, ServerMode{}}}};
  world.modes[1].emplace_back(from, second_mode);
  if (from == 0) world.modes[1].erase(world.modes[1].begin());
  world.epochs.resize(1);
  world.duration = 10 * hour;
  return world;
}

TransactionRules udp_register(int retries, bool last)
{
  TransactionRules rules;
  rules.retries = retries;
  rules.last_in_list = last;
  rules.timer_f = timer_f_default;
  return rules;
}

} // namespace

TEST_CASE("replay::send_offset: Timer E doubles from T1 up to T2 (RFC 3261 17.1.2.2)")
{
  const auto rules = udp_register(-1, true);
  // 0, T1, T1+2T1, ..., then T2 = 4 s steps: 0, 0.5, 1.5, 3.5, 7.5, 11.5, ..., 31.5.
  const SimTime expected[] = {0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500};
  for (int k = 0; k < 11; ++k) CHECK(send_offset(k, rules) == expected[k]);
  CHECK(send_offset(11, rules) == 35500); // past Timer F: never sent
}

TEST_CASE("replay::send_offset: INVITE Timer A doubles without a cap")
{
  auto rules = udp_register(-1, true);
  rules.method = Method::invite;
  // T1 * (2^k - 1): 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
  const SimTime expected[] = {0, 500, 1500, 3500, 7500, 15500, 31500};
  for (int k = 0; k < 7; ++k) CHECK(send_offset(k, rules) == expected[k]);
}

TEST_CASE("replay::give_up_offset: R1 table, n retries -> dead when send n+1 would be due")
{
  // handset-models 2.2 R1: 0->0.5, 1->1.5, 2->3.5, 3->7.5, 4->11.5, ..., 9->31.5, >=10 -> 32.0 (Timer F).
  const SimTime expected[] = {500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500, 32000, 32000};
  for (int n = 0; n < 12; ++n) CHECK(give_up_offset(udp_register(n, false)) == expected[n]);
  CHECK(give_up_offset(udp_register(3, true)) == timer_f_default);   // the last server waits for Timer F
  CHECK(give_up_offset(udp_register(-1, false)) == timer_f_default); // no vendor count (rfc3263)
  auto tcp = udp_register(3, false);
  tcp.transport = sipfo::handset::Transport::tcp;
  CHECK(give_up_offset(tcp) == timer_f_default); // R2: retry counts do not apply over TCP
}

TEST_CASE("replay::give_up_offset: 84 retryTimeOut R paces (n+1)*R")
{
  auto rules = udp_register(3, false);
  rules.retry_interval = 2000; // retryTimeOut 2000 ms
  CHECK(send_offset(2, rules) == 4000);
  CHECK(give_up_offset(rules) == 4 * 2000);
}

TEST_CASE("replay::run_transaction: blackhole, refused, reply and up")
{
  SUBCASE("blackhole, not last: 4 sends, dead at 7.5 s")
  {
    const auto world = two_servers(ServerMode{ServerMode::Kind::blackhole});
    const auto out = run_transaction(world, 1, 10 * s, udp_register(3, false));
    CHECK(out.how == TransactionOutcome::End::timeout);
    CHECK(out.code == 408);
    CHECK(out.sends == 4);
    CHECK(out.end == 10 * s + r1_three_retries);
  }
  SUBCASE("blackhole, last server: 11 sends, Timer F")
  {
    const auto world = two_servers(ServerMode{ServerMode::Kind::blackhole});
    const auto out = run_transaction(world, 1, 0, udp_register(3, true));
    CHECK(out.sends == 11);
    CHECK(out.end == timer_f_default);
  }
  SUBCASE("refused: a local 503 at once")
  {
    const auto world = two_servers(ServerMode{ServerMode::Kind::refused});
    const auto out = run_transaction(world, 1, 5 * s, udp_register(3, false));
    CHECK(out.how == TransactionOutcome::End::refused);
    CHECK(out.code == 503);
    CHECK(out.end == 5 * s);
    CHECK(out.sends == 1);
  }
  SUBCASE("reply=503 with Retry-After, for REGISTER only")
  {
    ServerMode mode{ServerMode::Kind::reply, 503, 30 * s, 1u << static_cast<unsigned>(Method::register_)};
    const auto world = two_servers(mode);
    const auto out = run_transaction(world, 1, 0, udp_register(3, false));
    CHECK(out.how == TransactionOutcome::End::answered);
    CHECK(out.code == 503);
    CHECK(out.retry_after == 30 * s);
    auto options = udp_register(3, false);
    options.method = Method::options;
    CHECK(run_transaction(world, 1, 0, options).code == 200); // other methods are answered 200
  }
  SUBCASE("TCP blackhole: one send, Timer F")
  {
    const auto world = two_servers(ServerMode{ServerMode::Kind::blackhole});
    auto rules = udp_register(3, false);
    rules.transport = sipfo::handset::Transport::tcp;
    const auto out = run_transaction(world, 1, 0, rules);
    CHECK(out.sends == 1);
    CHECK(out.end == timer_f_default);
  }
  SUBCASE("rtt: retransmissions due before the answer are sent too")
  {
    const auto world = two_servers(ServerMode{});
    auto rules = udp_register(3, false);
    rules.rtt = 600; // answer to the send at 0 arrives at 0.6 s, after the retransmission at 0.5 s
    const auto out = run_transaction(world, 1, 0, rules);
    CHECK(out.end == 600);
    CHECK(out.sends == 2);
  }
}

TEST_CASE("replay::run_transaction: T-A1, a server back mid-transaction")
{
  // p2 blackholed until 2 s, then up. The transaction starts at 0.
  World world = two_servers(ServerMode{ServerMode::Kind::blackhole});
  world.modes[1].emplace_back(2 * s, ServerMode{});
  auto rules = udp_register(3, false);
  SUBCASE("start (default): the world at the first send decides")
  {
    const auto out = run_transaction(world, 1, 0, rules);
    CHECK(out.how == TransactionOutcome::End::timeout);
    CHECK(out.end == r1_three_retries);
  }
  SUBCASE("each_send: the retransmission at 3.5 s is answered")
  {
    rules.sampling = Sampling::each_send;
    const auto out = run_transaction(world, 1, 0, rules);
    CHECK(out.how == TransactionOutcome::End::answered);
    CHECK(out.end == 3500);
    CHECK(out.sends == 4);
  }
}
