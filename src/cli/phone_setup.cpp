#include "phone_setup.hpp"

#include "sipfo/config/phone_config.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

namespace sipfo::cli {

namespace {

handset::StaticCache choose_static_cache(const PhoneOptions& options)
{
  std::vector<handset::KeyValue> settings;
  for (const auto& entry : options.statics) {
    const auto equals = entry.find('=');
    if (equals == std::string::npos) {
      throw util::InputError("", fmt::format("--static '{}' has no '='", util::printable(entry, 80)),
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
  throw util::InputError("", fmt::format("unknown profile '{}'", util::printable(id, 80)), hint);
}

handset::ServerSetting choose_setting(const PhoneOptions& options, const handset::Profile& profile)
{
  handset::ServerSetting base{"", profile.default_port, profile.default_transport};
  if (!options.transport.empty()) {
    const auto setting = handset::parse_transport_setting(options.transport);
    if (!setting) {
      auto hint = did_you_mean(options.transport, handset::transport_setting_spellings());
      if (hint.empty()) hint = "use naptr, udp, tcp, tls or tcp-preferred";
      throw util::InputError("", fmt::format("unknown transport '{}'", util::printable(options.transport, 80)), hint);
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

} // namespace

void add_phone_options(CLI::App& command, PhoneOptions& options)
{
  command.add_option("SPEC", options.spec,
                     "Server address: name, IP, name:port or sip:/sips: URI; for pivot the SIP server field "
                     "\"domain; serverspec1; ...\"");
  command.add_option("--profile", options.profile,
                     "Handset profile (default spectralink-84, or the one --config implies)")
    ->type_name("NAME");
  command.add_option("--config", options.config,
                     "Take the server from a phone configuration file (Polycom/Spectralink XML .cfg or Yealink .cfg)")
    ->type_name("FILE");
  command.add_option("--line", options.line, "With --config: the line (reg.N / account.N), default 1")
    ->type_name("N")
    ->check(CLI::Range(1, 99));
  command.add_option("--server", options.server, "With --config: the server (server.M / sip_server.M), default 1")
    ->type_name("M")
    ->check(CLI::Range(1, 99));
  command.add_option("--transport", options.transport,
                     "Transport setting: naptr, udp, tcp, tls, tcp-preferred, or the vendor spelling "
                     "(DNSnaptr, UDPOnly, TCPOnly, TCPpreferred, TLS, Yealink 0-3); default: the profile's")
    ->type_name("T");
  command.add_option("--port", options.port,
                     "Configured port; non-zero means A records only (default: the profile's, 0; Yealink 5060)")
    ->type_name("N");
  command.add_option("--naptr-build", options.naptr_build,
                     "Yealink naptr_build: 0 = SRV over UDP only after NAPTR, 1 = UDP, TCP and TLS")
    ->type_name("0|1")
    ->check(CLI::Range(0, 1));
  command.add_option("--static", options.statics,
                     "Yealink static DNS cache entry, e.g. dns_cache_a.1.name=pbx.test (repeatable)")
    ->type_name("KEY=VALUE");
  command.add_option("--static-cache-pri", options.static_cache_pri,
                     "Yealink static_cache_pri: 1 = static DNS cache before DNS (default 0: after)")
    ->type_name("0|1")
    ->check(CLI::Range(0, 1));
  command.add_option("--seed", options.seed, "Seed for RFC 2782 weighted random selection (rfc3263)")
    ->type_name("N");
}

PhoneSetup setup_from_options(const PhoneOptions& options)
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

std::string profile_list()
{
  std::string text = "Profiles:\n";
  for (const auto& p : handset::profiles()) text += fmt::format("  {:<16} {}\n", p.id, p.summary);
  // The finding codes fill two screens: `sipfo findings` lists and explains them.
  text += "Finding codes: 'sipfo findings' lists them, 'sipfo findings CODE' explains one.\n";
  return text;
}

} // namespace sipfo::cli
