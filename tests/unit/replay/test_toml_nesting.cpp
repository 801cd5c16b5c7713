// Issue 16: toml++ 3.3.0 recurses once per dotted-key segment, table-header
// segment, array and inline table; a 50,000-segment key overflows the stack. The
// scenario reader refuses anything nested deeper than max_toml_nesting (64)
// before toml++ sees it, with FILE:LINE (sipfo-replay(1), LIMITS).

#include "replay_cli_support.hpp"
#include "replay_test_support.hpp"

#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

using namespace sipfo::replay;

namespace {

std::string error_of(const std::string& toml)
{
  try {
    parse_scenario(toml, "s.toml");
  } catch (const sipfo::util::InputError& error) {
    return sipfo::util::format_input_error(error);
  }
  return "no error";
}

std::string repeat(const std::string& part, int times, const std::string& separator = "")
{
  std::string out;
  for (int i = 0; i < times; ++i) out += (i ? separator : "") + part;
  return out;
}

const std::string too_deep = "keys, tables and arrays nest deeper than 64 levels";

bool refused_at(const std::string& error, int line)
{
  return error.starts_with("s.toml:" + std::to_string(line) + ": " + too_deep);
}

} // namespace

TEST_CASE("replay scenario nesting: a 50000-segment dotted key is refused with FILE:LINE")
{
  const auto error = error_of("# a comment\nprofile = \"pivot\"\n" + repeat("a", 50'000, ".") + " = 1\n");
  CHECK(refused_at(error, 3));
}

TEST_CASE("replay scenario nesting: every construct toml++ recurses on is bounded")
{
  const int n = 50'000;
  // [a.a...] and [[a.a...]] headers.
  CHECK(refused_at(error_of("[" + repeat("a", n, ".") + "]\n"), 1));
  CHECK(refused_at(error_of("\n[[" + repeat("a", n, ".") + "]]\n"), 2));
  // x = [[[[...]]]] and x = {a={a={...}}}.
  CHECK(refused_at(error_of("x = " + repeat("[", n) + repeat("]", n) + "\n"), 1));
  CHECK(refused_at(error_of("x = " + repeat("{a=", n) + "1" + repeat("}", n) + "\n"), 1));
  // Dotted keys inside an inline table, and arrays of inline tables.
  CHECK(refused_at(error_of("x = {" + repeat("a", n, ".") + " = 1}\n"), 1));
  CHECK(refused_at(error_of("x = " + repeat("[{a=", n) + "1" + repeat("}]", n) + "\n"), 1));
  // An array that spans lines is refused on the line that crosses the limit: the
  // key is level 1, the k-th '[' level k + 1, so the 64th '[' (line 64) is level 65.
  CHECK(refused_at(error_of("x = [\n" + repeat("[\n", 100) + repeat("]\n", 101)), 64));
}

TEST_CASE("replay scenario nesting: the limit is 64 levels, key segments and header segments together")
{
  // 64 segments is within the limit: toml++ parses it and the reader names the key.
  CHECK(error_of(repeat("a", 64, ".") + " = 1\n").find("unknown key") != std::string::npos);
  CHECK(refused_at(error_of(repeat("a", 65, ".") + " = 1\n"), 1));
  // A [table] header's segments are the base of the keys under it: 40 + 30 > 64.
  CHECK(error_of("[" + repeat("h", 40, ".") + "]\n").find(too_deep) == std::string::npos);
  CHECK(refused_at(error_of("[" + repeat("h", 40, ".") + "]\n" + repeat("k", 30, ".") + " = 1\n"), 2));
  // The next header starts again from its own depth.
  CHECK(error_of("[" + repeat("h", 40, ".") + "]\n[phone]\n" + repeat("k", 30, ".") + " = 1\n").find(too_deep) ==
        std::string::npos);
}

TEST_CASE("replay scenario nesting: dots and brackets in strings, quoted keys and comments do not count")
{
  const auto deep = repeat("[{.", 1000);
  CHECK(error_of("profile = \"" + deep + "\"\n").find("unknown profile") != std::string::npos);
  CHECK(error_of("profile = '" + deep + "'\n").find("unknown profile") != std::string::npos);
  CHECK(error_of("profile = \"\"\"\n" + deep + "\n\"\"\"\n").find("unknown profile") != std::string::npos);
  CHECK(error_of("profile = \"\\\"" + deep + "\"\n").find("unknown profile") != std::string::npos);
  CHECK(error_of("\"" + repeat("a", 1000, ".") + "\" = 1\n").find("unknown key") != std::string::npos);
  CHECK(error_of("# " + deep + "\nprofile = \"nope\"\n").find("s.toml:2: profile: unknown profile") !=
        std::string::npos);
}

TEST_CASE("sipfo replay: an over-deep scenario exits 3 with one FILE:LINE line, no crash")
{
  replay_test::TempDir dir;
  // Generated at test time: no huge file in the tree.
  const auto file = dir.write("deep.toml", "profile = \"pivot\"\n" + repeat("k", 50'000, ".") + " = 1\n");
  const auto run = replay_test::run_sipfo(dir, "replay '" + file + "'");
  CHECK(run.status == 3);
  CHECK(run.err == "sipfo: " + file + ":2: " + too_deep + " (a scenario nests a few levels; see sipfo-replay(1), SCENARIO)\n");
  CHECK(run.out.empty());
}
