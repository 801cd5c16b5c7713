#pragma once
// Handset profiles: how each handset family turns its server setting into candidates.
// A registry table with stable ids, so --help, the man page and "did you mean" come
// from one place.

#include "sipfo/dns/resolver.hpp"
#include "sipfo/handset/resolution.hpp"
#include "sipfo/handset/server_setting.hpp"
#include "sipfo/handset/static_cache.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace sipfo::handset {

struct ProfileOptions {
  // Seed for RFC 2782 weighted random selection (rfc3263); nullopt = fresh randomness.
  std::optional<std::uint64_t> seed;
  // Yealink account.X.naptr_build: 0 = SRV over UDP only when NAPTR gives nothing,
  // 1 = UDP, TCP and TLS (Yealink Server Redundancy).
  int naptr_build = 0;
  // The phone's static DNS cache (Yealink); may be null.
  const StaticCache* static_cache = nullptr;
};

using ProfileFunction = Resolution (*)(const ServerSetting&, dns::Resolver&, const ProfileOptions&);

// What SPEC is for a profile.
enum class SpecForm {
  address,     // one server address (name, IP, name:port, SIP URI)
  server_list, // PIVOT's "domain; serverspec1; ...; serverspec4"
};

struct Profile {
  std::string_view id;       // "spectralink-84"
  std::string_view summary;  // one line for --help
  ProfileFunction resolve;
  SpecForm spec_form;
  // The phone's own defaults when the user gives no --transport / --port.
  TransportSetting default_transport;
  std::uint16_t default_port;
};

std::span<const Profile> profiles() noexcept;
// Nullopt for an unknown id.
const Profile* find_profile(std::string_view id) noexcept;

} // namespace sipfo::handset
