// sipfo-probe-driver: a test-only front end to the probe engine, for the
// integration tests until `sipfo probe` exists. Takes explicit IP targets,
// probes them like `sipfo probe --target ...` would, and prints one JSON object
// per candidate (target order) and a final summary line; exits with the probe
// exit status (design §4). Not installed, not a user interface.

#include "sipfo/probe/engine.hpp"
#include "sipfo/probe/report.hpp"
#include "sipfo/probe/target_spec.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/input_error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>

using namespace sipfo;
using nlohmann::json;

namespace {

struct Options {
  std::vector<std::string> targets;
  std::string server_name;
  std::string user, auth_user, domain, password_file, register_mode = "query";
  std::string t1 = "500ms", timeout;
  double rate = 100;
  std::string ca_file;
  bool insecure = false;
};

std::chrono::milliseconds duration_option(const std::string& text, const char* flag)
{
  auto value = util::parse_duration(text);
  if (!value || value->count() <= 0) throw util::InputError("", fmt::format("{} '{}' is not a duration", flag, text), "e.g. 500ms, 4s");
  return *value;
}

std::vector<probe::Target> make_targets(const Options& options)
{
  std::vector<probe::Target> targets;
  for (const std::string& text : options.targets) {
    probe::TargetSpec spec = probe::parse_target_spec(text);
    if (!spec.host_is_ip) throw util::InputError("", "the driver takes IP targets only: " + text);
    probe::Target target;
    target.endpoint.address = spec.host;
    target.endpoint.transport = spec.transport.value_or(sip::Transport::udp);
    target.endpoint.port = spec.port.value_or(sip::default_port(target.endpoint.transport));
    target.rank = static_cast<int>(targets.size()) + 1;
    target.server_name = options.server_name;
    targets.push_back(target);
  }
  return targets;
}

std::optional<std::string> read_password(const Options& options)
{
  if (!options.password_file.empty()) {
    std::ifstream file(options.password_file);
    std::string line;
    if (!file || !std::getline(file, line)) throw util::InputError(options.password_file, "cannot read the password");
    return line;
  }
  if (const char* env = std::getenv("SIPFO_PASSWORD")) return std::string(env);
  return std::nullopt;
}

json exchange_json(const std::optional<probe::Exchange>& exchange)
{
  if (!exchange) return nullptr;
  json out{{"code", exchange->code},
           {"reason", exchange->reason},
           {"rtt_ms", exchange->rtt.count()},
           {"local", exchange->origin == probe::Origin::local},
           {"sends", exchange->sends},
           {"credentials_sent", exchange->credentials_sent}};
  if (exchange->retry_after) out["retry_after_s"] = exchange->retry_after->count();
  return out;
}

json candidate_json(const probe::CandidateReport& candidate)
{
  const probe::TargetResult& r = candidate.result;
  json out{{"address", r.target.endpoint.address},
           {"port", r.target.endpoint.port},
           {"transport", sip::transport_name(r.target.endpoint.transport)},
           {"rank", r.target.rank},
           {"priority", r.target.priority},
           {"status", probe::status_name(candidate.status)},
           {"active", candidate.active},
           {"options", exchange_json(r.options)},
           {"register", exchange_json(r.registration)},
           {"unregister", exchange_json(r.unregistration)},
           {"ignored_messages", r.ignored_messages}};
  if (r.certificate) {
    out["certificate"] = {{"problem", sip::certificate_problem_code(r.certificate->problem)},
                          {"detail", r.certificate->detail},
                          {"subject", r.certificate->subject},
                          {"checked_name", r.certificate->checked_name}};
  }
  return out;
}

int run(const Options& options)
{
  probe::ProbeSettings settings;
  settings.timers.t1 = duration_option(options.t1, "--t1");
  if (!options.timeout.empty()) settings.timers.timer_f = duration_option(options.timeout, "--timeout");
  if (!options.user.empty()) {
    settings.account = probe::Account{options.user, options.auth_user, options.domain, read_password(options)};
  }
  settings.register_mode = options.register_mode == "bind" ? probe::RegisterMode::bind : probe::RegisterMode::query;
  probe::EngineSettings engine;
  engine.rate = options.rate;
  engine.tls.ca_file = options.ca_file;
  engine.tls.verification = options.insecure ? sip::Verification::insecure : sip::Verification::verify;

  const std::vector<probe::Target> targets = make_targets(options);
  sip::SteadyClock clock;
  const auto started = clock.now();
  auto results = probe::run_probes(targets, settings, engine, clock);
  const auto wall = std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - started);
  const auto check = settings.account ? probe::RegisterCheck::on : probe::RegisterCheck::off;
  probe::ProbeReport report = probe::make_report(std::move(results), check);
  for (const auto& candidate : report.candidates) std::cout << candidate_json(candidate).dump() << '\n';
  json summary{{"summary", true},
               {"wall_ms", wall.count()},
               {"targets", targets.size()},
               {"exit_status", static_cast<int>(report.exit_status)}};
  std::cout << summary.dump() << std::endl;
  return static_cast<int>(report.exit_status);
}

} // namespace

int main(int argc, char** argv)
{
  CLI::App app{"sipfo-probe-driver: test front end of the probe engine"};
  Options options;
  app.add_option("--target", options.targets, "IP[:PORT][/udp|tcp|tls]")->required();
  app.add_option("--server-name", options.server_name, "TLS name to verify and send as SNI");
  app.add_option("--user", options.user);
  app.add_option("--auth-user", options.auth_user);
  app.add_option("--domain", options.domain);
  app.add_option("--password-file", options.password_file);
  app.add_option("--register-mode", options.register_mode)->check(CLI::IsMember({"query", "bind"}));
  app.add_option("--t1", options.t1);
  app.add_option("--timeout", options.timeout);
  app.add_option("--rate", options.rate);
  app.add_option("--ca-file", options.ca_file);
  app.add_flag("--insecure", options.insecure);
  try {
    app.parse(argc, argv);
    return run(options);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 3;
  } catch (const util::InputError& error) {
    std::cerr << "sipfo-probe-driver: " << util::format_input_error(error) << '\n';
    return 3;
  }
}
