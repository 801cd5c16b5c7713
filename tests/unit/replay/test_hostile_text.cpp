// Issue 16: scenario text that is not safe to print. Control characters (ESC,
// BEL, C1 CSI) never reach the terminal raw, and bytes that are not UTF-8 do not
// break --json (nlohmann's type_error.316): they become U+FFFD.

#include "replay_cli_support.hpp"
#include "replay_test_support.hpp"

#include "sipfo/render/replay_report.hpp"
#include "sipfo/replay/fleet.hpp"
#include "sipfo/replay/shown.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace sipfo::replay;

namespace {

bool has_control(const std::string& text)
{
  // Newlines and the table's own layout are fine; ESC, BEL and friends are not.
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\n') || byte == 0x7f;
  });
}

std::string error_of(const std::string& toml)
{
  try {
    parse_scenario(toml, "s.toml");
  } catch (const sipfo::util::InputError& error) {
    return sipfo::util::format_input_error(error);
  }
  return "no error";
}

const std::string hostile_servers = "[[server]]\nname = \"p1\\u001b]0;owned\\u0007\\u001b[2J\"\naddress = \"10.0.0.1\"\n"
                                    "[[server]]\nname = \"p2\\u009b31m\"\naddress = \"10.0.0.2\"\n"
                                    "[[event]]\nat = \"5m\"\ndo = \"server.down\"\nserver = \"p1\\u001b]0;owned\\u0007\\u001b[2J\"\n";

} // namespace

TEST_CASE("replay::shown: control characters, C1, bidi overrides and non-UTF-8 bytes are escaped, UTF-8 text stays")
{
  CHECK(shown("p1\x1b[2J\a") == "p1\\x1b[2J\\x07");
  CHECK(shown("\x7f") == "\\x7f");
  CHECK(shown("a\xc2\x9b" "31m") == "a\\u{009b}31m"); // U+009B CSI
  CHECK(shown("a\xe2\x80\xae" "b") == "a\\u{202e}b"); // RIGHT-TO-LEFT OVERRIDE
  CHECK(shown("a\tb\nc\r") == "a\\tb\\nc\\r");
  CHECK(shown("\xff\xfe") == "\\xff\\xfe");
  CHECK(shown("\xe2\x82") == "\\xe2\\x82");             // cut short
  CHECK(shown("caf\xc3\xa9 \xe2\x82\xac") == "caf\xc3\xa9 \xe2\x82\xac");
  CHECK(shown(std::string(100, 'x'), 80) == std::string(80, 'x') + "...");
}

TEST_CASE("replay text: server names with ESC, BEL and CSI are printed escaped")
{
  const auto run = replay_test::run_text(hostile_servers);
  sipfo::render::ReplayReport report;
  report.scenario = &run.scenario;
  report.world = &run.world;
  report.phone = run.phone;
  const auto text = sipfo::render::replay_text(report, false);
  CHECK_FALSE(has_control(text));
  CHECK(text.find("p1\\x1b]0;owned\\x07\\x1b[2J") != std::string::npos);
  CHECK(text.find("p2\\u{009b}31m") != std::string::npos);
  CHECK(text.find("\xc2\x9b") == std::string::npos);
  // A fleet's charts and tables too.
  report.phone.reset();
  report.fleet = simulate_fleet(run.scenario, run.world, 3);
  const auto fleet = sipfo::render::replay_text(report, false);
  CHECK_FALSE(has_control(fleet));
  CHECK(fleet.find("p1\\x1b]0;owned") != std::string::npos);
}

TEST_CASE("replay scenario errors: keys and values are printed escaped")
{
  CHECK_FALSE(has_control(error_of("\"k\\u001b[31m\" = 1\n")));
  CHECK(error_of("\"k\\u001b[31m\" = 1\n").find("k\\x1b[31m: unknown key") != std::string::npos);
  CHECK_FALSE(has_control(error_of("profile = \"x\\u0007\"\n")));
  CHECK_FALSE(has_control(error_of(hostile_servers + "[[event]]\nat = 1\ndo = \"server.down\"\nserver = \"\\u001bq\"\n")));
  CHECK_FALSE(has_control(error_of("profile = \"pivot\"\n[phone]\n\"a\\u001b\" = 1\n")));
  CHECK_FALSE(has_control(error_of("[fleet]\nboot_order = \"\\u001b[2J\"\n")));
  // toml++'s own message quotes what it met.
  CHECK_FALSE(has_control(error_of("x = \x1b\n")));
}

TEST_CASE("sipfo replay --json: bytes that are not UTF-8 in a file name or a value become U+FFFD")
{
  replay_test::TempDir dir;
  // TOML strings must be UTF-8, so the bad byte rides in the file name; the
  // server name carries a control character, which JSON escapes.
  const auto file = dir.write("s\xff.toml", "[[server]]\nname = \"p\\u001b1\"\naddress = \"10.0.0.1\"\n");
  for (const auto* mode : {"--json", "--json-lines", "--json --fleet 2"}) {
    CAPTURE(mode);
    const auto run = replay_test::run_sipfo(dir, "replay '" + file + "' " + mode);
    CHECK(run.status == 0);
    CHECK(run.err.empty());
    CHECK(run.out.find("s\xef\xbf\xbd.toml") != std::string::npos);
    CHECK(run.out.find("p\\u001b1") != std::string::npos);
    const auto last = run.out.substr(run.out.rfind('\n', run.out.size() - 2) + 1);
    CHECK(nlohmann::json::accept(std::string(mode) == "--json-lines" ? last : run.out));
  }
  // The text output of the same file escapes the name.
  const auto text = replay_test::run_sipfo(dir, "replay '" + file + "'");
  CHECK(text.status == 0);
  CHECK(text.out.find("s\\xff.toml") != std::string::npos);
  CHECK_FALSE(has_control(text.out));
}
