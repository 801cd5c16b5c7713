#include "dns_source.hpp"

#include "sipfo/dns/ares_resolver.hpp"
#include "sipfo/dns/zone.hpp"
#include "sipfo/util/duration.hpp"
#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

namespace sipfo::cli {

void add_dns_source_options(CLI::App& command, DnsSourceOptions& options)
{
  command.add_option("--zone", options.zones, "Answer DNS from this RFC 1035 zone file (repeatable); no network")
    ->type_name("FILE");
  command.add_option("--dns-server", options.servers, "Ask this DNS server instead of resolv.conf's (repeatable)")
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
