// libFuzzer target for the Yealink .cfg reader (key = value lines, # comments,
// account.N.sip_server.M.*, dns_cache_*): any bytes must give settings or a
// util::InputError, never a crash, a hang or unbounded memory. Configurations
// that load are asked for their servers and static DNS cache.

#include "sipfo/config/phone_config.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

void ask(const sipfo::config::PhoneConfig& config)
{
  for (const auto& setting : config.settings) (void)sipfo::util::printable(setting.key, 80);
  for (int line = 1; line <= 2; ++line) {
    for (int server = 1; server <= 2; ++server) {
      try {
        const auto configured = sipfo::config::configured_server(config, line, server);
        (void)sipfo::util::printable(configured.setting.address);
        (void)configured.static_cache.records.size();
      } catch (const sipfo::util::InputError&) {
        // A line without a server, a bad port: reported, as it should be.
      }
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  // A leading "#" line keeps the reader on the .cfg path (a first '<' means XML).
  std::string text = "#\n";
  text.append(reinterpret_cast<const char*>(data), size);
  try {
    ask(sipfo::config::parse_phone_config(text, "fuzz.cfg"));
  } catch (const sipfo::util::InputError&) {
    // Bad input is reported, which is what should happen.
  }
  return 0;
}
