// The findings finish_resolution raises from what the resolver says about the
// replies themselves: a reply that could not be read (MALFORMED), an NXDOMAIN
// that carried records, and a configured server passed over for the next one
// (issue 16, issue 10 item 9). The answers come from FakeDns, decorated here as
// the c-ares resolver decorates them (tests/unit/dns/test_ares_resolver.cpp).

#include "fake_dns.hpp"

#include "sipfo/handset/profile.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

using namespace sipfo;
using namespace sipfo::test;
using namespace std::chrono_literals;

namespace {

// FakeDns's answers, each changed by `decorate`, with a live server as source.
class DecoratedDns : public dns::Resolver {
public:
  DecoratedDns(FakeDns& inner, std::function<void(dns::Answer&)> decorate)
    : inner_(inner), decorate_(std::move(decorate))
  {
  }
  std::vector<dns::Answer> resolve(std::span<const dns::Question> questions) override
  {
    auto answers = inner_.resolve(questions);
    for (auto& answer : answers) {
      answer.carrier = dns::Carrier::udp;
      answer.source = "127.0.0.2@53";
      decorate_(answer);
    }
    return answers;
  }
  std::string describe() const override { return "decorated"; }

private:
  FakeDns& inner_;
  std::function<void(dns::Answer&)> decorate_;
};

std::vector<handset::Finding> with_code(const handset::Resolution& r, std::string_view code)
{
  std::vector<handset::Finding> out;
  std::copy_if(r.findings.begin(), r.findings.end(), std::back_inserter(out),
               [&](const auto& f) { return f.code == code; });
  return out;
}

handset::Resolution resolve_a_only(dns::Resolver& dns, std::string name)
{
  // Port 5060: the 84-Series asks A records only (CS-14-17, DNS Configuration).
  return handset::find_profile("spectralink-84")->resolve({std::move(name), 5060, handset::TransportSetting::udp},
                                                          dns, {});
}

} // namespace

TEST_CASE("findings: a dead first DNS server raises dns_server_unanswered with what it costs per lookup")
{
  FakeDns records({a("pbx.test.", "10.0.0.1")});
  DecoratedDns dns(records, [](dns::Answer& answer) {
    answer.missed.push_back(dns::ServerMiss{"127.0.0.1@53", dns::Outcome::timeout, 1500ms});
  });
  const auto result = resolve_a_only(dns, "pbx.test");
  REQUIRE(result.candidates.size() == 1);
  const auto found = with_code(result, "dns_server_unanswered");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == handset::Severity::warning);
  CHECK(found[0].message == "DNS server 127.0.0.1@53 gave no answer (TIMEOUT) to 1 of 1 queries, which "
                            "127.0.0.2@53 answered instead: a phone with the same server list waits 1.5 s on "
                            "each lookup before it asks the next server");
}

TEST_CASE("findings: a closed first DNS server is named, with what a down one would cost")
{
  FakeDns records({a("pbx.test.", "10.0.0.1")});
  DecoratedDns dns(records, [](dns::Answer& answer) {
    answer.missed.push_back(dns::ServerMiss{"127.0.0.1@53", dns::Outcome::unreachable, 2ms});
  });
  const auto found = with_code(resolve_a_only(dns, "pbx.test"), "dns_server_unanswered");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "DNS server 127.0.0.1@53 gave no answer (UNREACHABLE) to 1 of 1 queries, which "
                            "127.0.0.2@53 answered instead: a phone with the same server list asks it first on "
                            "each lookup; its port is closed, which cost 2 ms here, but a server that is down or "
                            "drops DNS costs a whole timeout per lookup");
}

TEST_CASE("findings: no server passed over, no dns_server_unanswered")
{
  FakeDns records({a("pbx.test.", "10.0.0.1")});
  DecoratedDns dns(records, [](dns::Answer&) {});
  CHECK(with_code(resolve_a_only(dns, "pbx.test"), "dns_server_unanswered").empty());
}

TEST_CASE("findings: a MALFORMED reply is dns_malformed_answer with its reason, never dns_failure")
{
  FakeDns records({});
  DecoratedDns dns(records, [](dns::Answer& answer) {
    answer.outcome = dns::Outcome::malformed;
    answer.records.clear();
    answer.problem = "the reply has QR=0: it is a query, not a response (RFC 1035 4.1.1)";
  });
  const auto result = resolve_a_only(dns, "pbx.test");
  CHECK(result.candidates.empty());
  const auto found = with_code(result, "dns_malformed_answer");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == handset::Severity::error);
  CHECK(found[0].message ==
        "A pbx.test. from 127.0.0.2@53: the reply has QR=0: it is a query, not a response (RFC 1035 4.1.1)");
  CHECK(with_code(result, "dns_failure").empty());
}

TEST_CASE("findings: an NXDOMAIN that carried records is reported next to name_missing")
{
  FakeDns records({});
  DecoratedDns dns(records, [](dns::Answer& answer) {
    REQUIRE(answer.outcome == dns::Outcome::nxdomain);
    answer.problem = "the NXDOMAIN reply also carried 1 answer record (A 10.9.9.9); a name that does not exist "
                     "has no data, so sipfo did not use it";
  });
  const auto result = resolve_a_only(dns, "gone.test");
  CHECK(result.candidates.empty());
  CHECK(with_code(result, "dns_nxdomain_with_data").size() == 1);
  CHECK(with_code(result, "name_missing").size() == 1);
}
