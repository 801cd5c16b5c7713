// Every JSON document goes through render::json_text: a byte that is not UTF-8
// (a file name, a config value) must never make the dump throw type_error.316.

#include "sipfo/render/json_text.hpp"
#include "sipfo/render/resolve_report.hpp"
#include "sipfo/render/terminal.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace sipfo;

namespace {

const std::string replacement = "\xef\xbf\xbd"; // U+FFFD, RFC 8259 8.1 wants UTF-8

render::ResolveReport report_with(const std::string& spec, const std::string& source)
{
  render::ResolveReport report;
  report.spec = spec;
  report.profile = "rfc3263";
  report.setting.address = spec;
  report.dns_source = source;
  report.exit_status = util::ExitStatus::critical; // no candidate: nothing resolved
  return report;
}

} // namespace

TEST_CASE("render::json_text: invalid UTF-8 is replaced, valid text kept, nothing thrown")
{
  const nlohmann::json document = {{"file", "zone\xff.txt"}, {"name", "K\xc3\xb8" "benhavn"}};
  std::string text;
  CHECK_NOTHROW(text = render::json_text(document));
  CHECK(text == "{\"file\":\"zone" + replacement + ".txt\",\"name\":\"K\xc3\xb8" "benhavn\"}");
  CHECK_THROWS(document.dump()); // what resolve --json did before: type_error.316
}

TEST_CASE("render::resolve_json: a non-UTF-8 SPEC and zone file name give a valid document")
{
  const auto report = report_with("bad\xfe.test", "zone file z\xff.zone");
  std::string text;
  REQUIRE_NOTHROW(text = render::resolve_json(report));
  const auto parsed = nlohmann::json::parse(text); // throws on invalid UTF-8
  CHECK(parsed.dump().find(replacement) != std::string::npos);
  CHECK(text.find("bad" + replacement + ".test") != std::string::npos);
}

TEST_CASE("render::resolve_text: ESC and BEL in SPEC and the DNS source are shown escaped")
{
  const auto report = report_with("x\x1b]0;owned\x07.test", "zone file \x1b[2Jz.zone");
  const std::string text = render::resolve_text(report, false);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find(";; sipfo resolve x\\x1b]0;owned\\x07.test  (profile rfc3263") != std::string::npos);
  CHECK(text.find(";; DNS: zone file \\x1b[2Jz.zone") != std::string::npos);
}
