#include "sipfo/handset/profile.hpp"

#include "profile_functions.hpp"

#include <array>

namespace sipfo::handset {

namespace {

constexpr std::array registry{
  Profile{"spectralink-84", "Spectralink 84-Series: NAPTR, then SRV, then A; a port skips NAPTR and SRV",
          &resolve_spectralink84, SpecForm::address, TransportSetting::naptr, 0},
  Profile{"pivot", "Spectralink PIVOT: \"domain; serverspec1; ...; serverspec4\", ranked P1..P4",
          &resolve_pivot, SpecForm::server_list, TransportSetting::udp, 0},
  Profile{"yealink", "Yealink: transport_type 0-3, naptr_build, static DNS cache (defaults UDP, port 5060)",
          &resolve_yealink, SpecForm::address, TransportSetting::udp, 5060},
  Profile{"rfc3263", "plain RFC 3263 with RFC 2782 weighted random selection (--seed repeats it)",
          &resolve_rfc3263, SpecForm::address, TransportSetting::naptr, 0},
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
