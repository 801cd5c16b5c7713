#pragma once
// Phone configuration files: the server settings an admin provisions, read the way
// the phone reads them. Polycom/Spectralink XML .cfg (reg.N.server.M.*,
// voIpProt.server.M.*) and Yealink .cfg (account.N.sip_server.M.*, dns_cache_*).

#include "sipfo/handset/finding.hpp"
#include "sipfo/handset/server_setting.hpp"
#include "sipfo/handset/static_cache.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::config {

enum class ConfigFamily { polycom_xml, yealink };

struct PhoneConfig {
  std::string file;
  ConfigFamily family = ConfigFamily::polycom_xml;
  std::vector<handset::KeyValue> settings; // in file order, each with "FILE:LINE"
};

// Reads and recognises a configuration file. Throws util::InputError naming
// FILE:LINE for a file that is neither format or is malformed.
PhoneConfig read_phone_config(const std::filesystem::path& path);
PhoneConfig parse_phone_config(std::string_view text, const std::string& file);

// One line's server as the phone would use it.
struct ConfiguredServer {
  handset::ServerSetting setting;
  std::string profile;                    // the profile the file implies
  int naptr_build = 0;                    // Yealink account.N.naptr_build
  handset::StaticCache static_cache;      // Yealink dns_cache_* and static_cache_pri
  std::vector<handset::Finding> findings; // about the configuration itself
  std::string origin;                     // "reg.1.server.1 (phone.cfg:4)"
};

// `line` is reg.N / account.N, `server` is server.M / sip_server.M (both from 1).
// Throws util::InputError when that line has no server address.
ConfiguredServer configured_server(const PhoneConfig& config, int line, int server);

} // namespace sipfo::config
