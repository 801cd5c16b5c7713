// `--format=openmetrics` / --textfile: the families, their metadata, one sample
// per candidate with the target/transport/rank labels, and `# EOF` at the end.

#include "probe_run_fixture.hpp"

#include "sipfo/render/probe_report.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace sipfo;

namespace {

bool has_line(const std::string& text, const std::string& line)
{
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

} // namespace

TEST_CASE("render::probe_openmetrics: samples per candidate, seconds for rtt")
{
  const auto out = render::probe_openmetrics(test::pivot_run());
  CHECK(has_line(out, R"(sipfo_up{target="10.0.0.1:5060",transport="udp",rank="1"} 1)"));
  CHECK(has_line(out, R"(sipfo_up{target="10.0.0.2:5060",transport="udp",rank="2"} 0)"));
  CHECK(has_line(out, R"(sipfo_up{target="10.0.0.3:5060",transport="tcp",rank="3"} 0)"));
  CHECK(has_line(out, R"(sipfo_active{target="10.0.0.1:5060",transport="udp",rank="1"} 1)"));
  CHECK(has_line(out, R"(sipfo_active{target="10.0.0.2:5060",transport="udp",rank="2"} 0)"));
  // 12 ms and the server's own 503 after 5 ms; sipfo's local 503 has no rtt.
  CHECK(has_line(out, R"(sipfo_rtt_seconds{target="10.0.0.1:5060",transport="udp",rank="1"} 0.012)"));
  CHECK(has_line(out, R"(sipfo_rtt_seconds{target="10.0.0.2:5060",transport="udp",rank="2"} 0.005)"));
  CHECK(out.find(R"(sipfo_rtt_seconds{target="10.0.0.3:5060")") == std::string::npos);
  CHECK(has_line(out, R"(sipfo_register_status{target="10.0.0.1:5060",transport="udp",rank="1"} 200)"));
  CHECK(has_line(out, R"(sipfo_register_status{target="10.0.0.3:5060",transport="tcp",rank="3"} 503)"));
  CHECK(has_line(out, "# UNIT sipfo_rtt_seconds seconds"));
  CHECK(out.ends_with("\n# EOF\n"));
}

TEST_CASE("render::probe_openmetrics: every family declares HELP and TYPE gauge before its samples")
{
  const auto out = render::probe_openmetrics(test::pivot_run());
  std::istringstream lines(out);
  std::string line, family;
  int families = 0;
  while (std::getline(lines, line)) {
    if (line.starts_with("# HELP ")) {
      family = line.substr(7, line.find(' ', 7) - 7);
      ++families;
      REQUIRE(std::getline(lines, line));
      CHECK(line == "# TYPE " + family + " gauge");
    } else if (!line.starts_with("#")) {
      CHECK(line.starts_with(family + "{"));
    }
  }
  CHECK(families == 4);
}

TEST_CASE("render::probe_openmetrics: label values are escaped")
{
  auto v6 = test::target_result("::1", 5061, sip::Transport::tls, 1);
  v6.options = test::server_answer(200, "OK", 1);
  render::ProbeRun run;
  run.probe = probe::make_report({v6}, probe::RegisterCheck::off);
  const auto out = render::probe_openmetrics(run);
  CHECK(has_line(out, R"(sipfo_up{target="[::1]:5061",transport="tls",rank="1"} 1)"));
  // No REGISTER without --user: the family is declared, with no sample.
  CHECK(out.find("sipfo_register_status{") == std::string::npos);
}
