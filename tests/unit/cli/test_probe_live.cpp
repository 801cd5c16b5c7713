// What `sipfo probe` shows while it runs: the progress line, live rows, the
// SIP trace; and the checks of --source, --from, --user-agent.

#include "cli/probe_live.hpp"
#include "cli/probe_progress.hpp"
#include "cli/probe_source.hpp"
#include "cli/probe_trace.hpp"

#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace std::chrono_literals;

namespace {

std::string input_error(void (*call)(std::string_view), std::string_view text)
{
  try {
    call(text);
  } catch (const sipfo::util::InputError& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("cli::progress_text: done, waiting, and the countdown to Timer F")
{
  const sipfo::sip::TimePoint now{};
  sipfo::probe::EngineProgress progress{1, 3, 2, now + 26'200ms};
  CHECK(sipfo::cli::progress_text(progress, now) == "probing: 1/3 done, 2 waiting (at most 27 s more, Timer F)");
  progress.gives_up_by = now - 1s; // overdue by scheduling: never negative
  CHECK(sipfo::cli::progress_text(progress, now) == "probing: 1/3 done, 2 waiting (at most 0 s more, Timer F)");
  CHECK(sipfo::cli::progress_text({3, 3, 0, std::nullopt}, now) == "probing: 3/3 done");
}

TEST_CASE("cli::trace_text: a metadata line, the message line by line, escaped, then a blank line")
{
  sipfo::probe::TracedMessage message;
  message.direction = sipfo::probe::Direction::received;
  message.remote = {"::1", 5061, sipfo::sip::Transport::tls};
  message.local = {"[::1]", 40000};
  const std::string text = "SIP/2.0 200 OK\r\nServer: evil\x1b[2J\r\nContent-Length: 0\r\n\r\n";
  message.text = text;
  const auto at = std::chrono::system_clock::time_point{} + 86'400s + 3'723'456ms;
  CHECK(sipfo::cli::trace_text(message, at, false) ==
        ";; 1970-01-02T01:02:03.456Z  received  TLS [::1]:5061 -> [::1]:40000  (55 bytes)\n"
        "SIP/2.0 200 OK\n"
        "Server: evil\\x1b[2J\n"
        "Content-Length: 0\n"
        "\n");
  message.direction = sipfo::probe::Direction::sent;
  message.retransmission = true;
  message.remote = {"10.0.0.1", 5060, sipfo::sip::Transport::udp};
  message.local = {"10.0.0.9", 5070};
  const std::string request = "OPTIONS sip:10.0.0.1:5060 SIP/2.0\r\nContent-Length: 0\r\n\r\n";
  message.text = request;
  const std::string colored = sipfo::cli::trace_text(message, at, true);
  CHECK(colored.find("sent again (retransmission)  UDP 10.0.0.9:5070 -> 10.0.0.1:5060") != std::string::npos);
  CHECK(colored.find("\x1b[") != std::string::npos);
  CHECK(sipfo::cli::trace_text(message, at, false).find("\x1b") == std::string::npos);
  message.retransmission = false;
  message.queued = true;
  message.remote.transport = sipfo::sip::Transport::tcp;
  CHECK(sipfo::cli::trace_text(message, at, false).starts_with(
    ";; 1970-01-02T01:02:03.456Z  queued  TCP 10.0.0.9:5070 -> 10.0.0.1:5060  (56 bytes); goes out once the "
    "connection is up\n"));
}

TEST_CASE("cli::live_row: rank, server, status and each answer, or why it was not probed")
{
  sipfo::probe::TargetResult result;
  result.target.endpoint = {"10.0.0.1", 5060, sipfo::sip::Transport::udp};
  result.target.rank = 2;
  sipfo::probe::Exchange options;
  options.code = 200;
  options.reason = "OK";
  options.rtt = 12ms;
  result.options = options;
  CHECK(sipfo::cli::live_row(result, true) == "  P2:1  10.0.0.1:5060/udp  up  OPTIONS 200 OK 12 ms");
  sipfo::probe::TargetResult unresolved;
  unresolved.target.endpoint = {"", 5061, sipfo::sip::Transport::tls};
  unresolved.target.server_name = "nosuch.test";
  unresolved.not_probed = sipfo::probe::NotProbed::no_address;
  CHECK(sipfo::cli::live_row(unresolved, false) == "  1:1  nosuch.test:5061/tls  unknown (no address)");
}

TEST_CASE("cli::parse_source_option: an address of this machine, a port, IPv6 in brackets")
{
  const auto plain = sipfo::cli::parse_source_option("127.0.0.1");
  CHECK(plain.address == "127.0.0.1");
  CHECK(plain.port == 0);
  const auto bracketed = sipfo::cli::parse_source_option("[::1]:0");
  CHECK(bracketed.address == "::1");
  const auto parse = [](std::string_view text) { (void)sipfo::cli::parse_source_option(text); };
  CHECK(input_error(parse, "sbc.test") ==
        "--source 'sbc.test': not an IP address (a name is not accepted here) (write ADDR or ADDR:PORT, IPv6 in "
        "brackets: [::1]:5060)");
  CHECK(input_error(parse, "127.0.0.1:70000").starts_with("--source '127.0.0.1:70000': '70000' is not a port"));
  // 192.0.2.1 (TEST-NET-1) is no address of a test machine.
  CHECK(input_error(parse, "192.0.2.1") ==
        "--source '192.0.2.1': the source address is not one of this machine's (give an address of this machine "
        "('ip -brief address' lists them) and a free port)");
}

TEST_CASE("cli::check_from_option and check_user_agent_option: nothing that could add a header")
{
  CHECK(sipfo::cli::check_from_option("sips:probe@lab.test") == "sips:probe@lab.test");
  const auto from = [](std::string_view text) { (void)sipfo::cli::check_from_option(text); };
  CHECK(input_error(from, "probe@lab.test") ==
        "--from 'probe@lab.test': not a sip: or sips: URI (write a SIP URI such as sip:probe@example.com)");
  CHECK(input_error(from, "sip:a@b>\r\nX-Evil: 1").starts_with("--from holds a blank, a control character"));
  // No password in the URI: it would be printed in the header, the JSON and the trace.
  CHECK(input_error(from, "sip:probe:s3cret@lab.test").starts_with("--from holds a password"));
  CHECK(sipfo::cli::check_from_option("sip:probe@lab.test:5070") == "sip:probe@lab.test:5070");
  const auto agent = [](std::string_view text) { (void)sipfo::cli::check_user_agent_option(text); };
  CHECK(sipfo::cli::check_user_agent_option("PolycomSpectraLink/4.0 (84-Series)") ==
        "PolycomSpectraLink/4.0 (84-Series)");
  CHECK(input_error(agent, "phone\r\nX-Evil: 1").starts_with("--user-agent holds a control character"));
  CHECK(input_error(agent, "").starts_with("--user-agent is 0 bytes long"));
}
