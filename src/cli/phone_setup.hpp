#pragma once
// What the phone is configured with, as resolve and probe take it from the
// command line: SPEC or --config FILE, the profile and the settings that change
// how the profile resolves (design §3). Shared so both commands read a setting
// the same way.

#include "sipfo/handset/finding.hpp"
#include "sipfo/handset/profile.hpp"
#include "sipfo/handset/server_setting.hpp"
#include "sipfo/handset/static_cache.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::cli {

struct PhoneOptions {
  std::string spec;
  std::string profile;              // empty: from --config, else spectralink-84
  std::string config;               // --config FILE
  int line = 1;                     // --line N
  int server = 1;                   // --server M
  std::string transport;
  std::optional<std::uint16_t> port;
  std::optional<std::uint64_t> seed;
  int naptr_build = 0;
  std::vector<std::string> statics; // "dns_cache_srv.1.name=_sip._udp.x"
  int static_cache_pri = 0;
};

// Binds SPEC and --profile, --config, --line, --server, --transport, --port,
// --naptr-build, --static, --static-cache-pri, --seed.
void add_phone_options(CLI::App& command, PhoneOptions& options);

// The profile and setting the options describe: the configuration file, with
// the command line's --transport/--port/--naptr-build/--static on top, or the
// command line alone.
struct PhoneSetup {
  const handset::Profile* profile = nullptr;
  handset::ServerSetting setting;
  int naptr_build = 0;
  handset::StaticCache static_cache;
  std::vector<handset::Finding> findings; // about the configuration file
  std::string spec;                        // for the header line
};

// Throws util::InputError (with a "did you mean" where one helps) for no SPEC,
// SPEC and --config together, an unknown profile or transport, a bad --static.
PhoneSetup setup_from_options(const PhoneOptions& options);

// "Profiles:" and where the finding codes are, for a command's --help footer.
std::string profile_list();

} // namespace sipfo::cli
