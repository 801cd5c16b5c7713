#include "../handset/fake_dns.hpp"

#include "sipfo/handset/profile.hpp"
#include "sipfo/render/applog_trace.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <sstream>

using namespace sipfo;
using namespace sipfo::test;

namespace {

std::vector<std::string> trace_lines(FakeDns& dns, const std::string& name)
{
  const handset::ServerSetting setting{name, 0, handset::TransportSetting::naptr};
  const auto resolution = handset::find_profile("spectralink-84")->resolve(setting, dns, {});
  std::istringstream in(render::applog_trace(setting, resolution));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The text after the four fields "time|module|level|missed|".
std::vector<std::string> texts(const std::vector<std::string>& lines)
{
  std::vector<std::string> out;
  for (const auto& line : lines) {
    std::size_t pos = 0;
    for (int bar = 0; bar < 4; ++bar) pos = line.find('|', pos) + 1;
    out.push_back(line.substr(pos));
  }
  return out;
}

bool in_order(const std::vector<std::string>& haystack, const std::vector<std::string>& needles)
{
  auto it = haystack.begin();
  for (const auto& needle : needles) {
    it = std::find(it, haystack.end(), needle);
    if (it == haystack.end()) return false;
  }
  return true;
}

} // namespace

TEST_CASE("render::applog_trace: every line has the app.log shape time|module|level|missed|text")
{
  FakeDns dns({});
  const std::regex shape(R"(\d{6}\.\d{3}\|(dns  |sip  )\|[1-4]\|00\|.+)");
  for (const auto& line : trace_lines(dns, "gone.test")) CHECK_MESSAGE(std::regex_match(line, shape), line);
}

TEST_CASE("render::applog_trace: a missing name reads as the bulletin's failed log")
{
  FakeDns dns({});
  const auto lines = texts(trace_lines(dns, "gone.corp.test"));
  CHECK(in_order(lines, {
                          "doDnsLookupForList for record NAPTR: hostname 'gone.corp.test' attempting..",
                          "Miss in All DNS cache for gone.corp.test(NAPTR)",
                          "Miss in All DNS cache for gone(NAPTR)",
                          "DNS lookup for (NAPTR) 'gone.corp.test' found no match (err code: 4)",
                          "Added Negative DNS cache entry for gone.corp.test(NAPTR) expires in 30 seconds",
                          "NAPTR query for host 'gone.corp.test' returned no results",
                          "doDnsLookupForList for record SRV: hostname '_sip._udp.gone.corp.test' attempting..",
                          "doDnsSrvLookupForARecordList(udp): SRV lookup returned nothing",
                          "doDnsSrvLookupForARecordList(udp): Doing DNS A lookup (port 0)",
                          "doDnsLookupForList for record A: hostname 'gone.corp.test' attempting..",
                          "doDnsListLookup(udp): doDnsSrvLookupForARecordList 'gone.corp.test' found no records.",
                          "Registration failed User: <user>, Error Code:480 Temporarily not available",
                        }));
}

TEST_CASE("render::applog_trace: a working chain lists the SRV records and their A lookups")
{
  FakeDns dns({naptr("corp.test.", 10, 10, "S", "SIP+D2U", "_sip._udp.corp.test."),
               srv("_sip._udp.corp.test.", 1, 10, 5060, "pbx1.corp.test.", 36), a("pbx1.corp.test.", "192.0.2.1", 36)});
  const auto lines = texts(trace_lines(dns, "corp.test"));
  CHECK(in_order(lines, {
                          "DNS lookup for (NAPTR) 'corp.test'() TTL=30",
                          "replacement '_sip._udp.corp.test'",
                          "naptr: Added to tail",
                          "DNS lookup for (SRV) '_sip._udp.corp.test'() TTL=36",
                          "srv: Added to tail",
                          "target:port 'pbx1.corp.test.:5060'",
                          "priority '1'",
                          "weight '10'",
                          "Added Dynamic DNS cache entry for _sip._udp.corp.test(SRV) expires in 36 seconds",
                          "dnsSrv2A calling LookupForList(A) for 'pbx1.corp.test.' port 5060",
                          "DNS lookup for (A) 'pbx1.corp.test.'(192.0.2.1) TTL=36",
                          "dnsSrv2A for host '_sip._udp.corp.test' returned OK",
                        }));
  CHECK(std::none_of(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("Registration failed"); }));
}
