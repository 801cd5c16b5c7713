// libFuzzer target: the SIP message parser (responses, and requests as
// parse-pcap reads a phone's), the stream framer and the digest challenge
// parser on arbitrary bytes. Any crash, hang, leak or sanitizer report
// is a bug: bad responses must come back as error values (design §2).

#include "sipfo/sip/digest.hpp"
#include "sipfo/sip/message_parser.hpp"
#include "sipfo/sip/stream_framer.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// Reads every accessor the probe engine uses, so their bounds are fuzzed too.
void use(const sipfo::sip::Response& response)
{
  (void)sipfo::sip::top_via_branch(response);
  (void)sipfo::sip::cseq_of(response);
  (void)sipfo::sip::retry_after(response);
  auto challenge = sipfo::sip::choose_challenge(response.all("www-authenticate"));
  if (challenge) {
    (void)sipfo::sip::authorization_value(*challenge, {"user", "secret"}, {"REGISTER", "sip:x", "c", 1, ""});
  }
}

// Reads what parse-pcap's story builder reads of a request or a response.
void use_fields(const sipfo::sip::MessageFields& message)
{
  (void)sipfo::sip::expires_of(message);
  for (const auto& contact : sipfo::sip::contacts_of(message)) (void)contact;
  if (auto to = message.header("to")) (void)sipfo::sip::uri_of(*to);
}

// parse-pcap's light parser keeps only some headers but must accept and refuse
// exactly what the full parser does, with the same error.
void compare_light(std::string_view bytes, const sipfo::sip::MessageParse& full)
{
  static constexpr std::string_view keep[] = {"via", "cseq", "call-id", "to", "contact", "expires"};
  auto light = sipfo::sip::parse_message_headers(bytes, keep);
  if (light.request.has_value() != full.request.has_value()) __builtin_trap();
  if (light.response.has_value() != full.response.has_value()) __builtin_trap();
  if (light.error != full.error) __builtin_trap();
  if (light.request) use_fields(*light.request);
  if (light.response) use_fields(*light.response);
}

void use_message(std::string_view bytes)
{
  auto parsed = sipfo::sip::parse_message(bytes);
  compare_light(bytes, parsed);
  if (parsed.response) use_fields(*parsed.response);
  if (parsed.request) {
    (void)sipfo::sip::top_via_branch(*parsed.request);
    (void)sipfo::sip::cseq_of(*parsed.request);
    use_fields(*parsed.request);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = sipfo::sip::parse_response(bytes);
  if (parsed.response) use(*parsed.response);
  use_message(bytes);

  // The same bytes as a stream, cut in two at a point taken from the input.
  sipfo::sip::StreamFramer framer;
  const std::size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  framer.feed(bytes.substr(0, cut));
  framer.feed(bytes.substr(cut));
  for (const auto& message : framer.take()) {
    auto framed = sipfo::sip::parse_response(message);
    if (framed.response) use(*framed.response);
    use_message(message);
  }
  return 0;
}
