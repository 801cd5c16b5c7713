// libFuzzer target: the digest challenge reader on arbitrary header values.
// The input is split at '\n' into several WWW-Authenticate values (the chooser
// sees them together, RFC 7616 3.7); every usable challenge is then answered,
// so the response computation runs on whatever the parser let through. A
// crash, hang, leak or sanitizer report is a bug; so is a reading that is
// neither a challenge nor a problem, or a detail that grows with the input.

#include "sipfo/sip/digest.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

void check(const sipfo::sip::ChallengeReading& reading)
{
  using sipfo::sip::ChallengeProblem;
  const bool has = reading.challenge.has_value();
  if (has != (reading.problem == ChallengeProblem::none)) std::abort();
  if (reading.detail.size() > 128) std::abort(); // server text is shown bounded
  if (has) {
    (void)sipfo::sip::authorization_value(*reading.challenge, {"user\"\\", "secret"},
                                          {"REGISTER", "sip:example.com", "0a4f113b", 1, ""});
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> values;
  std::size_t start = 0;
  while (start <= bytes.size() && values.size() < 64) {
    const std::size_t end = bytes.find('\n', start);
    values.push_back(bytes.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  for (std::string_view value : values) check(sipfo::sip::read_challenge(value));
  check(sipfo::sip::choose_challenge_reading(values));
  return 0;
}
