#include "sipfo/handset/profile.hpp"

#include "profile_functions.hpp"

#include <array>

namespace sipfo::handset {

namespace {

constexpr std::array registry{
  Profile{"spectralink-84", "Spectralink 84-Series (seed 000): NAPTR, then SRV, then A; a port skips NAPTR/SRV",
          &resolve_spectralink84},
  Profile{"rfc3263", "plain RFC 3263 with RFC 2782 weighted random selection (--seed repeats it)",
          &resolve_rfc3263},
};

} // namespace

std::span<const Profile> profiles() noexcept
{
  return registry;
}

const Profile* find_profile(std::string_view id) noexcept
{
  for (const auto& profile : registry) {
    if (profile.id == id) return &profile;
  }
  return nullptr;
}

} // namespace sipfo::handset
