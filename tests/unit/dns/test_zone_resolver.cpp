#include "sipfo/dns/zone.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace sipfo::dns;

namespace {

// The lab zone the tests ask; the expected answers are those NSD 4.6 gives for it.
constexpr std::string_view lab_zone = R"($ORIGIN eslab.local.
$TTL 3600
@         IN SOA ns1 hostmaster 1 3600 600 86400 36
@         IN NS ns1
ns1       IN A 127.0.0.1
piper 300 IN A 10.0.0.1
piper 300 IN A 10.0.0.11
piper2    IN A 10.0.0.2
_sip._udp 36 IN SRV 1 10 5060 piper
          36 IN SRV 2 10 5060 piper2
@         IN NAPTR 10 20 "S" "SIP+D2U" "" _sip._udp
alias  60 IN CNAME piper
alias2    IN CNAME alias
dangling  IN CNAME nothere
outside   IN CNAME www.example.com.
loop1     IN CNAME loop2
loop2     IN CNAME loop1
nodata    IN CNAME ns1
*.wild    IN A 10.9.9.9
*.wc      IN CNAME piper
sub       IN NS ns.sub
ns.sub    IN A 10.1.1.1
tosub     IN CNAME host.sub
toother   IN CNAME sip.other.test.
)";

constexpr std::string_view other_zone = R"($ORIGIN other.test.
@   30 IN SOA ns1 hostmaster 1 3600 600 86400 600
sip 60 IN A 192.0.2.7
)";

ZoneResolver lab_resolver()
{
  std::vector<Zone> zones;
  zones.push_back(parse_zone(lab_zone, "eslab.local.zone"));
  zones.push_back(parse_zone(other_zone, "other.test.zone"));
  return ZoneResolver(std::move(zones));
}

std::vector<std::string> texts(const std::vector<Record>& records)
{
  std::vector<std::string> out;
  for (const auto& record : records) out.push_back(record_text(record));
  return out;
}

using Texts = std::vector<std::string>;

} // namespace

TEST_CASE("dns::ZoneResolver: NOERROR with the records in file order")
{
  const auto resolver = lab_resolver();
  const auto answer = resolver.answer({"Piper.Eslab.Local", RrType::a});
  CHECK(answer.outcome == Outcome::noerror);
  CHECK(texts(answer.records) == Texts{"piper.eslab.local. 300 IN A 10.0.0.1", "piper.eslab.local. 300 IN A 10.0.0.11"});
  CHECK_FALSE(answer.negative_ttl);
  CHECK(answer.carrier == Carrier::zone);
  CHECK(answer.source == "eslab.local.zone");
  CHECK_FALSE(answer.elapsed);
  CHECK(answer.ttl() == 300u);

  const auto srv = resolver.answer({"_sip._udp.eslab.local.", RrType::srv});
  CHECK(texts(srv.records) == Texts{"_sip._udp.eslab.local. 36 IN SRV 1 10 5060 piper.eslab.local.",
                                    "_sip._udp.eslab.local. 36 IN SRV 2 10 5060 piper2.eslab.local."});
  const auto naptr = resolver.answer({"eslab.local.", RrType::naptr});
  CHECK(texts(naptr.records) ==
        Texts{R"(eslab.local. 3600 IN NAPTR 10 20 "S" "SIP+D2U" "" _sip._udp.eslab.local.)"});
}

TEST_CASE("dns::ZoneResolver: NODATA and NXDOMAIN carry min(SOA TTL, MINIMUM) (RFC 2308 3)")
{
  const auto resolver = lab_resolver();
  const auto nodata = resolver.answer({"piper.eslab.local.", RrType::aaaa});
  CHECK(nodata.outcome == Outcome::nodata);
  CHECK(nodata.records.empty());
  CHECK(nodata.negative_ttl == 36u); // min(3600, 36)

  const auto nxdomain = resolver.answer({"testserver.eslab.local.", RrType::naptr});
  CHECK(nxdomain.outcome == Outcome::nxdomain);
  CHECK(nxdomain.negative_ttl == 36u);
  CHECK(nxdomain.ttl() == 36u);

  const auto other = resolver.answer({"nope.other.test.", RrType::a});
  CHECK(other.outcome == Outcome::nxdomain);
  CHECK(other.negative_ttl == 30u); // min(30, 600)
  CHECK(other.source == "other.test.zone");
}

TEST_CASE("dns::ZoneResolver: empty non-terminals are NODATA, not NXDOMAIN")
{
  const auto resolver = lab_resolver();
  const auto ent = resolver.answer({"_udp.eslab.local.", RrType::srv});
  CHECK(ent.outcome == Outcome::nodata);
  CHECK(ent.negative_ttl == 36u);
  CHECK(resolver.answer({"wild.eslab.local.", RrType::a}).outcome == Outcome::nodata); // parent of *.wild
  CHECK(resolver.answer({"_tcp.eslab.local.", RrType::srv}).outcome == Outcome::nxdomain);
}

TEST_CASE("dns::ZoneResolver: outside every zone is REFUSED, the longest origin wins")
{
  const auto resolver = lab_resolver();
  const auto refused = resolver.answer({"example.com.", RrType::a});
  CHECK(refused.outcome == Outcome::refused);
  CHECK(refused.records.empty());
  CHECK_FALSE(refused.negative_ttl);
  CHECK_FALSE(refused.ttl());
  CHECK(resolver.answer({"local.", RrType::soa}).outcome == Outcome::refused);

  std::vector<Zone> zones;
  zones.push_back(parse_zone("$ORIGIN local.\n@ 60 SOA ns hm 1 2 3 4 5\nx.eslab 60 A 10.0.0.1\n", "local.zone"));
  zones.push_back(parse_zone("$ORIGIN eslab.local.\n@ 60 SOA ns hm 1 2 3 4 7\n", "eslab.zone"));
  const ZoneResolver nested(std::move(zones));
  const auto answer = nested.answer({"x.eslab.local.", RrType::a});
  CHECK(answer.outcome == Outcome::nxdomain); // eslab.local. is the closer zone
  CHECK(answer.source == "eslab.zone");
  CHECK(answer.negative_ttl == 7u);
  CHECK(nested.describe() == "zone local.zone, eslab.zone");
}

TEST_CASE("dns::ZoneResolver: CNAME chains inside the zones are followed")
{
  const auto resolver = lab_resolver();
  const auto chain = resolver.answer({"alias2.eslab.local.", RrType::a});
  CHECK(chain.outcome == Outcome::noerror);
  CHECK(texts(chain.records) == Texts{"alias2.eslab.local. 3600 IN CNAME alias.eslab.local.",
                                      "alias.eslab.local. 60 IN CNAME piper.eslab.local.",
                                      "piper.eslab.local. 300 IN A 10.0.0.1", "piper.eslab.local. 300 IN A 10.0.0.11"});
  CHECK(chain.final_name() == "piper.eslab.local.");
  CHECK(chain.ttl() == 60u);

  const auto across = resolver.answer({"toother.eslab.local.", RrType::a});
  CHECK(across.outcome == Outcome::noerror);
  CHECK(texts(across.records) == Texts{"toother.eslab.local. 3600 IN CNAME sip.other.test.",
                                       "sip.other.test. 60 IN A 192.0.2.7"});

  const auto cname_itself = resolver.answer({"alias.eslab.local.", RrType::cname});
  CHECK(texts(cname_itself.records) == Texts{"alias.eslab.local. 60 IN CNAME piper.eslab.local."});
}

TEST_CASE("dns::ZoneResolver: where a CNAME chain ends decides the outcome (as NSD)")
{
  const auto resolver = lab_resolver();
  SUBCASE("target outside the zones: NOERROR with just the CNAME, the client asks on")
  {
    const auto answer = resolver.answer({"outside.eslab.local.", RrType::a});
    CHECK(answer.outcome == Outcome::noerror);
    CHECK(texts(answer.records) == Texts{"outside.eslab.local. 3600 IN CNAME www.example.com."});
    CHECK_FALSE(answer.negative_ttl);
  }
  SUBCASE("target does not exist: NXDOMAIN with the CNAME (RFC 6604)")
  {
    const auto answer = resolver.answer({"dangling.eslab.local.", RrType::a});
    CHECK(answer.outcome == Outcome::nxdomain);
    CHECK(answer.records.size() == 1);
    CHECK(answer.negative_ttl == 36u);
  }
  SUBCASE("target has no data of the type: NODATA with the CNAME")
  {
    const auto answer = resolver.answer({"nodata.eslab.local.", RrType::aaaa});
    CHECK(answer.outcome == Outcome::nodata);
    CHECK(answer.records.size() == 1);
  }
  SUBCASE("a loop stops once each CNAME is in the answer")
  {
    const auto answer = resolver.answer({"loop1.eslab.local.", RrType::a});
    CHECK(answer.outcome == Outcome::noerror);
    CHECK(texts(answer.records) == Texts{"loop1.eslab.local. 3600 IN CNAME loop2.eslab.local.",
                                         "loop2.eslab.local. 3600 IN CNAME loop1.eslab.local."});
  }
  SUBCASE("target below a delegation: NOERROR with just the CNAME")
  {
    const auto answer = resolver.answer({"tosub.eslab.local.", RrType::a});
    CHECK(answer.outcome == Outcome::noerror);
    CHECK(answer.records.size() == 1);
  }
}

TEST_CASE("dns::ZoneResolver: wildcards synthesise records owned by the query name (RFC 4592)")
{
  const auto resolver = lab_resolver();
  const auto a = resolver.answer({"x.wild.eslab.local.", RrType::a});
  CHECK(a.outcome == Outcome::noerror);
  CHECK(texts(a.records) == Texts{"x.wild.eslab.local. 3600 IN A 10.9.9.9"});
  CHECK(resolver.answer({"a.b.wild.eslab.local.", RrType::a}).outcome == Outcome::noerror);
  CHECK(resolver.answer({"x.wild.eslab.local.", RrType::aaaa}).outcome == Outcome::nodata);

  const auto cname = resolver.answer({"y.wc.eslab.local.", RrType::a});
  CHECK(texts(cname.records) == Texts{"y.wc.eslab.local. 3600 IN CNAME piper.eslab.local.",
                                      "piper.eslab.local. 300 IN A 10.0.0.1", "piper.eslab.local. 300 IN A 10.0.0.11"});
  // No wildcard at the closest encloser (eslab.local.): NXDOMAIN.
  CHECK(resolver.answer({"x.nowild.eslab.local.", RrType::a}).outcome == Outcome::nxdomain);
}

TEST_CASE("dns::ZoneResolver: at or below a delegation is a referral: NODATA without SOA")
{
  const auto resolver = lab_resolver();
  for (const char* name : {"sub.eslab.local.", "ns.sub.eslab.local.", "deep.host.sub.eslab.local."}) {
    CAPTURE(name);
    const auto answer = resolver.answer({name, RrType::a});
    CHECK(answer.outcome == Outcome::nodata);
    CHECK(answer.records.empty());
    CHECK_FALSE(answer.negative_ttl);
  }
  CHECK(resolver.answer({"eslab.local.", RrType::ns}).outcome == Outcome::noerror); // the apex is no delegation
}

TEST_CASE("dns::ZoneResolver: message size with name compression (RFC 1035 4.1.4)")
{
  const auto resolver = lab_resolver();
  // Header 12 + question (piper.eslab.local. = 19, type+class 4) = 35;
  // each A: owner pointer 2 + 10 + 4 = 16.
  CHECK(resolver.answer({"piper.eslab.local.", RrType::a}).size == 35 + 2 * 16);
  // 12 + (_sip._udp.eslab.local. = 23) + 4 = 39; each SRV: 2 + 10 + 6 + target
  // uncompressed (RFC 2782): piper 19, piper2 20.
  const auto srv = resolver.answer({"_sip._udp.eslab.local.", RrType::srv});
  CHECK(srv.size == 39 + (18 + 19) + (18 + 20));
  CHECK_FALSE(srv.truncated);
  // alias2 chain: question alias2.eslab.local. (20) -> 36;
  // alias2 CNAME: 2 + 10 + "alias" label 6 + pointer to eslab.local. 2 = 20;
  // alias CNAME: owner pointer 2 + 10 + "piper" 6 + pointer 2 = 20; two A at piper: 16 each.
  CHECK(resolver.answer({"alias2.eslab.local.", RrType::a}).size == 36 + 20 + 20 + 16 + 16);
  // NXDOMAIN: header and question only (the SOA sits in the authority section).
  CHECK(resolver.answer({"nope.eslab.local.", RrType::a}).size == 12 + 18 + 4);
}

TEST_CASE("dns::ZoneResolver: 40 SRV records overflow 512 bytes, 2 do not")
{
  std::string text = "$ORIGIN eslab.local.\n$TTL 36\n@ SOA ns1 hostmaster 1 3600 600 86400 36\n";
  for (int i = 1; i <= 40; ++i) text += "_sip._tcp SRV 1 10 5060 server" + std::to_string(i) + "\n";
  text += "_sip._udp SRV 1 10 5060 server1\n_sip._udp SRV 2 10 5060 server2\n";
  std::vector<Zone> zones;
  zones.push_back(parse_zone(text, "eslab.local.zone"));
  ZoneResolver resolver(std::move(zones));

  const auto many = resolver.answer({"_sip._tcp.eslab.local.", RrType::srv});
  REQUIRE(many.records.size() == 40);
  // 39 + per record 18 + target (serverN.eslab.local.: N < 10 -> 21, else 22).
  CHECK(many.size == 39 + 9 * (18 + 21) + 31 * (18 + 22));
  CHECK(many.truncated);
  CHECK(many.outcome == Outcome::noerror); // TC over UDP, complete over TCP

  const auto two = resolver.answer({"_sip._udp.eslab.local.", RrType::srv});
  CHECK(two.size == 39 + 2 * (18 + 21));
  CHECK_FALSE(two.truncated);
}

TEST_CASE("dns::ZoneResolver: a hand-made zone without SOA gives no negative TTL")
{
  std::vector<Zone> zones{Zone{"lab.test.", "hand-made", {Record{"a.lab.test.", RrType::a, 5, AddressData{"10.0.0.1"}}}}};
  const ZoneResolver resolver(std::move(zones));
  CHECK(resolver.answer({"a.lab.test.", RrType::a}).outcome == Outcome::noerror);
  const auto missing = resolver.answer({"b.lab.test.", RrType::a});
  CHECK(missing.outcome == Outcome::nxdomain);
  CHECK_FALSE(missing.negative_ttl);
}

TEST_CASE("dns::ZoneResolver::resolve: one answer per question, in order")
{
  auto resolver = lab_resolver();
  const std::vector<Question> questions{{"eslab.local.", RrType::naptr}, {"nope.eslab.local.", RrType::a},
                                        {"example.com.", RrType::a}};
  const auto answers = resolver.resolve(questions);
  REQUIRE(answers.size() == 3);
  CHECK(answers[0].question == questions[0]);
  CHECK(answers[0].outcome == Outcome::noerror);
  CHECK(answers[1].outcome == Outcome::nxdomain);
  CHECK(answers[2].outcome == Outcome::refused);
  CHECK(resolver.resolve_one({"piper2.eslab.local.", RrType::a}).records.size() == 1);
  CHECK(resolver.describe() == "zone eslab.local.zone, other.test.zone");
}

TEST_CASE("dns::ZoneResolver: a name holding only a type sipfo never asks for exists (NODATA)")
{
  const auto zone = parse_zone(R"($ORIGIN caa.test.
$TTL 300
@        IN SOA ns hostmaster 1 3600 600 86400 60
@        IN NS ns
ns       IN A 192.0.2.1
policy   IN CAA 0 issue "ca.example.net"
signed   IN DS 12345 13 2 ABCDEF0123456789
)", "caa.zone");
  ZoneResolver resolver({zone});
  const auto policy = resolver.answer({"policy.caa.test.", RrType::a});
  CHECK(policy.outcome == Outcome::nodata);
  CHECK(policy.negative_ttl == 60u);
  const auto caa = resolver.answer({"policy.caa.test.", static_cast<RrType>(257)});
  REQUIRE(caa.records.size() == 1);
  CHECK(record_text(caa.records[0]) == "policy.caa.test. 300 IN CAA 0 issue \"ca.example.net\"");
  CHECK(resolver.answer({"signed.caa.test.", RrType::srv}).outcome == Outcome::nodata);
  CHECK(resolver.answer({"unsigned.caa.test.", RrType::a}).outcome == Outcome::nxdomain);
}
