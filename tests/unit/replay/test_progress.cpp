// The fleet progress line (issue 13): on stderr, only when stderr is a terminal,
// only for runs over a second (SIPFO_REPLAY_PROGRESS_AFTER_MS moves the threshold
// for tests), and the line is cleared at the end. The terminal is script(1)'s pty.

#include "replay_cli_support.hpp"
#include "replay_test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

using namespace replay_test;

namespace {

// Runs `sipfo ARGS >/dev/null` with stdin/stdout/stderr on a pty; returns what the
// terminal saw (stderr only: stdout goes to /dev/null).
std::string on_a_terminal(const TempDir& dir, const std::string& environment, const std::string& args)
{
  const auto seen = dir.path / "terminal";
  const std::string inner = environment + " '" + std::string(SIPFO_BINARY) + "' " + args + " >/dev/null";
  const std::string command = "script -qec \"" + inner + "\" /dev/null >'" + seen.string() + "' 2>&1 </dev/null";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  return slurp(seen);
}

} // namespace

TEST_CASE("replay progress: a fleet run on a terminal shows phones done, then clears the line")
{
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    MESSAGE("script(1) is not installed: skipped");
    return;
  }
  const TempDir dir;
  const std::string args = "replay '" + fixture("fleet-84-failover.toml") + "' --fleet 5000";
  const auto seen = on_a_terminal(dir, "SIPFO_REPLAY_PROGRESS_AFTER_MS=0", args);
  CHECK(seen.find("\rsipfo: replay: 0 of 5000 phones (0 %)") != std::string::npos);
  CHECK(seen.ends_with("\r\x1b[K"));
  // The default threshold is a second: a 10-phone fleet finishes well before, silent.
  CHECK(on_a_terminal(dir, "", "replay '" + fixture("fleet-84-failover.toml") + "' --fleet 10").empty());
  // Not a terminal: nothing on stderr, whatever the threshold.
  const auto piped = run_sipfo(dir, "replay '" + fixture("fleet-84-failover.toml") + "' --fleet 5000");
  CHECK(piped.status == 1);
  CHECK(piped.err.empty());
  const std::string knob = "SIPFO_REPLAY_PROGRESS_AFTER_MS=0 '" + std::string(SIPFO_BINARY) + "' replay '" +
                           fixture("fleet-84-failover.toml") + "' --fleet 5000 >/dev/null 2>'" + (dir.path / "e").string() + "'";
  CHECK(std::system(knob.c_str()) != -1);
  CHECK(slurp(dir.path / "e").empty());
}
