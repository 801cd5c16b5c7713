#pragma once
// A live DNS resolver over c-ares: the system's resolv.conf servers by default, or
// the servers given. Every question goes to the wire (c-ares 1.18 has no cache).

#include "sipfo/dns/resolver.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace sipfo::dns {

struct AresOptions {
  // "ADDR", "ADDR:PORT", "[V6]" or "[V6]:PORT"; empty = the system's resolv.conf.
  std::vector<std::string> servers;
  // Hard bound on one question, retries included; past it the outcome is TIMEOUT.
  std::chrono::milliseconds timeout{3000};
};

// Throws util::InputError for a malformed server address.
std::unique_ptr<Resolver> make_ares_resolver(const AresOptions& options);

} // namespace sipfo::dns
