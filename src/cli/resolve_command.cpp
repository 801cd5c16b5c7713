// `sipfo resolve SPEC`: what a handset gets from DNS, query by query, and the
// order in which it will try the servers (design §3).

#include "command.hpp"
#include "dns_source.hpp"

#include "sipfo/handset/profile.hpp"
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
  std::string profile = "spectralink-84";
  std::string transport;
  std::optional<std::uint16_t> port;
  std::optional<std::uint64_t> seed;
  DnsSourceOptions dns;
  bool json = false;
};

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

handset::ServerSetting choose_setting(const ResolveOptions& options)
{
  handset::ServerSetting base;
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
  return handset::setting_from_spec(options.spec, base);
}

void run_resolve(const ResolveOptions& options, Context& context)
{
  const auto& profile = choose_profile(options.profile);
  render::ResolveReport report;
  report.spec = options.spec;
  report.profile = std::string(profile.id);
  report.setting = choose_setting(options);
  auto resolver = make_resolver(options.dns);
  report.dns_source = resolver->describe();
  report.resolution = profile.resolve(report.setting, *resolver, handset::ProfileOptions{options.seed});
  report.exit_status = handset::resolution_status(report.resolution);
  context.exit_status = report.exit_status;
  const std::string out = options.json ? render::resolve_json(report)
                                       : render::resolve_text(report, render::should_color(context.color, STDOUT_FILENO));
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
  command->add_option("SPEC", options->spec, "Server address: name, IP, name:port or sip:/sips: URI")->required();
  command->add_option("--profile", options->profile, "Handset profile (default spectralink-84)")->type_name("NAME");
  command->add_option("--transport", options->transport,
                      "Transport setting: naptr (default), udp, tcp, tls, tcp-preferred, or the vendor spelling "
                      "(DNSnaptr, UDPOnly, TCPOnly, TCPpreferred, TLS, Yealink 0-3)")
    ->type_name("T");
  command->add_option("--port", options->port, "Configured port; non-zero means A records only (default 0)")
    ->type_name("N");
  command->add_option("--seed", options->seed, "Seed for RFC 2782 weighted random selection (rfc3263)")
    ->type_name("N");
  add_dns_source_options(*command, options->dns);
  command->add_flag("--json", options->json, "Print one JSON document (see sipfo-resolve(1), OUTPUT)");
  command->footer(profile_list());
  command->callback([options, &context] { run_resolve(*options, context); });
}

} // namespace sipfo::cli
