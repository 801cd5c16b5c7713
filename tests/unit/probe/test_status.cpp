#include "sipfo/probe/active_server.hpp"
#include "sipfo/probe/status.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace sipfo::probe;
using sipfo::util::ExitStatus;

namespace {

Exchange from_server(int code)
{
  Exchange e;
  e.code = code;
  return e;
}

} // namespace

TEST_CASE("probe::options_status: CS-18-09 'Up' is any final response below 500")
{
  CHECK(options_status(from_server(200)) == Status::up);
  CHECK(options_status(from_server(404)) == Status::up); // answers SIP, just not OPTIONS
  CHECK(options_status(from_server(499)) == Status::up);
  CHECK(options_status(std::nullopt) == Status::unknown);
}

TEST_CASE("probe::options_status: CS-18-09 'Down' is 408 or sipfo's own 503, a server 5xx too")
{
  CHECK(options_status(timeout_exchange(std::chrono::milliseconds(32000), 11)) == Status::down);
  CHECK(options_status(transport_failure_exchange("connection refused", {})) == Status::down);
  Exchange remote_503 = from_server(503);
  remote_503.retry_after = std::chrono::seconds(120);
  CHECK(options_status(remote_503) == Status::down);
  CHECK(remote_503.origin == Origin::server);
  CHECK(options_status(from_server(408)) == Status::down);
  CHECK(options_status(from_server(500)) == Status::down);
  CHECK(options_status(from_server(603)) == Status::down);
}

TEST_CASE("probe::candidate_status: CS-18-09 'Failed' on REGISTER 404, 401 or 403")
{
  const Exchange ok = from_server(200);
  CHECK(candidate_status(ok, from_server(404)) == Status::failed);
  CHECK(candidate_status(ok, from_server(401)) == Status::failed);
  CHECK(candidate_status(ok, from_server(403)) == Status::failed);
  CHECK(candidate_status(ok, from_server(407)) == Status::failed);
  CHECK(candidate_status(ok, from_server(200)) == Status::up);
  CHECK(candidate_status(ok, std::nullopt) == Status::up);
  // A REGISTER that timed out does not make an answering server "failed".
  CHECK(candidate_status(ok, timeout_exchange(std::chrono::milliseconds(32000), 11)) == Status::up);
  CHECK(candidate_status(std::nullopt, std::nullopt) == Status::unknown);
  CHECK(candidate_status(std::nullopt, from_server(200)) == Status::up);
  CHECK(candidate_status(transport_failure_exchange("connection refused", {}), transport_failure_exchange("connection refused", {})) == Status::down);
}

TEST_CASE("probe::choose_active: most preferred up candidate without --user (CS-18-09 '*')")
{
  const std::vector<Standing> list{{1, 1, Status::down, false}, {2, 5, Status::up, false}, {2, 1, Status::up, false}};
  auto active = choose_active(list, RegisterCheck::off);
  REQUIRE(active);
  CHECK(*active == 2); // P2:1 is preferred over P2:5
  CHECK(probe_exit_status(list, active) == ExitStatus::warning);
}

TEST_CASE("probe::choose_active: with --user only a candidate that registered")
{
  const std::vector<Standing> list{{1, 1, Status::up, false}, {2, 1, Status::up, true}};
  auto active = choose_active(list, RegisterCheck::on);
  REQUIRE(active);
  CHECK(*active == 1);
  CHECK(probe_exit_status(list, active) == ExitStatus::ok);
}

TEST_CASE("probe::choose_active: ties keep list order, nothing eligible is critical")
{
  const std::vector<Standing> tie{{1, 1, Status::up, false}, {1, 1, Status::up, false}};
  CHECK(choose_active(tie, RegisterCheck::off) == 0u);
  const std::vector<Standing> none{{1, 1, Status::failed, true}, {2, 1, Status::down, false}};
  CHECK_FALSE(choose_active(none, RegisterCheck::on));
  CHECK(probe_exit_status(none, std::nullopt) == ExitStatus::critical);
  CHECK(probe_exit_status({}, std::nullopt) == ExitStatus::critical);
}
