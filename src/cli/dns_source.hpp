#pragma once
// The DNS source options shared by resolve, probe and replay: zone files (an
// offline DNS), explicit servers, or the system resolver.

#include "sipfo/dns/resolver.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace sipfo::cli {

struct DnsSourceOptions {
  std::vector<std::string> zones;       // --zone FILE (repeatable)
  std::vector<std::string> servers;     // --dns-server ADDR[:PORT] (repeatable)
  std::string timeout = "3s";           // --timeout, per DNS query
};

void add_dns_source_options(CLI::App& command, DnsSourceOptions& options);

// Throws util::InputError for unreadable zones, bad servers or a bad timeout.
std::unique_ptr<dns::Resolver> make_resolver(const DnsSourceOptions& options);

} // namespace sipfo::cli

namespace sipfo::cli {

// resolv.conf's search domains: sipfo asks for names as given (as a phone does),
// so "pbx" is not "pbx.example.com". A note for stderr when `name` has no dot,
// the system resolver is used and `resolv_conf` has a search or domain line.
std::optional<std::string> search_domain_note(const DnsSourceOptions& options, std::string_view name,
                                              const std::string& resolv_conf = "/etc/resolv.conf");

// dig's and kdig's server syntax: "@ADDR[#PORT]" anywhere after `resolve` or
// `probe` means --dns-server ADDR[:PORT] ("@::1#5353" -> "[::1]:5353"). Returns
// `args` with each such word rewritten; an option's value is left alone.
std::vector<std::string> expand_at_servers(const CLI::App& app, std::vector<std::string> args);

// "@ADDR[#PORT]" as --dns-server takes it; nullopt when `word` is not of that form.
std::optional<std::string> at_server(std::string_view word);

} // namespace sipfo::cli
