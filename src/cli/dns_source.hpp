#pragma once
// The DNS source options shared by resolve, probe and replay: zone files (an
// offline DNS), explicit servers, or the system resolver.

#include "sipfo/dns/resolver.hpp"

#include <CLI/CLI.hpp>

#include <memory>
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
