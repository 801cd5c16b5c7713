#include "dns_source.hpp"

#include "sipfo/dns/ares_resolver.hpp"
#include "sipfo/dns/zone.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <fstream>

namespace sipfo::cli {

void add_dns_source_options(CLI::App& command, DnsSourceOptions& options)
{
  command.add_option("--zone", options.zones, "Answer DNS from this RFC 1035 zone file (repeatable); no network")
    ->type_name("FILE");
  command.add_option("--dns-server", options.servers, "Ask this DNS server instead of resolv.conf's (repeatable; @ADDR[#PORT] as in dig also works)")
    ->type_name("ADDR[:PORT]");
  command.add_option("--timeout", options.timeout, "Give up on one DNS query after this long (default 3s)")
    ->type_name("DURATION");
}

std::unique_ptr<dns::Resolver> make_resolver(const DnsSourceOptions& options)
{
  if (!options.zones.empty() && !options.servers.empty()) {
    throw util::InputError("", "--zone and --dns-server were both given", "use zone files or a server, not both");
  }
  if (!options.zones.empty()) {
    std::vector<dns::Zone> zones;
    for (const auto& file : options.zones) zones.push_back(dns::read_zone_file(file));
    return std::make_unique<dns::ZoneResolver>(std::move(zones));
  }
  const auto timeout = util::parse_duration(options.timeout);
  if (!timeout || timeout->count() <= 0) {
    throw util::InputError("", fmt::format("bad --timeout '{}'", options.timeout), "write e.g. 500ms, 3s or 1m");
  }
  return dns::make_ares_resolver(dns::AresOptions{options.servers, *timeout});
}

} // namespace sipfo::cli

namespace sipfo::cli {

std::optional<std::string> search_domain_note(const DnsSourceOptions& options, std::string_view name,
                                              const std::string& resolv_conf)
{
  if (!options.zones.empty() || !options.servers.empty()) return std::nullopt;
  const auto trimmed = name.substr(0, name.find_first_of(" ;:"));
  if (trimmed.empty() || trimmed.find('.') != std::string_view::npos) return std::nullopt;
  std::ifstream in(resolv_conf);
  std::string line;
  for (int lines = 0; lines < 1000 && std::getline(in, line); ++lines) {
    if (line.starts_with("search") || line.starts_with("domain")) {
      return "note: resolv.conf search domains are not used: give the FQDN";
    }
  }
  return std::nullopt;
}

std::optional<std::string> at_server(std::string_view word)
{
  if (word.size() < 2 || word[0] != '@') return std::nullopt;
  word.remove_prefix(1);
  const auto hash = word.find('#');
  const std::string_view address = word.substr(0, hash);
  if (address.empty()) return std::nullopt;
  if (hash == std::string_view::npos) return std::string(address);
  const std::string_view port = word.substr(hash + 1);
  // An IPv6 address takes brackets before a port, as --dns-server reads it.
  if (address.find(':') != std::string_view::npos && !address.starts_with('[')) {
    return fmt::format("[{}]:{}", address, port);
  }
  return fmt::format("{}:{}", address, port);
}

std::vector<std::string> expand_at_servers(const CLI::App& app, std::vector<std::string> args)
{
  const CLI::App* command = nullptr;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      out.insert(out.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
      break;
    }
    const CLI::App* scope = command != nullptr ? command : &app;
    if (i > 0 && command == nullptr && !arg.starts_with("-")) {
      for (const auto* sub : app.get_subcommands({})) {
        if (sub->get_name() == arg) command = sub;
      }
    }
    const bool dig_command =
      command != nullptr && (command->get_name() == "resolve" || command->get_name() == "probe");
    if (dig_command) {
      if (const auto server = at_server(arg)) {
        out.push_back("--dns-server");
        out.push_back(*server);
        continue;
      }
    }
    out.push_back(arg);
    // The next word is this option's value: copy it as it is.
    if (arg.starts_with("--") && arg.find('=') == std::string::npos && i + 1 < args.size()) {
      const auto* option = scope->get_option_no_throw(arg);
      if (option == nullptr && scope != &app) option = app.get_option_no_throw(arg);
      if (option != nullptr && option->get_type_size_max() > 0) out.push_back(args[++i]);
    }
  }
  return out;
}

} // namespace sipfo::cli
