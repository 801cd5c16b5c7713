// make_ares_resolver: server validation and describe(), then its answers from an
// in-process DNS server on 127.0.0.1 that sends hand-built messages. The
// integration tests check it against a real NSD.

#include "sipfo/dns/ares_resolver.hpp"
#include "sipfo/util/input_error.hpp"

#include "fake_dns_server.hpp"

#include <doctest/doctest.h>

#include <netinet/in.h>
#include <set>
#include <sys/socket.h>
#include <unistd.h>

using namespace sipfo::dns;
using namespace std::chrono_literals;

TEST_CASE("dns::make_ares_resolver: a malformed --dns-server is an input error")
{
  AresOptions options;
  options.servers = {"127.0.0.1:5353", "dns.example:53"};
  try {
    make_ares_resolver(options);
    FAIL("no InputError");
  } catch (const sipfo::util::InputError& error) {
    CHECK(error.where().empty());
    CHECK(error.what_is_wrong() == "bad --dns-server 'dns.example:53'");
    CHECK_FALSE(error.hint().empty());
  }
}

TEST_CASE("dns::make_ares_resolver: describe names the servers, transports and bound")
{
  AresOptions options;
  options.servers = {"127.0.0.1:5353"};
  options.timeout = 3s;
  CHECK(make_ares_resolver(options)->describe() == "127.0.0.1@5353 (UDP, TCP on truncation), timeout 3 s");

  options.servers = {"127.0.53.1:53053", "[::1]"};
  options.timeout = 1500ms;
  CHECK(make_ares_resolver(options)->describe() ==
        "127.0.53.1@53053, ::1@53 (UDP, TCP on truncation; servers tried in order), timeout 1.5 s");
}

TEST_CASE("dns::make_ares_resolver: no questions, no answers")
{
  AresOptions options;
  options.servers = {"127.0.0.1:5353"};
  CHECK(make_ares_resolver(options)->resolve({}).empty());
}

// ---- Against an in-process DNS server on 127.0.0.1 (fake_dns_server.hpp) ----

namespace {

using sipfo::testing::Bytes;
using sipfo::testing::DnsAnswerBuilder;
using sipfo::testing::FakeDnsServer;
using sipfo::testing::Via;

// The question "alias.test." as c-ares sends it: "alias" at 12, "test" at 18,
// QTYPE at 24, first RR of an answer at 28.
constexpr std::uint16_t at_alias = 12, at_test = 18;

std::uint16_t query_type(const Bytes& query)
{
  return static_cast<std::uint16_t>(query[query.size() - 4] << 8 | query[query.size() - 3]);
}

// test. SOA ns.test. h.test. 1 2 3 4 MINIMUM in the authority section:
// rdata ("ns" 3 + ptr 2) + ("h" 2 + ptr 2) + 20 = 29.
void append_soa(DnsAnswerBuilder& b, std::uint32_t ttl, std::uint32_t minimum)
{
  b.rr(at_test, 6, ttl, 29).label("ns").pointer(at_test).label("h").pointer(at_test);
  b.u32(1).u32(2).u32(3).u32(4).u32(minimum);
}

AresOptions options_for(const FakeDnsServer& server, std::chrono::milliseconds timeout = 2s)
{
  AresOptions options;
  options.servers = {server.server()};
  options.timeout = timeout;
  return options;
}

// One question through a fresh resolver (Resolver::resolve_one lives in another file).
Answer ask_one(const AresOptions& options, const Question& question)
{
  auto answers = make_ares_resolver(options)->resolve(std::vector<Question>{question});
  REQUIRE(answers.size() == 1);
  return answers[0];
}

Answer ask(const FakeDnsServer& server, RrType type, std::chrono::milliseconds timeout = 2s)
{
  return ask_one(options_for(server, timeout), Question{"alias.test.", type});
}

} // namespace

TEST_CASE("dns::AresResolver: NOERROR through a CNAME keeps the chain in wire order")
{
  Bytes sent;
  FakeDnsServer server([&](const Bytes& query, Via) -> std::optional<Bytes> {
    DnsAnswerBuilder b(query, 0, 2, 0); // first RR at 28
    b.rr(at_alias, 5, 120, 9).label("target").pointer(at_test); // "target" at 28 + 12 = 40
    b.rr(40, 1, 300, 4).u8(10).u8(0).u8(0).u8(7);
    sent = b.bytes;
    return b.bytes;
  });
  auto options = options_for(server);
  auto answers = make_ares_resolver(options)->resolve(std::vector<Question>{{"alias.test.", RrType::a}});
  REQUIRE(answers.size() == 1);
  const auto& answer = answers[0];
  CHECK(answer.question == Question{"alias.test.", RrType::a});
  CHECK(answer.outcome == Outcome::noerror);
  REQUIRE(answer.records.size() == 2);
  CHECK(answer.records[0] == Record{"alias.test.", RrType::cname, 120, NameData{"target.test."}});
  CHECK(answer.records[1] == Record{"target.test.", RrType::a, 300, AddressData{"10.0.0.7"}});
  CHECK(answer.carrier == Carrier::udp);
  CHECK_FALSE(answer.truncated);
  CHECK_FALSE(answer.negative_ttl);
  CHECK(answer.source == "127.0.0.1@" + std::to_string(server.port()));
  CHECK(answer.size == sent.size());
  // The round trip was measured (a real exchange takes some time); how long is
  // the machine's business, so no upper bound is asserted.
  REQUIRE(answer.elapsed);
  CHECK(answer.elapsed->count() > 0);
}

TEST_CASE("dns::AresResolver: a CNAME to a name without the type is NODATA with the SOA's negative TTL")
{
  FakeDnsServer server([](const Bytes& query, Via) -> std::optional<Bytes> {
    DnsAnswerBuilder b(query, 0, 1, 1);
    b.rr(at_alias, 5, 120, 9).label("target").pointer(at_test);
    append_soa(b, 900, 30);
    return b.bytes;
  });
  auto answer = ask(server, RrType::srv);
  CHECK(answer.outcome == Outcome::nodata);
  CHECK(answer.records.size() == 1);
  CHECK(answer.negative_ttl == 30u);
}

TEST_CASE("dns::AresResolver: NXDOMAIN, SERVFAIL, REFUSED, NOTIMP come back as asked once")
{
  struct Case {
    std::uint8_t rcode;
    Outcome outcome;
  };
  for (auto [rcode, outcome] : {Case{3, Outcome::nxdomain}, Case{2, Outcome::servfail}, Case{5, Outcome::refused},
                                Case{4, Outcome::servfail}}) {
    CAPTURE(int{rcode});
    FakeDnsServer server([rcode = rcode](const Bytes& query, Via) -> std::optional<Bytes> {
      DnsAnswerBuilder b(query, rcode, 0, 1);
      append_soa(b, 10, 30);
      return b.bytes;
    });
    auto answer = ask(server, RrType::a);
    CHECK(answer.outcome == outcome);
    CHECK(answer.records.empty());
    // NOCHECKRESP: c-ares does not try again after SERVFAIL/REFUSED.
    CHECK(server.queries(Via::udp) == 1);
    if (outcome == Outcome::nxdomain) {
      CHECK(answer.negative_ttl == 10u); // the SOA's TTL is below MINIMUM
    } else {
      CHECK_FALSE(answer.negative_ttl); // only negative answers carry it
    }
  }
}

TEST_CASE("dns::AresResolver: a truncated UDP answer is asked again over TCP")
{
  FakeDnsServer server([](const Bytes& query, Via via) -> std::optional<Bytes> {
    if (via == Via::udp) return DnsAnswerBuilder(query, 0, 0, 0, 0x0200).bytes; // TC, no records
    DnsAnswerBuilder b(query, 0, 1, 0);
    b.rr(at_alias, 33, 36, 14).u16(1).u16(10).u16(5060).label("piper").pointer(at_test);
    return b.bytes;
  });
  auto answer = ask(server, RrType::srv);
  CHECK(answer.outcome == Outcome::noerror);
  CHECK(answer.truncated);
  CHECK(answer.carrier == Carrier::tcp);
  REQUIRE(answer.records.size() == 1);
  CHECK(answer.records[0] == Record{"alias.test.", RrType::srv, 36, SrvData{1, 10, 5060, "piper.test."}});
  CHECK(server.queries(Via::udp) == 1);
  CHECK(server.queries(Via::tcp) == 1);
}

TEST_CASE("dns::AresResolver: a server that never answers is TIMEOUT within the bound")
{
  FakeDnsServer server([](const Bytes&, Via) -> std::optional<Bytes> { return std::nullopt; });
  const std::vector<Question> questions = {{"alias.test.", RrType::a},
                                           {"alias.test.", RrType::srv},
                                           {"alias.test.", RrType::naptr},
                                           {"alias.test.", RrType::aaaa}};
  const auto started = std::chrono::steady_clock::now();
  auto answers = make_ares_resolver(options_for(server, 500ms))->resolve(questions);
  const auto took = std::chrono::steady_clock::now() - started;
  REQUIRE(answers.size() == 4);
  for (const auto& answer : answers) {
    CHECK(answer.outcome == Outcome::timeout);
    CHECK(answer.size == 0);
    REQUIRE(answer.elapsed);
    // c-ares's own tries (3 x 166 ms) or the hard deadline, whichever is first
    CHECK(*answer.elapsed >= 450ms);
    CHECK(*answer.elapsed < 1000ms);
  }
  CHECK(took < 1500ms); // side by side: one after the other would take 2 s
  CHECK(server.queries(Via::udp) >= 8); // c-ares asked each twice inside the bound
}

TEST_CASE("dns::AresResolver: a malformed answer is MALFORMED with the reason, not the server's SERVFAIL")
{
  FakeDnsServer server([](const Bytes& query, Via) -> std::optional<Bytes> {
    return DnsAnswerBuilder(query, 0, 1, 0).bytes; // ANCOUNT 1, no record
  });
  auto answer = ask(server, RrType::a);
  CHECK(answer.outcome == Outcome::malformed);
  CHECK(answer.records.empty());
  CHECK(answer.problem == "the reply could not be read: answer record 1 of 1: it ends at byte 28, where a name "
                          "should start");
  CHECK(answer.source == "127.0.0.1@" + std::to_string(server.port()));
}

TEST_CASE("dns::AresResolver: an A answer cut short inside its rdata is MALFORMED over UDP and over TCP")
{
  // The issue 16 crash: RDLENGTH 4, two bytes present. Over TCP it comes after
  // a truncated UDP answer.
  for (const bool over_tcp : {false, true}) {
    CAPTURE(over_tcp);
    FakeDnsServer server([&](const Bytes& query, Via via) -> std::optional<Bytes> {
      if (over_tcp && via == Via::udp) return DnsAnswerBuilder(query, 0, 0, 0, 0x0200).bytes;
      DnsAnswerBuilder b(query, 0, 1, 0);
      b.rr(at_alias, 1, 60, 4).u8(10).u8(0);
      return b.bytes;
    });
    auto answer = ask(server, RrType::a);
    CHECK(answer.outcome == Outcome::malformed);
    CHECK(answer.carrier == (over_tcp ? Carrier::tcp : Carrier::udp));
    CHECK(answer.problem ==
          "the reply could not be read: answer record 1 of 1: its RDLENGTH is 4, but only 2 bytes are left in "
          "the message");
  }
}

TEST_CASE("dns::AresResolver: a reply with QR=0 is MALFORMED and its records are not used")
{
  FakeDnsServer server([](const Bytes& query, Via) -> std::optional<Bytes> {
    DnsAnswerBuilder b(query, 0, 1, 0);
    b.bytes[2] &= 0x7f; // QR=0: a query
    b.rr(at_alias, 1, 60, 4).u8(10).u8(0).u8(0).u8(1);
    return b.bytes;
  });
  auto answer = ask(server, RrType::a);
  CHECK(answer.outcome == Outcome::malformed);
  CHECK(answer.records.empty());
  CHECK(answer.data().empty());
  CHECK(answer.problem == "the reply has QR=0: it is a query, not a response (RFC 1035 4.1.1)");
}

TEST_CASE("dns::AresResolver: NXDOMAIN with answer records keeps only the CNAME chain and says what it dropped")
{
  FakeDnsServer server([](const Bytes& query, Via) -> std::optional<Bytes> {
    DnsAnswerBuilder b(query, 3, 2, 0);
    b.rr(at_alias, 5, 60, 7).label("gone").pointer(at_test); // alias.test. CNAME gone.test.
    b.rr(at_alias, 1, 60, 4).u8(10).u8(9).u8(9).u8(9);       // and an A that cannot be
    return b.bytes;
  });
  auto answer = ask(server, RrType::a);
  CHECK(answer.outcome == Outcome::nxdomain);
  REQUIRE(answer.records.size() == 1);
  CHECK(answer.records[0].type == RrType::cname);
  CHECK(answer.data().empty());
  CHECK(answer.problem == "the NXDOMAIN reply also carried 1 answer record (A 10.9.9.9); a name that does not "
                          "exist has no data, so sipfo did not use it");
}

TEST_CASE("dns::AresResolver: names with DDD and dot escapes are asked as the right wire labels")
{
  // c-ares 1.18 takes presentation text but knows only \X, not \DDD.
  std::vector<std::vector<std::string>> seen;
  FakeDnsServer server([&](const Bytes& query, Via) -> std::optional<Bytes> {
    std::vector<std::string> labels;
    for (std::size_t at = 12; at < query.size() && query[at] != 0 && labels.size() < 10; at += 1 + query[at]) {
      labels.emplace_back(query.begin() + static_cast<long>(at) + 1,
                          query.begin() + static_cast<long>(at) + 1 + query[at]);
    }
    seen.push_back(labels);
    DnsAnswerBuilder b(query, 0, 1, 0);
    b.rr(12, 1, 60, 4).u8(10).u8(0).u8(0).u8(7); // owner: a pointer to the question
    return b.bytes;
  });
  const std::vector<Question> questions = {{"a\\032b.test.", RrType::a},
                                           {"x\\.y.test", RrType::a},
                                           {"back\\\\slash.test.", RrType::a},
                                           {"\\065bc.test.", RrType::a}};
  auto answers = make_ares_resolver(options_for(server))->resolve(questions);
  REQUIRE(answers.size() == 4);
  for (const auto& answer : answers) {
    CAPTURE(answer.question.name);
    CHECK(answer.outcome == Outcome::noerror); // the owner matched the question as asked
    CHECK(answer.data().size() == 1);
  }
  std::set<std::vector<std::string>> expected = {{"a b", "test"}, {"x.y", "test"}, {"back\\slash", "test"},
                                                 {"Abc", "test"}};
  CHECK(std::set<std::vector<std::string>>(seen.begin(), seen.end()) == expected);
  CHECK(answers[0].records.at(0).owner == "a\\032b.test.");
}

TEST_CASE("dns::AresResolver: a name with a zero octet is an input error, not a mangled query")
{
  FakeDnsServer server([](const Bytes&, Via) -> std::optional<Bytes> { return std::nullopt; });
  CHECK_THROWS_AS(ask_one(options_for(server), Question{"a\\000b.test.", RrType::a}), sipfo::util::InputError);
  CHECK(server.queries(Via::udp) == 0);
}

TEST_CASE("dns::AresResolver: a closed port is UNREACHABLE at once")
{
  // A port that was free a moment ago: bind, read it back, close. An address of
  // its own, so no other program's client socket can be given the port meanwhile.
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(0x7f0035fe); // 127.0.53.254
  socklen_t length = sizeof address;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0);
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(fd);

  AresOptions options;
  options.servers = {"127.0.53.254:" + std::to_string(ntohs(address.sin_port))};
  options.timeout = 5s;
  auto answer = ask_one(options, Question{"alias.test.", RrType::a});
  CHECK(answer.outcome == Outcome::unreachable);
  REQUIRE(answer.elapsed);
  CHECK(*answer.elapsed < 1s);
}

TEST_CASE("dns::AresResolver: answers come in question order and name the server that answered")
{
  FakeDnsServer server([](const Bytes& query, Via) -> std::optional<Bytes> {
    if (query_type(query) == 33) return DnsAnswerBuilder(query, 3, 0, 0).bytes;
    DnsAnswerBuilder b(query, 0, 1, 0);
    b.rr(at_alias, 1, 60, 4).u8(10).u8(0).u8(0).u8(1);
    return b.bytes;
  });
  AresOptions options = options_for(server);
  options.servers.push_back("127.0.0.2:53"); // never asked: the first server answers
  const std::vector<Question> questions = {{"alias.test.", RrType::srv}, {"alias.test.", RrType::a}};
  auto answers = make_ares_resolver(options)->resolve(questions);
  REQUIRE(answers.size() == 2);
  CHECK(answers[0].question == questions[0]);
  CHECK(answers[0].outcome == Outcome::nxdomain);
  CHECK(answers[1].question == questions[1]);
  CHECK(answers[1].outcome == Outcome::noerror);
  for (const auto& answer : answers) {
    CHECK(answer.source == "127.0.0.1@" + std::to_string(server.port()));
    CHECK(answer.missed.empty());
  }
}

namespace {

Bytes a_answer(const Bytes& query)
{
  DnsAnswerBuilder b(query, 0, 1, 0);
  b.rr(at_alias, 1, 60, 4).u8(10).u8(0).u8(0).u8(1);
  return b.bytes;
}

} // namespace

TEST_CASE("dns::AresResolver: a silent first server is passed over and the second is credited (issue 10 item 9)")
{
  FakeDnsServer silent([](const Bytes&, Via) -> std::optional<Bytes> { return std::nullopt; });
  FakeDnsServer good([](const Bytes& query, Via) -> std::optional<Bytes> { return a_answer(query); });
  const auto silent_source = "127.0.0.1@" + std::to_string(silent.port());
  const auto good_source = "127.0.0.1@" + std::to_string(good.port());

  SUBCASE("silent first")
  {
    AresOptions options;
    options.servers = {silent.server(), good.server()};
    options.timeout = 1200ms; // 600 ms each: tries of 200 ms and 400 ms
    auto answers = make_ares_resolver(options)->resolve(
      std::vector<Question>{{"alias.test.", RrType::a}, {"alias.test.", RrType::srv}});
    REQUIRE(answers.size() == 2);
    CHECK(answers[0].outcome == Outcome::noerror);
    CHECK(answers[1].outcome == Outcome::nodata); // the fake answers A to everything
    for (const auto& answer : answers) {
      CHECK(answer.source == good_source);
      REQUIRE(answer.missed.size() == 1);
      CHECK(answer.missed[0].source == silent_source);
      CHECK(answer.missed[0].outcome == Outcome::timeout);
      CHECK(answer.missed[0].waited >= 550ms);
      CHECK(answer.missed[0].waited < 1100ms); // a loaded machine may be late
    }
    CHECK(silent.queries(Via::udp) == 4); // each question twice
    CHECK(good.queries(Via::udp) == 2);
  }
  SUBCASE("good first: the silent one is never asked")
  {
    AresOptions options;
    options.servers = {good.server(), silent.server()};
    options.timeout = 1200ms;
    auto answer = ask_one(options, Question{"alias.test.", RrType::a});
    CHECK(answer.outcome == Outcome::noerror);
    CHECK(answer.source == good_source);
    CHECK(answer.missed.empty());
    CHECK(silent.queries(Via::udp) == 0);
  }
  SUBCASE("both silent: TIMEOUT naming both, in order")
  {
    FakeDnsServer also_silent([](const Bytes&, Via) -> std::optional<Bytes> { return std::nullopt; });
    AresOptions options;
    options.servers = {silent.server(), also_silent.server()};
    options.timeout = 600ms;
    auto answer = ask_one(options, Question{"alias.test.", RrType::a});
    CHECK(answer.outcome == Outcome::timeout);
    CHECK(answer.source == silent_source + ", 127.0.0.1@" + std::to_string(also_silent.port()));
    CHECK(answer.missed.empty());
  }
}

TEST_CASE("dns::AresResolver: a closed first server costs nothing and is still named")
{
  // See "a closed port is UNREACHABLE at once" for the free port.
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(0x7f0035fd); // 127.0.53.253
  socklen_t length = sizeof address;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0);
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(fd);
  const auto closed = "127.0.53.253:" + std::to_string(ntohs(address.sin_port));

  FakeDnsServer good([](const Bytes& query, Via) -> std::optional<Bytes> { return a_answer(query); });
  AresOptions options;
  options.servers = {closed, good.server()};
  options.timeout = 4s;
  auto answer = ask_one(options, Question{"alias.test.", RrType::a});
  CHECK(answer.outcome == Outcome::noerror);
  CHECK(answer.source == "127.0.0.1@" + std::to_string(good.port()));
  REQUIRE(answer.missed.size() == 1);
  CHECK(answer.missed[0].source == "127.0.53.253@" + std::to_string(ntohs(address.sin_port)));
  CHECK(answer.missed[0].outcome == Outcome::unreachable);
  CHECK(answer.missed[0].waited < 1s);
}
