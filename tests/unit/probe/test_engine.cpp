// The engine's hooks: results as they arrive, a progress tick, a stop request
// (Ctrl-C), and targets without an address (design §4: every target counts).
// Connections are fakes over an eventfd that never becomes readable, so no
// packet is sent and the engine only ever waits.

#include "sipfo/probe/engine.hpp"

#include <doctest/doctest.h>

#include <sys/eventfd.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

using namespace sipfo::probe;
using namespace sipfo::sip;

namespace {

// A server that never answers: the requests go nowhere, nothing comes back.
class SilentConnection final : public Connection {
public:
  explicit SilentConnection(std::vector<std::string>& sent) : sent_(sent), fd_(::eventfd(0, EFD_NONBLOCK)) {}
  ~SilentConnection() override { ::close(fd_); }
  int fd() const noexcept override { return fd_; }
  short wanted_events() const noexcept override { return 1; }
  void send(std::string_view message) override { sent_.emplace_back(message); }
  void on_ready(short, std::vector<std::string>&) override {}
  const std::optional<std::string>& failure() const noexcept override { return failure_; }
  LocalAddress local_address() const override { return {"127.0.0.1", 40000}; }

private:
  std::vector<std::string>& sent_;
  int fd_;
  std::optional<std::string> failure_;
};

Target target(std::string address, int rank)
{
  Target t;
  t.endpoint = {std::move(address), 5060, Transport::udp};
  t.rank = rank;
  t.server_name = "name.test";
  return t;
}

} // namespace

TEST_CASE("probe::run_probes: a target without an address is reported, not probed")
{
  const std::vector<Target> targets{target("", 1), target("", 2)};
  std::vector<std::string> sent;
  const ConnectionFactory factory = [&sent](const Target&) { return std::make_unique<SilentConnection>(sent); };
  std::vector<std::size_t> arrived;
  EngineHooks hooks;
  hooks.on_result = [&arrived](std::size_t index, const TargetResult& result) {
    CHECK(result.not_probed == NotProbed::no_address);
    arrived.push_back(index);
  };
  SteadyClock clock;
  const auto results = run_probes(targets, ProbeSettings{}, EngineSettings{}, clock, factory, hooks);
  REQUIRE(results.size() == 2);
  CHECK(results[1].target.rank == 2);
  CHECK_FALSE(results[0].options.has_value());
  CHECK(arrived == std::vector<std::size_t>{0, 1});
  CHECK(sent.empty());
}

TEST_CASE("probe::run_probes: a stop request ends the run at once, the rest marked interrupted")
{
  // Timer F of an hour: only the stop can end this run.
  ProbeSettings settings;
  settings.timers.timer_f = std::chrono::hours(1);
  EngineSettings engine;
  engine.rate = 1; // the second target would start a second later: it never starts
  const std::vector<Target> targets{target("127.0.0.9", 1), target("127.0.0.10", 2), target("", 3)};
  std::vector<std::string> sent;
  const ConnectionFactory factory = [&sent](const Target&) { return std::make_unique<SilentConnection>(sent); };
  std::vector<EngineProgress> ticks;
  EngineHooks hooks;
  hooks.tick = std::chrono::milliseconds(1);
  hooks.on_tick = [&ticks](const EngineProgress& progress) {
    ticks.push_back(progress);
    return ticks.size() >= 2;
  };
  SteadyClock clock;
  const auto started = clock.now();
  const auto results = run_probes(targets, settings, engine, clock, factory, hooks);
  CHECK(clock.now() - started < std::chrono::minutes(1));
  REQUIRE(results.size() == 3);
  CHECK(results[0].not_probed == NotProbed::interrupted);
  CHECK(results[0].target.rank == 1);
  CHECK(results[1].not_probed == NotProbed::interrupted);
  CHECK(results[1].target.endpoint.address == "127.0.0.10");
  CHECK(results[2].not_probed == NotProbed::no_address);
  CHECK(sent.size() == 1); // the first target's OPTIONS, nothing more
  REQUIRE(ticks.size() == 2);
  CHECK(ticks[0].total == 3);
  CHECK(ticks[0].finished == 0);
  CHECK(ticks[0].waiting == 1);
  REQUIRE(ticks[0].gives_up_by.has_value());
  CHECK(*ticks[0].gives_up_by - started >= std::chrono::minutes(59));
}

TEST_CASE("probe::run_probes: the trace sink sees each request as sent, with both ends")
{
  ProbeSettings settings;
  settings.timers.timer_f = std::chrono::milliseconds(1);
  std::vector<TracedMessage> traced;
  std::vector<std::string> texts;
  settings.trace = [&](const TracedMessage& message) {
    traced.push_back(message);
    texts.emplace_back(message.text);
  };
  settings.user_agent = "Test-Phone/1.0";
  settings.from_uri = "sip:acl@lab.test";
  const std::vector<Target> targets{target("127.0.0.9", 1)};
  std::vector<std::string> sent;
  const ConnectionFactory factory = [&sent](const Target&) { return std::make_unique<SilentConnection>(sent); };
  SteadyClock clock;
  const auto results = run_probes(targets, settings, EngineSettings{}, clock, factory, EngineHooks{});
  REQUIRE(results[0].options.has_value());
  CHECK(results[0].options->code == 408);
  REQUIRE(!traced.empty());
  CHECK(traced.size() == sent.size());
  CHECK(traced[0].direction == Direction::sent);
  CHECK(traced[0].remote.address == "127.0.0.9");
  CHECK(traced[0].local.host == "127.0.0.1");
  CHECK(texts[0] == sent[0]);
  CHECK(sent[0].find("\r\nUser-Agent: Test-Phone/1.0\r\n") != std::string::npos);
  CHECK(sent[0].find("\r\nFrom: <sip:acl@lab.test>;tag=") != std::string::npos);
}
