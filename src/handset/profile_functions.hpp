#pragma once
// The profile implementations behind the registry in profile.cpp.

#include "sipfo/handset/profile.hpp"

namespace sipfo::handset {

Resolution resolve_spectralink84(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions& options);
Resolution resolve_pivot(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions& options);
Resolution resolve_yealink(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions& options);
Resolution resolve_rfc3263(const ServerSetting& setting, dns::Resolver& resolver, const ProfileOptions& options);

} // namespace sipfo::handset
