#include "sipfo/sip/digest.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sipfo::sip;

namespace {

// RFC 7616 3.9.1: the published example, for both algorithms.
Challenge rfc7616_challenge(DigestAlgorithm algorithm)
{
  Challenge c;
  c.realm = "http-auth@example.org";
  c.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  c.opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
  c.algorithm = algorithm;
  c.algorithm_given = true;
  c.qop = Qop::auth;
  return c;
}

const DigestCredentials mufasa{"Mufasa", "Circle of Life"};
const DigestContext rfc7616_context{"GET", "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1, ""};

} // namespace

TEST_CASE("sip::digest_response: RFC 7616 3.9.1 example, MD5")
{
  CHECK(digest_response(rfc7616_challenge(DigestAlgorithm::md5), mufasa, rfc7616_context) ==
        "8ca523f5e9506fed4657c9700eebdbec");
}

TEST_CASE("sip::digest_response: RFC 7616 3.9.1 example, SHA-256")
{
  CHECK(digest_response(rfc7616_challenge(DigestAlgorithm::sha256), mufasa, rfc7616_context) ==
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST_CASE("sip::digest_response: RFC 2617 3.5 example (qop=auth, MD5 implied)")
{
  auto challenge = parse_challenge("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                                   "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                                   "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
  REQUIRE(challenge);
  CHECK(challenge->qop == Qop::auth);
  CHECK(challenge->algorithm == DigestAlgorithm::md5);
  CHECK_FALSE(challenge->algorithm_given);
  const DigestContext context{"GET", "/dir/index.html", "0a4f113b", 1, ""};
  CHECK(digest_response(*challenge, {"Mufasa", "Circle Of Life"}, context) == "6629fae49393a05397450978507c4ef1");
}

TEST_CASE("sip::authorization_value: the RFC 7616 3.9.1 Authorization fields, password absent")
{
  const std::string value = authorization_value(rfc7616_challenge(DigestAlgorithm::sha256), mufasa, rfc7616_context);
  CHECK(value == "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
                 "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", uri=\"/dir/index.html\", "
                 "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", "
                 "algorithm=SHA-256, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, "
                 "nc=00000001, opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
  CHECK(value.find("Circle of Life") == std::string::npos);
}

TEST_CASE("sip::digest_response: without qop the RFC 2069 form H(HA1:nonce:HA2)")
{
  Challenge c;
  c.realm = "r";
  c.nonce = "n";
  // HA1 = MD5("u:r:p") = 2b8ea0a4d1d4a5d79bb36ae4c0ae8f0d is not needed by hand:
  // the check is that cnonce and nc do not change the result without qop.
  const std::string a = digest_response(c, {"u", "p"}, {"REGISTER", "sip:r", "c1", 1, ""});
  const std::string b = digest_response(c, {"u", "p"}, {"REGISTER", "sip:r", "c2", 7, ""});
  CHECK(a == b);
  CHECK(a.size() == 32);
  const std::string value = authorization_value(c, {"u", "p"}, {"REGISTER", "sip:r", "c1", 1, ""});
  CHECK(value.find("cnonce") == std::string::npos);
  CHECK(value.find("qop") == std::string::npos);
  CHECK(value.find("algorithm") == std::string::npos);
}

TEST_CASE("sip::parse_challenge: what is not a usable Digest challenge")
{
  CHECK_FALSE(parse_challenge("Basic realm=\"x\""));
  CHECK_FALSE(parse_challenge("Digest realm=\"x\""));                     // no nonce
  CHECK_FALSE(parse_challenge("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-1"));
  CHECK_FALSE(parse_challenge("Digestrealm=\"x\", nonce=\"n\""));
  CHECK_FALSE(parse_challenge(""));
  auto odd = parse_challenge("DIGEST REALM=\"a,b\", NONCE=\"q\\\"x\", stale=TRUE, qop=\"auth-int\", algorithm=sha-256-SESS");
  REQUIRE(odd);
  CHECK(odd->realm == "a,b");
  CHECK(odd->nonce == "q\"x");
  CHECK(odd->stale);
  CHECK(odd->qop == Qop::auth_int);
  CHECK(odd->algorithm == DigestAlgorithm::sha256_sess);
}

TEST_CASE("sip::choose_challenge: SHA-256 is preferred over MD5 (RFC 7616 3.7)")
{
  const std::vector<std::string_view> offers{"Digest realm=\"r\", nonce=\"1\", algorithm=MD5",
                                             "Basic realm=\"r\"",
                                             "Digest realm=\"r\", nonce=\"2\", algorithm=SHA-256"};
  auto chosen = choose_challenge(offers);
  REQUIRE(chosen);
  CHECK(chosen->nonce == "2");
  CHECK_FALSE(choose_challenge({"Basic realm=\"r\""}));
}

TEST_CASE("sip::authorization_value: quotes and backslashes in the user name are escaped")
{
  Challenge c;
  c.realm = "r";
  c.nonce = "n";
  const std::string value = authorization_value(c, {"a\"b\\c", "p"}, {"REGISTER", "sip:r", "", 1, ""});
  CHECK(value.rfind("Digest username=\"a\\\"b\\\\c\", realm=\"r\"", 0) == 0);
}

TEST_CASE("sip::read_challenge: says why a challenge cannot be answered")
{
  auto unsupported = read_challenge("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-1");
  CHECK_FALSE(unsupported.challenge);
  CHECK(unsupported.problem == ChallengeProblem::unsupported_algorithm);
  CHECK(unsupported.detail == "SHA-1");
  // Quoted algorithm names are unquoted before they are named.
  CHECK(read_challenge("Digest nonce=\"n\", algorithm=\"AKAv1-MD5\"").detail == "AKAv1-MD5");

  auto open_quote = read_challenge("Digest realm=\"x, nonce=\"n\"");
  CHECK(open_quote.problem == ChallengeProblem::malformed);
  CHECK(open_quote.detail == "unterminated quoted string");
  // An escaped quote does not close the string (RFC 7230 3.2.6 quoted-pair).
  CHECK(read_challenge("Digest realm=\"a\\\", nonce=n").problem == ChallengeProblem::malformed);
  CHECK(read_challenge("Digest realm=\"a\\\"b\", nonce=\"n\"").problem == ChallengeProblem::none);

  auto no_nonce = read_challenge("Digest realm=\"x\"");
  CHECK(no_nonce.problem == ChallengeProblem::malformed);
  CHECK(no_nonce.detail == "no nonce");
  auto bare = read_challenge("Digest realm=\"x\", nonce=\"n\", stale");
  CHECK(bare.problem == ChallengeProblem::malformed);
  CHECK(bare.detail == "parameter without a value: stale");

  auto basic = read_challenge("Basic realm=\"x\"");
  CHECK(basic.problem == ChallengeProblem::other_scheme);
  CHECK(basic.detail == "Basic");
  // A server's text is shown bounded.
  const std::string huge = "Digest nonce=\"n\", algorithm=" + std::string(1000, 'A');
  CHECK(read_challenge(huge).detail.size() == 64 + 3);

  auto good = read_challenge("Digest realm=\"x\", nonce=\"n\"");
  REQUIRE(good.challenge);
  CHECK(good.problem == ChallengeProblem::none);
}

TEST_CASE("sip::choose_challenge_reading: a usable challenge wins, else the most telling problem")
{
  CHECK(choose_challenge_reading({}).problem == ChallengeProblem::missing);
  CHECK(choose_challenge_reading({"Basic realm=\"x\"", "Digest nonce=\"n\", algorithm=SHA-1"}).problem ==
        ChallengeProblem::unsupported_algorithm);
  CHECK(choose_challenge_reading({"Digest realm=\"x", "Digest nonce=\"n\", algorithm=SHA-1"}).problem ==
        ChallengeProblem::malformed);
  auto mixed = choose_challenge_reading({"Digest nonce=\"n\", algorithm=SHA-1", "Digest realm=\"r\", nonce=\"m\""});
  REQUIRE(mixed.challenge);
  CHECK(mixed.problem == ChallengeProblem::none);
  CHECK(mixed.challenge->nonce == "m");
}
