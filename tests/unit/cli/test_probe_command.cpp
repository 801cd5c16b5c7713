// `sipfo probe`: options parsed in-process (bad usage is an InputError, exit 3,
// before anything is sent), the target and password helpers, and the real
// binary in every output mode, which must never print the password.

#include "cli/command.hpp"
#include "cli/probe_password.hpp"
#include "cli/probe_targets.hpp"

#include "sipfo/dns/zone.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct ParseOutcome {
  std::string where;
  std::string message; // "what (hint)"
};

ParseOutcome usage_error(std::vector<std::string> args)
{
  sipfo::cli::Context context;
  CLI::App app{"sipfo"};
  sipfo::cli::build_app(app, context);
  std::reverse(args.begin(), args.end()); // CLI11 takes the vector reversed
  try {
    app.parse(args);
  } catch (const sipfo::util::InputError& error) {
    return {error.where(), error.what()};
  }
  return {"", "no error"};
}

std::string message(std::vector<std::string> args)
{
  return usage_error(std::move(args)).message;
}

// A scratch file that is removed again.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text)
  {
    char name[] = "/tmp/sipfo-probe-test.XXXXXX";
    const int fd = ::mkstemp(name);
    REQUIRE(fd >= 0);
    ::close(fd);
    path = name;
    std::ofstream(path) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

// 127.0.0.1:9 (discard) is closed on a test machine: the probe ends at once
// with sipfo's own 503 and sends nothing beyond loopback.
const std::string closed = "127.0.0.1:9/udp";

} // namespace

TEST_CASE("cli probe: what to probe must be given, once")
{
  CHECK(message({"probe"}) ==
        "nothing to probe (give SPEC, --config FILE, --target HOST[:PORT][/udp|tcp|tls] or --targets-file FILE)");
  CHECK(message({"probe", "lab.test", "--target", closed}) ==
        "both a server setting (SPEC or --config) and --target/--targets-file were given "
        "(probe what a phone resolves, or explicit targets, not both)");
  CHECK(message({"probe", "--target", closed, "--profile", "pivot"}) ==
        "--profile, --transport and --port describe a SPEC; --target skips them "
        "(write the port and transport in the target: HOST:PORT/tcp)");
}

TEST_CASE("cli probe: a malformed --target is named")
{
  CHECK(message({"probe", "--target", "10.0.0.1:0"}) ==
        "--target '10.0.0.1:0': '0' is not a port (1-65535) (use HOST[:PORT][/udp|tcp|tls], IPv6 in brackets: "
        "[::1]:5060/udp)");
  CHECK(message({"probe", "--target", "10.0.0.1/sctp"}).starts_with("--target '10.0.0.1/sctp': unknown transport 'sctp'"));
}

TEST_CASE("cli probe: output modes exclude each other")
{
  CHECK(message({"probe", "--target", closed, "--json", "--format", "nagios"}) ==
        "--json, --json-lines, --format=nagios and --format=openmetrics exclude each other (pick one)");
  CHECK(message({"probe", "--target", closed, "--format", "xml"}) == "unknown --format 'xml' (use text, nagios or openmetrics)");
  CHECK(message({"probe", "--target", closed, "--json", "--watch", "5m"}) ==
        "--json prints one document, --watch a stream (use --json-lines with --watch)");
  CHECK(message({"probe", "--target", closed, "--format", "nagios", "--watch", "5m"}) ==
        "--format=nagios is one check, not a watch (drop --watch; let Nagios schedule it)");
  CHECK(message({"probe", "--target", closed, "--count", "3"}) == "--count needs --watch (add --watch DURATION)");
}

TEST_CASE("cli probe: durations are checked (design §2 syntax)")
{
  CHECK(message({"probe", "--target", closed, "--t1", "soon"}) ==
        "bad --t1 'soon' (write a duration from 1 ms to 1 min, e.g. 500ms, 4s or 5m)");
  CHECK(message({"probe", "--target", closed, "--timeout", "0"}) ==
        "bad --timeout '0' (write a duration from 1 ms to 1 h, e.g. 500ms, 4s or 5m)");
  CHECK(message({"probe", "--target", closed, "--watch", "500ms"}) ==
        "bad --watch '500ms' (write a duration from 1 s to 24 h, e.g. 500ms, 4s or 5m)");
}

TEST_CASE("cli probe: the account options need --user")
{
  CHECK(message({"probe", "--target", closed, "--auth-user", "x"}) == "--auth-user needs --user (add --user to probe with REGISTER)");
  CHECK(message({"probe", "--target", closed, "--password-file", "/nonexistent"}) ==
        "--password-file needs --user (add --user to probe with REGISTER)");
  CHECK(message({"probe", "--target", closed, "--register-mode", "bind"}) ==
        "--register-mode needs --user (add --user to probe with REGISTER)");
  CHECK(message({"probe", "--target", closed, "--user", "1512", "--register-mode", "refresh"}) ==
        "unknown --register-mode 'refresh' (use query or bind)");
}

TEST_CASE("cli probe: unreadable files are sipfo's own errors, named by path")
{
  auto error = usage_error({"probe", "--target", closed, "--ca-file", "/nonexistent/ca.pem"});
  CHECK(error.where == "/nonexistent/ca.pem");
  error = usage_error({"probe", "--targets-file", "/nonexistent/targets"});
  CHECK(error.where == "/nonexistent/targets");
  error = usage_error({"probe", "--target", closed, "--user", "1512", "--password-file", "/nonexistent/pw"});
  CHECK(error.where == "/nonexistent/pw");
  CHECK(error.message == "/nonexistent/pw: cannot read the password file (check the path and its permissions)");
}

TEST_CASE("cli probe: a bad line of --targets-file is reported as FILE:LINE")
{
  TempFile file("# lab servers\n127.0.0.1:5060/udp\n\n[::1:5060/udp   # forgot the bracket\n");
  const auto error = usage_error({"probe", "--targets-file", file.path});
  CHECK(error.where == file.path + ":4");
  CHECK(error.message.find("target '[::1:5060/udp': '[' without ']'") != std::string::npos);

  TempFile empty("# nothing yet\n\n");
  CHECK(usage_error({"probe", "--targets-file", empty.path}).message ==
        empty.path + ": the targets file holds no target (write one HOST[:PORT][/udp|tcp|tls] a line)");
}

TEST_CASE("cli::read_targets_file: comments, blanks, CRLF, IPv6")
{
  TempFile file("# P1\r\n10.0.0.1\r\n  [2001:db8::5]:5061/tls  # P2 over TLS\n\nsip.lab.test:5070/tcp\n");
  const auto entries = sipfo::cli::read_targets_file(file.path);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].text == "10.0.0.1");
  CHECK(entries[0].spec.host_is_ip);
  CHECK(entries[1].spec.host == "2001:db8::5");
  CHECK(entries[1].spec.port == 5061);
  CHECK(entries[1].spec.transport == sipfo::sip::Transport::tls);
  CHECK(entries[2].spec.host == "sip.lab.test");
  CHECK_FALSE(entries[2].spec.host_is_ip);
}

TEST_CASE("cli::resolve_target_entries: IPs as they are, names by A then AAAA, each at its rank")
{
  auto zone = sipfo::dns::parse_zone("$ORIGIN lab.test.\n$TTL 60\n"
                                     "@ IN SOA ns admin 1 3600 600 86400 60\n"
                                     "sip IN A 10.0.0.2\nsip IN A 10.0.0.3\nsip IN AAAA 2001:db8::3\n"
                                     "bare IN TXT \"no address\"\n",
                                     "lab.test.zone");
  std::vector<sipfo::dns::Zone> zones;
  zones.push_back(std::move(zone));
  sipfo::dns::ZoneResolver resolver(std::move(zones));
  const auto entries = sipfo::cli::parse_target_options(std::vector<std::string>{
    "10.0.0.1", "sip.lab.test:5061/tls", "bare.lab.test", "gone.lab.test"});
  CHECK(sipfo::cli::needs_dns(entries));
  const auto resolution = sipfo::cli::resolve_target_entries(entries, &resolver);
  // Every requested target counts (design §4): the two names without an
  // address stay, with no address, at their ranks.
  REQUIRE(resolution.candidates.size() == 6);
  CHECK(resolution.candidates[4].address.empty());
  CHECK(resolution.candidates[4].target == "bare.lab.test");
  CHECK(resolution.candidates[4].rank == 3);
  CHECK(resolution.candidates[5].address.empty());
  CHECK(resolution.candidates[5].rank == 4);
  CHECK(resolution.candidates[0].address == "10.0.0.1");
  CHECK(resolution.candidates[0].port == 5060);
  CHECK(resolution.candidates[0].rank == 1);
  CHECK(resolution.candidates[1].address == "10.0.0.2");
  CHECK(resolution.candidates[2].address == "10.0.0.3");
  CHECK(resolution.candidates[3].address == "2001:db8::3");
  for (std::size_t i = 1; i < 4; ++i) {
    CHECK(resolution.candidates[i].rank == 2);
    CHECK(resolution.candidates[i].port == 5061);
    CHECK(resolution.candidates[i].transport == sipfo::handset::Transport::tls);
  }
  CHECK(resolution.queries.size() == 6); // A and AAAA for each of the three names
  REQUIRE(resolution.findings.size() == 2);
  CHECK(resolution.findings[0].code == "no_address");
  CHECK(resolution.findings[1].code == "name_missing");

  const auto targets = sipfo::cli::probe_targets(resolution);
  REQUIRE(targets.size() == 6);
  CHECK(targets[5].endpoint.address.empty()); // the engine reports it, does not probe it
  CHECK(targets[5].server_name == "gone.lab.test");
  CHECK(targets[0].server_name.empty());          // a literal IP: no SNI, IP SAN check
  CHECK(targets[1].server_name == "sip.lab.test"); // the name TLS verifies, no trailing dot
  CHECK(targets[3].endpoint.address == "2001:db8::3");
  CHECK(targets[3].endpoint.transport == sipfo::sip::Transport::tls);
}

TEST_CASE("cli::choose_password: file, then --password (with a warning), then SIPFO_PASSWORD")
{
  TempFile file("from-the-file\r\nsecond line\n");
  std::FILE* warnings = std::tmpfile();
  REQUIRE(warnings != nullptr);
  using sipfo::cli::choose_password;
  CHECK(choose_password({file.path, std::nullopt, "from-env"}, warnings) == "from-the-file");
  CHECK(choose_password({"", std::nullopt, "from-env"}, warnings) == "from-env");
  CHECK(choose_password({"", std::nullopt, nullptr}, warnings) == std::nullopt);
  CHECK(std::ftell(warnings) == 0); // no warning so far
  CHECK(choose_password({"", std::string("from-argv"), "from-env"}, warnings) == "from-argv");
  std::rewind(warnings);
  std::array<char, 256> line{};
  REQUIRE(std::fgets(line.data(), line.size(), warnings) != nullptr);
  const std::string warning = line.data();
  CHECK(warning.starts_with("sipfo: warning: --password is visible to other users"));
  CHECK(warning.find("from-argv") == std::string::npos);
  std::fclose(warnings);
  CHECK_THROWS_AS(choose_password({file.path, std::string("x"), nullptr}, stderr), sipfo::util::InputError);
  TempFile empty("\n");
  CHECK_THROWS_WITH_AS(choose_password({empty.path, std::nullopt, nullptr}, stderr),
                       (empty.path + ": the password file's first line is empty (put the password on it)").c_str(),
                       sipfo::util::InputError);
}

namespace {

// Runs the real binary through /bin/sh with SIPFO_PASSWORD set; stdout and
// stderr together, and the exit status.
std::pair<std::string, int> run_sipfo(const std::string& args)
{
  const std::string command = "SIPFO_PASSWORD=pw-in-env-4711 '" + std::string(SIPFO_BINARY) + "' " + args + " 2>&1";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

} // namespace

TEST_CASE("sipfo probe: no output mode and no error message shows a password")
{
  TempFile password_file("pw-in-file-0815\n");
  const std::string base = "probe --target " + closed + " --target '[::1]:9/tcp' --user 1512 ";
  const std::vector<std::pair<std::string, int>> cases{
    {base + "--password-file " + password_file.path, 2},
    {base + "--password-file " + password_file.path + " --json", 2},
    {base + "--password-file " + password_file.path + " --json-lines", 2},
    {base + "--password-file " + password_file.path + " --format nagios", 2},
    {base + "--password-file " + password_file.path + " --watch 1s --count 1", 2},
    {base + "--password-file " + password_file.path + " --watch 1s --count 1 --json-lines", 2},
    {base + "--json", 2},                                              // SIPFO_PASSWORD
    {base + "--password pw-in-argv-1234 --format nagios", 2},         // warned about
    {base + "--password pw-in-argv-1234 --format xml", 3},            // usage error
    {base + "--password pw-in-argv-1234 --password-file " + password_file.path, 3},
    {"probe --target " + closed + " --password pw-in-argv-1234", 3},  // no --user
  };
  for (const auto& [args, status] : cases) {
    const auto [out, rc] = run_sipfo(args);
    INFO(args);
    INFO(out);
    CHECK(rc == status);
    CHECK_FALSE(out.empty());
    CHECK(out.find("pw-in-env-4711") == std::string::npos);
    CHECK(out.find("pw-in-file-0815") == std::string::npos);
    CHECK(out.find("pw-in-argv-1234") == std::string::npos);
  }
}

TEST_CASE("cli::choose_password: a password file others can read is used, with a warning like ssh's")
{
  TempFile file("pw-in-open-file\n");
  std::filesystem::permissions(file.path, std::filesystem::perms(0644));
  std::FILE* warnings = std::tmpfile();
  REQUIRE(warnings != nullptr);
  CHECK(sipfo::cli::choose_password({file.path, std::nullopt, nullptr}, warnings) == "pw-in-open-file");
  std::rewind(warnings);
  std::array<char, 512> line{};
  REQUIRE(std::fgets(line.data(), line.size(), warnings) != nullptr);
  CHECK(std::string(line.data()) ==
        "sipfo: warning: password file " + file.path + " is readable by others (chmod 600 " + file.path + ")\n");
  std::fclose(warnings);

  // Group-readable only is "others" too (mode & 077); 0600 and 0400 are quiet.
  for (const auto mode : {0640, 0600, 0400}) {
    std::filesystem::permissions(file.path, std::filesystem::perms(mode));
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    (void)sipfo::cli::choose_password({file.path, std::nullopt, nullptr}, out);
    INFO(mode);
    CHECK((std::ftell(out) > 0) == ((mode & 077) != 0));
    std::fclose(out);
  }
}

TEST_CASE("cli::hide_password_arguments: the --password value is overwritten in argv, nothing else")
{
  std::string prog = "sipfo", cmd = "probe", flag = "--password", value = "s3cret", file = "--password-file",
              path = "/tmp/pw", joined = "--password=other", dashdash = "--", after = "--password";
  std::vector<char*> argv{prog.data(), cmd.data(), flag.data(), value.data(), file.data(), path.data(),
                          joined.data(), dashdash.data(), after.data()};
  sipfo::cli::hide_password_arguments(static_cast<int>(argv.size()), argv.data());
  CHECK(value == "******");
  CHECK(joined == "--password=*****");
  CHECK(path == "/tmp/pw");        // --password-file's value is a path, not a secret
  CHECK(after == "--password");    // after "--" nothing is an option
  CHECK(flag == "--password");
}

TEST_CASE("cli::read_targets: a host that is no name and no address is FILE:LINE before any lookup")
{
  TempFile file("127.0.0.1:5060/udp\nsip.lab.test\nfoo bar  # two words\n");
  const auto error = usage_error({"probe", "--targets-file", file.path});
  CHECK(error.where == file.path + ":3");
  CHECK(error.message.find("target 'foo bar': character 4 of the host is not allowed in a host name") !=
        std::string::npos);
  CHECK(message({"probe", "--target", "300.0.0.1"}).starts_with(
    "--target '300.0.0.1': '300.0.0.1' is not an IPv4 address"));
}

TEST_CASE("cli::read_targets: a line that never ends is cut off, not read into memory")
{
  std::istringstream endless(std::string(10'000'000, '\0'));
  try {
    (void)sipfo::cli::read_targets(endless, "zeros");
    FAIL("no error");
  } catch (const sipfo::util::InputError& error) {
    CHECK(error.where() == "zeros:1");
    CHECK(error.what_is_wrong() == "line longer than 1024 bytes");
  }
  // The stream was not read to its end: the reader stopped past 1 KiB.
  CHECK(endless.tellg() < 2048);
}
