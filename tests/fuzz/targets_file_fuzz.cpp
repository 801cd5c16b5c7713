// libFuzzer target: the `sipfo probe --targets-file` reader and the target
// syntax check on arbitrary bytes, then the candidates and probe targets made
// from what it accepts (IP addresses only: no resolver, nothing is sent). Bad
// input must come back as util::InputError (one line, exit 3: design §2); any
// other exception, a crash, hang or sanitizer report is a bug, and so is an
// accepted host name a resolver could not be asked for.

#include "cli/probe_targets.hpp"

#include "sipfo/util/input_error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    const auto entries = sipfo::cli::read_targets(in, "fuzz.targets");
    for (const auto& entry : entries) {
      if (!entry.spec.host_is_ip && entry.spec.host.find_first_of(" \t\r\n\"'#") != std::string::npos) std::abort();
    }
    if (!sipfo::cli::needs_dns(entries)) {
      const auto resolution = sipfo::cli::resolve_target_entries(entries, nullptr);
      (void)sipfo::cli::probe_targets(resolution);
    }
  } catch (const sipfo::util::InputError&) {
    // the expected answer to bad input
  }
  return 0;
}
