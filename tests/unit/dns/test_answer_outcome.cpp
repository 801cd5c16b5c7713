// The outcome a response means for the question (RFC 1034 4.3.2, RFC 2308 2.2).

#include "sipfo/dns/answer_outcome.hpp"

#include <doctest/doctest.h>

using namespace sipfo::dns;

namespace {

DnsMessage message(Rcode rcode, std::vector<Record> answers)
{
  DnsMessage m;
  m.header.rcode = rcode;
  m.answers = std::move(answers);
  return m;
}

Record cname(std::string owner, std::string target)
{
  return Record{std::move(owner), RrType::cname, 60, NameData{std::move(target)}};
}

Record a(std::string owner)
{
  return Record{std::move(owner), RrType::a, 60, AddressData{"10.0.0.1"}};
}

} // namespace

TEST_CASE("dns::outcome_of: NOERROR with data at the name or at the end of the CNAME chain")
{
  const Question question{"sip.example.", RrType::a};
  CHECK(outcome_of(message(Rcode::noerror, {a("sip.example.")}), question) == Outcome::noerror);
  CHECK(outcome_of(message(Rcode::noerror, {cname("sip.example.", "b.example."), cname("b.example.", "c.example."),
                                            a("c.example.")}),
                   question) == Outcome::noerror);
  // names compare case-insensitively (RFC 4343)
  CHECK(outcome_of(message(Rcode::noerror, {cname("SIP.Example.", "b.example."), a("B.EXAMPLE.")}), question) ==
        Outcome::noerror);
  // asking for the CNAME itself
  CHECK(outcome_of(message(Rcode::noerror, {cname("sip.example.", "b.example.")}),
                   Question{"sip.example.", RrType::cname}) == Outcome::noerror);
}

TEST_CASE("dns::outcome_of: NOERROR without data is NODATA")
{
  const Question question{"sip.example.", RrType::srv};
  CHECK(outcome_of(message(Rcode::noerror, {}), question) == Outcome::nodata);
  // a chain ending at a name without SRV records
  CHECK(outcome_of(message(Rcode::noerror, {cname("sip.example.", "b.example."), a("b.example.")}), question) ==
        Outcome::nodata);
  // records of the type, but at a name the chain does not reach
  CHECK(outcome_of(message(Rcode::noerror, {a("other.example.")}), Question{"sip.example.", RrType::a}) ==
        Outcome::nodata);
  // a CNAME loop ends
  CHECK(outcome_of(message(Rcode::noerror, {cname("sip.example.", "b.example."), cname("b.example.", "sip.example.")}),
                   question) == Outcome::nodata);
}

TEST_CASE("dns::outcome_of: error RCODEs")
{
  const Question question{"sip.example.", RrType::a};
  CHECK(outcome_of(message(Rcode::nxdomain, {cname("sip.example.", "gone.example.")}), question) == Outcome::nxdomain);
  CHECK(outcome_of(message(Rcode::servfail, {}), question) == Outcome::servfail);
  CHECK(outcome_of(message(Rcode::refused, {}), question) == Outcome::refused);
  CHECK(outcome_of(message(Rcode::formerr, {}), question) == Outcome::servfail);
  CHECK(outcome_of(message(Rcode::notimp, {}), question) == Outcome::servfail);
  CHECK(outcome_of(message(static_cast<Rcode>(9), {}), question) == Outcome::servfail); // NOTAUTH
}
