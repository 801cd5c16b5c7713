// libFuzzer target for the master-file reader: any bytes must give a zone or a
// util::InputError, never a crash, a hang or unbounded memory. Zones that load
// are also asked questions, so the resolver and record_text see fuzzed zones.

#include "sipfo/dns/zone.hpp"
#include "sipfo/util/input_error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

constexpr std::size_t max_questions = 64;

void ask(const sipfo::dns::Zone& zone)
{
  using namespace sipfo::dns;
  const ZoneResolver resolver({zone});
  std::size_t asked = 0;
  for (const auto& record : zone.records) {
    if (++asked > max_questions) break;
    (void)record_text(record);
    const auto answer = resolver.answer({record.owner, record.type});
    (void)answer.ttl();
    (void)answer.data();
    (void)resolver.answer({"x." + record.owner, RrType::a});
  }
  (void)resolver.answer({"_sip._udp." + zone.origin, RrType::srv});
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    ask(sipfo::dns::parse_zone(text, "fuzz.zone", "fuzz.test."));
  } catch (const sipfo::util::InputError&) {
    // Bad input is reported, which is what should happen.
  }
  return 0;
}
