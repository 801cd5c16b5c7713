// The vendor documents state the permitted values of several knobs (Yealink
// "Server Redundancy on Yealink IP Phones" parameter tables; the 84-Series
// Lync guide's registerRetry rows; PIVOT's "refresh at least every 5 minutes",
// CS-18-09 Call server status). A value outside them is an input error naming
// the file and line (exit status 3), not a scenario the phone could be in.

#include "replay_cli_support.hpp"

#include "sipfo/replay/scenario.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>

using namespace sipfo::replay;
using namespace replay_test;

namespace {

// Line 4 holds the parameter.
std::string with_parameter(const std::string& profile, const std::string& line)
{
  return fmt::format("profile = \"{}\"\n[phone]\n{}\n{}\n[[server]]\nname = \"p1\"\naddress = \"10.0.0.1\"\n"
                     "[[server]]\nname = \"p2\"\naddress = \"10.0.0.2\"\n",
                     profile, profile == "pivot"     ? "serverspec = \"dom.test; 10.0.0.1; 10.0.0.2\""
                     : profile == "rfc3263" ? "# one DNS name"
                                            : "topology = \"dns\"",
                     line);
}

std::string error_of(const std::string& profile, const std::string& line)
{
  try {
    (void)parse_scenario(with_parameter(profile, line), "ranges.toml");
  } catch (const sipfo::util::InputError& error) {
    return sipfo::util::format_input_error(error);
  }
  return "accepted";
}

struct Bound {
  const char* profile;
  const char* inside;  // the documented edge, accepted
  const char* outside; // one past it, refused
};

// Each pair is the documented edge and one step past it.
const Bound bounds[] = {
  {"yealink", "expires = 30", "expires = 29"},                      // sip_server.Y.expires 30-2147483647
  {"yealink", "expires = 2147483647", "expires = 2147483648"},
  {"yealink", "retry_counts = 20", "retry_counts = 21"},            // 0-20
  {"yealink", "retry_counts = 0", "retry_counts = -1"},
  {"yealink", "\"fallback.timeout\" = 10", "\"fallback.timeout\" = 9"}, // 10-2147483647
  {"yealink", "failback_mode = 3", "failback_mode = 4"},            // 0, 1, 2 or 3
  {"yealink", "failback_timeout = 65535", "failback_timeout = 65536"}, // 0, 60-65535 (1-59 count as 60)
  {"spectralink-84", "\"registerRetry.baseTimeOut\" = 10", "\"registerRetry.baseTimeOut\" = 9"}, // 10 to 120
  {"spectralink-84", "\"registerRetry.baseTimeOut\" = 120", "\"registerRetry.baseTimeOut\" = 121"},
  {"spectralink-84", "\"registerRetry.maxTimeOut\" = 60", "\"registerRetry.maxTimeOut\" = 59"}, // 60 to 1800
  {"spectralink-84", "\"registerRetry.maxTimeOut\" = 1800", "\"registerRetry.maxTimeOut\" = 1801"},
  {"pivot", "register_refresh_max = 300", "register_refresh_max = 301"}, // at least every 5 minutes
};

} // namespace

TEST_CASE("replay parameters: each documented range is accepted up to its edge and refused past it")
{
  for (const auto& bound : bounds) {
    CAPTURE(std::string(bound.profile));
    CAPTURE(std::string(bound.outside));
    CHECK(error_of(bound.profile, bound.inside) == "accepted");
    const auto error = error_of(bound.profile, bound.outside);
    CHECK(error.starts_with("ranges.toml:4: phone."));
    CHECK(error.find("out of range") != std::string::npos);
  }
}

TEST_CASE("replay parameters: Yealink expires below 30 s is refused, the other profiles keep theirs")
{
  CHECK(error_of("yealink", "expires = 10").starts_with("ranges.toml:4: phone.expires: out of range (allowed: 30 s to "));
  CHECK(error_of("yealink", "expires = \"20s\"").starts_with("ranges.toml:4: phone.expires: out of range"));
  for (const char* profile : {"spectralink-84", "rfc3263", "pivot"}) {
    CAPTURE(std::string(profile));
    CHECK(error_of(profile, "expires = 10") == "accepted");
  }
}

TEST_CASE("sipfo replay: an out-of-range Yealink expires is one line on stderr and exit status 3")
{
  TempDir dir;
  const auto file = dir.write("short.toml", with_parameter("yealink", "expires = 10"));
  const auto run = run_sipfo(dir, "replay '" + file + "'");
  CHECK(run.status == 3);
  CHECK(run.out.empty());
  CHECK(run.err.starts_with(fmt::format("sipfo: {}:4: phone.expires: out of range", file)));
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}
