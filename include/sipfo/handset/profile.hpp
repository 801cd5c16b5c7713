#pragma once
// Handset profiles: how each handset family turns its server setting into candidates.
// A registry table with stable ids, so --help, the man page and "did you mean" come
// from one place.

#include "sipfo/dns/resolver.hpp"
#include "sipfo/handset/resolution.hpp"
#include "sipfo/handset/server_setting.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace sipfo::handset {

struct ProfileOptions {
  // Seed for RFC 2782 weighted random selection (rfc3263); nullopt = fresh randomness.
  std::optional<std::uint64_t> seed;
};

using ProfileFunction = Resolution (*)(const ServerSetting&, dns::Resolver&, const ProfileOptions&);

struct Profile {
  std::string_view id;       // "spectralink-84"
  std::string_view summary;  // one line for --help
  ProfileFunction resolve;
};

std::span<const Profile> profiles() noexcept;
// Nullopt for an unknown id.
const Profile* find_profile(std::string_view id) noexcept;

} // namespace sipfo::handset
