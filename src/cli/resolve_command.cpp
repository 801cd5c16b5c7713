// `sipfo resolve SPEC`: what a handset gets from DNS, query by query, and the
// order in which it will try the servers (design §3).

#include "command.hpp"
#include "dns_source.hpp"

#include "sipfo/config/phone_config.hpp"
#include "sipfo/handset/profile.hpp"
#include "sipfo/render/applog_trace.hpp"
#include "sipfo/render/resolve_report.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <unistd.h>

namespace sipfo::cli {

namespace {

struct ResolveOptions {
  std::string spec;
  std::string profile;              // empty: from --config, else spectralink-84
  std::string config;               // --config FILE
  int line = 1;                     // --line N
  int server = 1;                   // --server M
  std::string transport;
  std::optional<std::uint16_t> port;
  std::optional<std::uint64_t> seed;
  DnsSourceOptions dns;
  int naptr_build = 0;
  std::vector<std::string> statics; // "dns_cache_srv.1.name=_sip._udp.x"
  int static_cache_pri = 0;
  std::string trace;                // "" or "applog"
  bool json = false;
};

handset::StaticCache choose_static_cache(const ResolveOptions& options)
{
  std::vector<handset::KeyValue> settings;
  for (const auto& entry : options.statics) {
    const auto equals = entry.find('=');
    if (equals == std::string::npos) {
      throw util::InputError("", fmt::format("--static '{}' has no '='", entry),
                             "write --static dns_cache_a.1.name=pbx.example.com");
    }
    settings.push_back({entry.substr(0, equals), entry.substr(equals + 1), "--static"});
  }
  auto cache = handset::static_cache_from_settings(settings);
  cache.priority = options.static_cache_pri == 1 ? handset::StaticCachePriority::before_dns
                                                 : handset::StaticCachePriority::after_dns;
  return cache;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> choices)
{
  const auto match = util::closest_match(word, choices);
  return match ? fmt::format("did you mean '{}'?", *match) : std::string();
}

const handset::Profile& choose_profile(const std::string& id)
{
  if (const auto* profile = handset::find_profile(id)) return *profile;
  std::vector<std::string_view> ids;
  for (const auto& p : handset::profiles()) ids.push_back(p.id);
  auto hint = did_you_mean(id, ids);
  if (hint.empty()) hint = fmt::format("profiles: {}", fmt::join(ids, ", "));
  throw util::InputError("", fmt::format("unknown profile '{}'", id), hint);
}

handset::ServerSetting choose_setting(const ResolveOptions& options, const handset::Profile& profile)
{
  handset::ServerSetting base{"", profile.default_port, profile.default_transport};
  if (!options.transport.empty()) {
    const auto setting = handset::parse_transport_setting(options.transport);
    if (!setting) {
      auto hint = did_you_mean(options.transport, handset::transport_setting_spellings());
      if (hint.empty()) hint = "use naptr, udp, tcp, tls or tcp-preferred";
      throw util::InputError("", fmt::format("unknown transport '{}'", options.transport), hint);
    }
    base.transport = *setting;
  }
  if (options.port) base.port = *options.port;
  if (profile.spec_form == handset::SpecForm::server_list) {
    base.address = options.spec; // the profile splits "domain; serverspec1; ..." itself
    return base;
  }
  return handset::setting_from_spec(options.spec, base);
}

// What the phone is configured with: its configuration file, with the command
// line's --transport/--port/--naptr-build/--static on top, or the command line alone.
struct PhoneSetup {
  const handset::Profile* profile = nullptr;
  handset::ServerSetting setting;
  int naptr_build = 0;
  handset::StaticCache static_cache;
  std::vector<handset::Finding> findings; // about the configuration file
  std::string spec;                        // for the header line
};

PhoneSetup setup_from_options(const ResolveOptions& options)
{
  PhoneSetup setup;
  if (options.config.empty()) {
    if (options.spec.empty()) throw util::InputError("", "no SPEC given", "give a server address or --config FILE");
    setup.profile = &choose_profile(options.profile.empty() ? "spectralink-84" : options.profile);
    setup.setting = choose_setting(options, *setup.profile);
    setup.naptr_build = options.naptr_build;
    setup.static_cache = choose_static_cache(options);
    setup.spec = options.spec;
  } else {
    if (!options.spec.empty()) throw util::InputError("", "both SPEC and --config were given", "give one of them");
    const auto config = config::read_phone_config(options.config);
    auto server = config::configured_server(config, options.line, options.server);
    setup.profile = &choose_profile(options.profile.empty() ? server.profile : options.profile);
    setup.setting = server.setting;
    if (!options.transport.empty()) setup.setting.transport = choose_setting(options, *setup.profile).transport;
    if (options.port) setup.setting.port = *options.port;
    setup.naptr_build = options.naptr_build != 0 ? options.naptr_build : server.naptr_build;
    setup.static_cache = server.static_cache;
    auto extra = choose_static_cache(options);
    if (!extra.empty()) setup.static_cache = std::move(extra);
    setup.findings = std::move(server.findings);
    setup.spec = fmt::format("{} from {}", server.setting.address, server.origin);
  }
  if (!setup.static_cache.empty() && setup.profile->id != "yealink") {
    throw util::InputError("", "a static DNS cache is a Yealink setting", "add --profile yealink");
  }
  return setup;
}

void run_resolve(const ResolveOptions& options, Context& context)
{
  auto setup = setup_from_options(options);
  if (!options.trace.empty()) {
    if (options.trace != "applog") {
      throw util::InputError("", fmt::format("unknown --trace '{}'", options.trace), "the one trace format is applog");
    }
    if (setup.profile->id != "spectralink-84") {
      throw util::InputError("", "--trace=applog renders an 84-Series app.log",
                             "use it with --profile spectralink-84");
    }
    if (options.json) throw util::InputError("", "--trace=applog prints log lines, not JSON", "drop --json");
  }
  render::ResolveReport report;
  report.spec = setup.spec;
  report.profile = std::string(setup.profile->id);
  report.setting = setup.setting;
  auto resolver = make_resolver(options.dns);
  report.dns_source = resolver->describe();
  handset::ProfileOptions profile_options{options.seed, setup.naptr_build, &setup.static_cache};
  report.resolution = setup.profile->resolve(report.setting, *resolver, profile_options);
  report.resolution.findings.insert(report.resolution.findings.begin(), setup.findings.begin(), setup.findings.end());
  report.exit_status = handset::resolution_status(report.resolution);
  context.exit_status = report.exit_status;
  std::string out;
  if (options.trace == "applog") {
    // The 84-Series' own log shapes: what its app.log should show for this setting.
    out = render::applog_trace(report.setting, report.resolution);
  } else {
    out = options.json ? render::resolve_json(report)
                       : render::resolve_text(report, render::should_color(context.color, STDOUT_FILENO));
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

std::string profile_list()
{
  std::string text = "Profiles:\n";
  for (const auto& p : handset::profiles()) text += fmt::format("  {:<16} {}\n", p.id, p.summary);
  text += "Finding codes:\n";
  for (const auto& kind : handset::finding_kinds()) {
    text += fmt::format("  {:<28} {:<7} {}\n", kind.code, handset::severity_name(kind.severity), kind.summary);
  }
  return text;
}

} // namespace

void add_resolve_command(CLI::App& app, Context& context)
{
  auto options = std::make_shared<ResolveOptions>();
  auto* command = app.add_subcommand("resolve", "Resolve a server setting exactly as a handset does");
  command->add_option("SPEC", options->spec,
                      "Server address: name, IP, name:port or sip:/sips: URI; for pivot the SIP server field "
                      "\"domain; serverspec1; ...\"");
  command->add_option("--profile", options->profile,
                      "Handset profile (default spectralink-84, or the one --config implies)")
    ->type_name("NAME");
  command->add_option("--config", options->config,
                      "Take the server from a phone configuration file (Polycom/Spectralink XML .cfg or Yealink .cfg)")
    ->type_name("FILE");
  command->add_option("--line", options->line, "With --config: the line (reg.N / account.N), default 1")
    ->type_name("N")
    ->check(CLI::Range(1, 99));
  command->add_option("--server", options->server, "With --config: the server (server.M / sip_server.M), default 1")
    ->type_name("M")
    ->check(CLI::Range(1, 99));
  command->add_option("--transport", options->transport,
                      "Transport setting: naptr, udp, tcp, tls, tcp-preferred, or the vendor spelling "
                      "(DNSnaptr, UDPOnly, TCPOnly, TCPpreferred, TLS, Yealink 0-3); default: the profile's")
    ->type_name("T");
  command->add_option("--port", options->port,
                      "Configured port; non-zero means A records only (default: the profile's, 0; Yealink 5060)")
    ->type_name("N");
  command->add_option("--naptr-build", options->naptr_build,
                      "Yealink naptr_build: 0 = SRV over UDP only after NAPTR, 1 = UDP, TCP and TLS")
    ->type_name("0|1")
    ->check(CLI::Range(0, 1));
  command->add_option("--static", options->statics,
                      "Yealink static DNS cache entry, e.g. dns_cache_a.1.name=pbx.test (repeatable)")
    ->type_name("KEY=VALUE");
  command->add_option("--static-cache-pri", options->static_cache_pri,
                      "Yealink static_cache_pri: 1 = static DNS cache before DNS (default 0: after)")
    ->type_name("0|1")
    ->check(CLI::Range(0, 1));
  command->add_option("--seed", options->seed, "Seed for RFC 2782 weighted random selection (rfc3263)")
    ->type_name("N");
  add_dns_source_options(*command, options->dns);
  command->add_option("--trace", options->trace,
                      "Print the queries as an 84-Series writes them in app.log instead (FORMAT: applog)")
    ->type_name("FORMAT");
  command->add_flag("--json", options->json, "Print one JSON document (see sipfo-resolve(1), OUTPUT)");
  command->footer(profile_list());
  command->callback([options, &context] { run_resolve(*options, context); });
}

} // namespace sipfo::cli
