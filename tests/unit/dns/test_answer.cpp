#include "sipfo/dns/answer.hpp"

#include <doctest/doctest.h>

using namespace sipfo::dns;

namespace {

Record cname(std::string owner, std::string target, std::uint32_t ttl)
{
  return Record{std::move(owner), RrType::cname, ttl, NameData{std::move(target)}};
}

Record a(std::string owner, std::string address, std::uint32_t ttl)
{
  return Record{std::move(owner), RrType::a, ttl, AddressData{std::move(address)}};
}

Answer answer(std::string name, RrType type, Outcome outcome, std::vector<Record> records)
{
  Answer out;
  out.question = Question{std::move(name), type};
  out.outcome = outcome;
  out.records = std::move(records);
  return out;
}

} // namespace

TEST_CASE("dns::outcome_name")
{
  CHECK(std::string(outcome_name(Outcome::noerror)) == "NOERROR");
  CHECK(std::string(outcome_name(Outcome::nodata)) == "NODATA");
  CHECK(std::string(outcome_name(Outcome::nxdomain)) == "NXDOMAIN");
  CHECK(std::string(outcome_name(Outcome::servfail)) == "SERVFAIL");
  CHECK(std::string(outcome_name(Outcome::refused)) == "REFUSED");
  CHECK(std::string(outcome_name(Outcome::timeout)) == "TIMEOUT");
  CHECK(std::string(outcome_name(Outcome::unreachable)) == "UNREACHABLE");
}

TEST_CASE("dns::Answer: no CNAME, data and TTL straight from the records")
{
  const auto got = answer("piper.eslab.local.", RrType::a, Outcome::noerror,
                          {a("piper.eslab.local.", "10.0.0.1", 300), a("piper.eslab.local.", "10.0.0.2", 120)});
  CHECK(got.final_name() == "piper.eslab.local.");
  CHECK(got.cnames().empty());
  REQUIRE(got.data().size() == 2);
  CHECK(got.data()[1] == a("piper.eslab.local.", "10.0.0.2", 120));
  CHECK(got.ttl() == 120u);
}

TEST_CASE("dns::Answer: CNAME chain followed in order, whatever the record order")
{
  // The server may list the chain out of order; the walk goes by owner names.
  const auto got = answer("SIP.eslab.local", RrType::a, Outcome::noerror,
                          {a("piper.eslab.local.", "10.0.0.1", 300), cname("alias.eslab.local.", "piper.eslab.local.", 60),
                           cname("sip.eslab.local.", "alias.eslab.local.", 3600)});
  CHECK(got.final_name() == "piper.eslab.local.");
  const auto chain = got.cnames();
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].owner == "sip.eslab.local.");
  CHECK(chain[1].owner == "alias.eslab.local.");
  REQUIRE(got.data().size() == 1);
  CHECK(got.data()[0].owner == "piper.eslab.local.");
  CHECK(got.ttl() == 60u); // min(3600, 60, 300)
}

TEST_CASE("dns::Answer: records off the chain are not data")
{
  const auto got = answer("sip.eslab.local.", RrType::a, Outcome::noerror,
                          {cname("sip.eslab.local.", "piper.eslab.local.", 50), a("other.eslab.local.", "10.0.0.9", 10),
                           a("piper.eslab.local.", "10.0.0.1", 300)});
  REQUIRE(got.data().size() == 1);
  CHECK(got.data()[0].data == Rdata{AddressData{"10.0.0.1"}});
  CHECK(got.ttl() == 50u);
}

TEST_CASE("dns::Answer: a CNAME loop ends the walk")
{
  const auto got = answer("loop1.eslab.local.", RrType::a, Outcome::noerror,
                          {cname("loop1.eslab.local.", "loop2.eslab.local.", 100),
                           cname("loop2.eslab.local.", "loop1.eslab.local.", 200)});
  CHECK(got.cnames().size() == 2);
  CHECK(got.final_name() == "loop1.eslab.local.");
  CHECK(got.data().empty());
  CHECK(got.ttl() == 100u);
}

TEST_CASE("dns::Answer: asking for the CNAME itself gives it as data")
{
  const auto got = answer("sip.eslab.local.", RrType::cname, Outcome::noerror,
                          {cname("sip.eslab.local.", "piper.eslab.local.", 70)});
  CHECK(got.cnames().empty());
  CHECK(got.final_name() == "sip.eslab.local.");
  CHECK(got.data().size() == 1);
  CHECK(got.ttl() == 70u);
}

TEST_CASE("dns::Answer::ttl: negative answers and failures")
{
  auto nxdomain = answer("nope.eslab.local.", RrType::a, Outcome::nxdomain, {});
  CHECK_FALSE(nxdomain.ttl()); // RFC 2308 5: no SOA, nothing cached
  nxdomain.negative_ttl = 36;
  CHECK(nxdomain.ttl() == 36u);

  auto nodata = answer("x.eslab.local.", RrType::aaaa, Outcome::nodata, {cname("x.eslab.local.", "ns1.eslab.local.", 20)});
  nodata.negative_ttl = 36;
  CHECK(nodata.ttl() == 20u); // the CNAME expires first

  for (auto outcome : {Outcome::servfail, Outcome::refused, Outcome::timeout, Outcome::unreachable}) {
    auto failed = answer("piper.eslab.local.", RrType::a, outcome, {a("piper.eslab.local.", "10.0.0.1", 30)});
    failed.negative_ttl = 36;
    CHECK_FALSE(failed.ttl());
  }
  CHECK_FALSE(answer("piper.eslab.local.", RrType::a, Outcome::noerror, {}).ttl());
}
