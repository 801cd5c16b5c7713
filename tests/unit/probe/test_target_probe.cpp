#include "sipfo/probe/target_probe.hpp"

#include "sipfo/sip/response_parser.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

using namespace sipfo::probe;
using namespace sipfo::sip;
using std::chrono::milliseconds;

namespace {

// A connection that records what is sent and delivers what the test queues.
struct FakeWire {
  std::vector<std::string> sent;
  std::vector<std::string> inbox;
  std::optional<std::string> failure;
  ConnectionPhase phase = ConnectionPhase::established;
};

class FakeConnection final : public Connection {
public:
  explicit FakeConnection(std::shared_ptr<FakeWire> wire) : wire_(std::move(wire)) {}
  int fd() const noexcept override { return 3; }
  short wanted_events() const noexcept override { return 1; }
  void send(std::string_view message) override { wire_->sent.emplace_back(message); }
  void on_ready(short, std::vector<std::string>& received) override
  {
    for (auto& m : wire_->inbox) received.push_back(m);
    wire_->inbox.clear();
  }
  const std::optional<std::string>& failure() const noexcept override { return wire_->failure; }
  LocalAddress local_address() const override { return {"127.0.0.1", 40000}; }
  ConnectionPhase phase() const noexcept override { return wire_->phase; }

private:
  std::shared_ptr<FakeWire> wire_;
};

Target udp_target()
{
  Target t;
  t.endpoint = {"127.0.0.9", 5060, Transport::udp};
  return t;
}

// A response to the request `request` (as sent), echoing its Via and CSeq.
std::string answer(const std::string& request, int code, const std::string& reason, const std::string& extra = "")
{
  auto header = [&request](const std::string& name) {
    std::size_t at = request.find("\r\n" + name + ": ");
    std::size_t start = at + name.size() + 4;
    return request.substr(start, request.find("\r\n", start) - start);
  };
  return fmt::format("SIP/2.0 {} {}\r\nVia: {}\r\nCSeq: {}\r\nCall-ID: {}\r\n{}Content-Length: 0\r\n\r\n", code,
                     reason, header("Via"), header("CSeq"), header("Call-ID"), extra);
}

bool starts_with(const std::string& text, const std::string& prefix)
{
  return text.rfind(prefix, 0) == 0;
}

const TimePoint t0{};

} // namespace

TEST_CASE("probe::TargetProbe: OPTIONS 200 ends the probe with the server's code and RTT")
{
  auto wire = std::make_shared<FakeWire>();
  TargetProbe probe(udp_target(), ProbeSettings{}, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  REQUIRE(wire->sent.size() == 1);
  CHECK(starts_with(wire->sent[0], "OPTIONS sip:127.0.0.9:5060 SIP/2.0\r\n"));
  wire->inbox.push_back(answer(wire->sent[0], 200, "OK"));
  probe.on_ready(1, t0 + milliseconds(12));
  REQUIRE(probe.done());
  REQUIRE(probe.result().options);
  CHECK(probe.result().options->code == 200);
  CHECK(probe.result().options->origin == Origin::server);
  CHECK(probe.result().options->rtt == milliseconds(12));
  CHECK_FALSE(probe.result().registration);
}

TEST_CASE("probe::TargetProbe: a silent UDP server gets 11 sends and a local 408 at 32 s")
{
  auto wire = std::make_shared<FakeWire>();
  TargetProbe probe(udp_target(), ProbeSettings{}, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  std::vector<long> deadlines;
  while (!probe.done()) {
    TimePoint due = probe.next_deadline();
    deadlines.push_back(static_cast<long>(std::chrono::duration_cast<milliseconds>(due - t0).count()));
    probe.on_time(due);
  }
  const std::vector<long> expected{500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500, 32000};
  CHECK(deadlines == expected);
  CHECK(wire->sent.size() == 11);
  CHECK(wire->sent[10] == wire->sent[0]); // a retransmission is the same request
  REQUIRE(probe.result().options);
  CHECK(probe.result().options->code == 408);
  CHECK(probe.result().options->origin == Origin::local);
  CHECK(probe.result().options->sends == 11);
}

TEST_CASE("probe::TargetProbe: a transport failure ends every open transaction as a local 503 at once")
{
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "example.com", std::string("pw")};
  TargetProbe probe(udp_target(), settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  CHECK(wire->sent.size() == 2);
  wire->failure = "ICMP port unreachable";
  probe.on_ready(8, t0 + milliseconds(1));
  REQUIRE(probe.done());
  CHECK(probe.result().options->code == 503);
  CHECK(probe.result().options->reason == "ICMP port unreachable");
  CHECK(probe.result().options->origin == Origin::local);
  CHECK(probe.result().registration->code == 503);
}

TEST_CASE("probe::TargetProbe: REGISTER 401 is answered once with digest credentials in a new transaction")
{
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "example.com", std::string("secret-pw")};
  TargetProbe probe(udp_target(), settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  REQUIRE(wire->sent.size() == 2);
  const std::string first_register = wire->sent[1];
  CHECK(starts_with(first_register, "REGISTER sip:example.com SIP/2.0\r\n"));
  CHECK(first_register.find("To: <sip:1512@example.com>\r\n") != std::string::npos);
  CHECK(first_register.find("Contact") == std::string::npos); // binding query (RFC 3261 10.2.3)

  wire->inbox.push_back(answer(first_register, 401, "Unauthorized",
                               "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"abc\", qop=\"auth\"\r\n"));
  probe.on_ready(1, t0 + milliseconds(5));
  REQUIRE(wire->sent.size() == 3);
  const std::string retry = wire->sent[2];
  CHECK(retry.find("CSeq: 2 REGISTER\r\n") != std::string::npos);
  CHECK(retry.find("Authorization: Digest username=\"1512\", realm=\"example.com\", nonce=\"abc\"") != std::string::npos);
  CHECK(retry.find("secret-pw") == std::string::npos);
  auto via = [](const std::string& m) { return m.substr(m.find("Via:"), m.find("\r\n", m.find("Via:")) - m.find("Via:")); };
  CHECK(via(retry) != via(first_register)); // fresh branch

  // The old transaction is completed: a late duplicate 401 is absorbed
  // (RFC 3261 17.1.2.2), neither re-answered nor counted as a stray.
  wire->inbox.push_back(answer(first_register, 401, "Unauthorized",
                               "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"abc\"\r\n"));
  wire->inbox.push_back(answer(retry, 403, "Forbidden"));
  probe.on_ready(1, t0 + milliseconds(9));
  CHECK(wire->sent.size() == 3);
  CHECK(probe.result().ignored_messages == 0);
  REQUIRE(probe.result().registration);
  CHECK(probe.result().registration->code == 403);
  CHECK(probe.result().registration->credentials_sent);
  CHECK_FALSE(probe.done()); // OPTIONS still open
}

TEST_CASE("probe::TargetProbe: a second 401 after credentials is final (wrong password)")
{
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "", std::string("wrong")};
  TargetProbe probe(udp_target(), settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  const std::string challenge = "WWW-Authenticate: Digest realm=\"r\", nonce=\"n1\"\r\n";
  wire->inbox.push_back(answer(wire->sent[1], 401, "Unauthorized", challenge));
  probe.on_ready(1, t0);
  REQUIRE(wire->sent.size() == 3);
  CHECK(starts_with(wire->sent[1], "REGISTER sip:127.0.0.9 SIP/2.0\r\n")); // domain defaults to the address
  wire->inbox.push_back(answer(wire->sent[2], 401, "Unauthorized", challenge));
  probe.on_ready(1, t0);
  CHECK(wire->sent.size() == 3);
  REQUIRE(probe.result().registration);
  CHECK(probe.result().registration->code == 401);
  CHECK(probe.result().registration->credentials_sent);
}

TEST_CASE("probe::TargetProbe: 401 without a password is final and says so")
{
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "example.com", std::nullopt};
  TargetProbe probe(udp_target(), settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  wire->inbox.push_back(answer(wire->sent[1], 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\n"));
  probe.on_ready(1, t0);
  CHECK(wire->sent.size() == 2);
  CHECK(probe.result().registration->code == 401);
  CHECK(probe.result().registration->reason == "Unauthorized (no password given)");
  CHECK_FALSE(probe.result().registration->credentials_sent);
}

TEST_CASE("probe::TargetProbe: bind mode registers a Contact and then removes it with Expires: 0")
{
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "example.com", std::string("pw")};
  settings.register_mode = RegisterMode::bind;
  TargetProbe probe(udp_target(), settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  CHECK(wire->sent[1].find("Contact: <sip:sipfo-probe-") != std::string::npos);
  CHECK(wire->sent[1].find("Expires: 60\r\n") != std::string::npos);
  wire->inbox.push_back(answer(wire->sent[0], 200, "OK"));
  wire->inbox.push_back(answer(wire->sent[1], 200, "OK"));
  probe.on_ready(1, t0);
  REQUIRE(wire->sent.size() == 3);
  CHECK(wire->sent[2].find("Expires: 0\r\n") != std::string::npos);
  CHECK(wire->sent[2].find("CSeq: 2 REGISTER\r\n") != std::string::npos);
  CHECK_FALSE(probe.done());
  wire->inbox.push_back(answer(wire->sent[2], 200, "OK"));
  probe.on_ready(1, t0);
  CHECK(probe.done());
  CHECK(probe.result().registration->code == 200);
  CHECK(probe.result().unregistration->code == 200);
}

TEST_CASE("probe::TargetProbe: provisional responses, garbage and strays do not end a transaction")
{
  auto wire = std::make_shared<FakeWire>();
  TargetProbe probe(udp_target(), ProbeSettings{}, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  wire->inbox.push_back(answer(wire->sent[0], 100, "Trying"));
  wire->inbox.push_back("garbage\r\n\r\n");
  wire->inbox.push_back("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP x;branch=z9hG4bKother\r\nCSeq: 1 OPTIONS\r\n\r\n");
  probe.on_ready(1, t0);
  CHECK_FALSE(probe.done());
  CHECK(probe.result().ignored_messages == 2);
  CHECK(probe.result().last_ignored == "response matches no transaction");
  // Proceeding: Timer E at T2, so after the send at 0.5 s the next is at 4.5 s.
  probe.on_time(t0 + milliseconds(500));
  CHECK(probe.next_deadline() == t0 + milliseconds(4500));
  wire->inbox.push_back(answer(wire->sent[0], 503, "Service Unavailable", "Retry-After: 300\r\n"));
  probe.on_ready(1, t0 + milliseconds(600));
  REQUIRE(probe.done());
  CHECK(probe.result().options->code == 503);
  CHECK(probe.result().options->origin == Origin::server);
  CHECK(probe.result().options->retry_after == std::chrono::seconds(300));
}

TEST_CASE("probe::TargetProbe: over UDP a server slower than T1 answers both copies and the second 200 is absorbed")
{
  // RFC 3261 17.1.2.2: the request goes again at T1 (500 ms); a healthy server
  // 700 ms away answers each copy (17.2.2 resends its final for a retransmission).
  // The completed transaction absorbs the second 200 during Timer K (T4 = 5 s).
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "example.com", std::nullopt};
  TargetProbe probe(udp_target(), settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  const std::string options = wire->sent[0];
  probe.on_time(t0 + milliseconds(500));
  REQUIRE(wire->sent.size() == 4); // OPTIONS and REGISTER, each sent again at T1
  CHECK(wire->sent[2] == options);
  wire->inbox.push_back(answer(options, 200, "OK"));
  probe.on_ready(1, t0 + milliseconds(700));
  REQUIRE(probe.result().options);
  CHECK(probe.result().options->code == 200);
  CHECK(probe.result().options->sends == 2);
  wire->inbox.push_back(answer(options, 200, "OK")); // the answer to the retransmission
  probe.on_ready(1, t0 + milliseconds(1200));
  CHECK(probe.result().ignored_messages == 0);
  CHECK(probe.result().options->code == 200);
  // After Timer K the transaction is gone: the same response is now a stray.
  wire->inbox.push_back(answer(options, 200, "OK"));
  probe.on_ready(1, t0 + milliseconds(700 + 5001));
  CHECK(probe.result().ignored_messages == 1);
  CHECK(probe.result().last_ignored == "response matches no transaction");
}

TEST_CASE("probe::TargetProbe: over TCP a second final response is a stray (Timer K is zero)")
{
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "example.com", std::nullopt};
  Target target = udp_target();
  target.endpoint.transport = Transport::tcp;
  TargetProbe probe(target, settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  wire->inbox.push_back(answer(wire->sent[0], 200, "OK"));
  wire->inbox.push_back(answer(wire->sent[0], 200, "OK"));
  probe.on_ready(1, t0 + milliseconds(10));
  CHECK(probe.result().options->code == 200);
  CHECK(probe.result().ignored_messages == 1);
}

TEST_CASE("probe::TargetProbe: a challenge with an unknown algorithm is not answered and says which algorithm")
{
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "example.com", std::string("pw")};
  TargetProbe probe(udp_target(), settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  wire->inbox.push_back(answer(wire->sent[1], 401, "Unauthorized",
                               "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1\r\n"));
  probe.on_ready(1, t0);
  CHECK(wire->sent.size() == 2); // nothing to answer with
  REQUIRE(probe.result().registration);
  const Exchange& reg = *probe.result().registration;
  CHECK(reg.code == 401);
  CHECK_FALSE(reg.credentials_sent);
  CHECK(reg.reason == "Unauthorized"); // not "(no password given)": one was given
  CHECK(reg.challenge_problem == ChallengeProblem::unsupported_algorithm);
  CHECK(reg.challenge_detail == "SHA-1");
}

TEST_CASE("probe::TargetProbe: a 407 with an unterminated quote is a malformed challenge")
{
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "example.com", std::string("pw")};
  TargetProbe probe(udp_target(), settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  wire->inbox.push_back(answer(wire->sent[1], 407, "Proxy Authentication Required",
                               "Proxy-Authenticate: Digest realm=\"r, nonce=\"n\"\r\n"));
  probe.on_ready(1, t0);
  CHECK(wire->sent.size() == 2);
  const Exchange& reg = *probe.result().registration;
  CHECK(reg.code == 407);
  CHECK(reg.challenge_problem == ChallengeProblem::malformed);
  CHECK(reg.challenge_detail == "unterminated quoted string");
}

TEST_CASE("probe::TargetProbe: a 302 to REGISTER ends it and keeps the Contact it redirects to")
{
  auto wire = std::make_shared<FakeWire>();
  ProbeSettings settings;
  settings.account = Account{"1512", "", "example.com", std::nullopt};
  TargetProbe probe(udp_target(), settings, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  wire->inbox.push_back(answer(wire->sent[1], 302, "Moved Temporarily",
                               "Contact: <sip:1512@192.0.2.7:5060>\r\nContact: <sip:1512@192.0.2.8>;q=0.5\r\n"));
  probe.on_ready(1, t0);
  CHECK(wire->sent.size() == 2); // RFC 3261 8.1.3.4 allows following it; sipfo reports it instead
  const Exchange& reg = *probe.result().registration;
  CHECK(reg.code == 302);
  const std::vector<std::string> expected{"<sip:1512@192.0.2.7:5060>", "<sip:1512@192.0.2.8>;q=0.5"};
  CHECK(reg.redirect_contacts == expected);
}

TEST_CASE("probe::TargetProbe: Timer F in a stalled TLS handshake is a handshake timeout, not a SIP timeout")
{
  auto wire = std::make_shared<FakeWire>();
  wire->phase = ConnectionPhase::tls_handshake;
  Target target = udp_target();
  target.endpoint.transport = Transport::tls;
  TargetProbe probe(target, ProbeSettings{}, std::make_unique<FakeConnection>(wire));
  probe.start(t0);
  probe.on_time(probe.next_deadline());
  REQUIRE(probe.done());
  const Exchange& options = *probe.result().options;
  CHECK(options.code == 408);
  CHECK(options.origin == Origin::local);
  CHECK(options.stalled_in == ConnectionPhase::tls_handshake);
  CHECK(options.reason == "TLS handshake not completed (Timer F)");
  CHECK(options.rtt == milliseconds(32000)); // 64*T1 (RFC 3261 17.1.2.2)

  auto ready = std::make_shared<FakeWire>(); // an established stream that stays silent: a SIP timeout
  target.endpoint.transport = Transport::tcp;
  TargetProbe silent(target, ProbeSettings{}, std::make_unique<FakeConnection>(ready));
  silent.start(t0);
  silent.on_time(silent.next_deadline());
  CHECK(silent.result().options->stalled_in == ConnectionPhase::established);
  CHECK(silent.result().options->reason == "no response (Timer F)");
}
