// libFuzzer target for parse-pcap past the decoder: the packets (in
// pcap_decoder_fuzz's input format, so its seeds serve here too) go through
// the decoder into wire::StoryBuilder; the story is then checked against two
// models and written as text (with --explain's lines) and JSON. Any crash, read
// out of bounds, hang, leak or sanitizer report is a bug; so is a phone whose
// verdict reads clean while an error-level finding stands.

#include "sipfo/handset/profile.hpp"
#include "sipfo/pcap/packet_decoder.hpp"
#include "sipfo/render/json_text.hpp"
#include "sipfo/render/pcap_story_json.hpp"
#include "sipfo/render/pcap_story_status.hpp"
#include "sipfo/render/pcap_story_text.hpp"
#include "sipfo/replay/parameters.hpp"
#include "sipfo/wire/model_check.hpp"
#include "sipfo/wire/story_builder.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

namespace {

using namespace sipfo;

constexpr pcap::LinkType link_types[] = {pcap::LinkType::ethernet, pcap::LinkType::linux_sll, pcap::LinkType::linux_sll2,
                                         pcap::LinkType::raw,      pcap::LinkType::ipv4,      pcap::LinkType::ipv6,
                                         pcap::LinkType::null,     pcap::LinkType::loop};

wire::ModelExpectation expectation_of(const char* profile_id)
{
  wire::ModelExpectation expectation;
  expectation.profile = handset::find_profile(profile_id);
  if (!expectation.profile) __builtin_trap();
  expectation.model = replay::parse_model(profile_id).value_or(replay::Model::rfc3263);
  expectation.parameters = replay::default_parameters(expectation.model);
  replay::finalize_parameters(expectation.model, expectation.parameters);
  return expectation;
}

void check_and_render(wire::CaptureStory& story)
{
  static const wire::ModelExpectation models[] = {expectation_of("spectralink-84"), expectation_of("rfc3263")};
  for (wire::PhoneStory& phone : story.phones) {
    for (const auto& model : models) {
      auto deviations = wire::check_against_model(phone, model);
      for (const auto& finding : deviations) {
        if (finding.code < util::FindingCode::model_dns_questions) __builtin_trap(); // the model adds only model_* codes
      }
    }
    // A verdict never reads clean while an error-level finding stands.
    if (render::worst_severity(phone) == util::Severity::error && render::phone_status(phone) != util::ExitStatus::critical)
      __builtin_trap();
  }
  (void)render::pcap_story_text(story, {false, render::PacketLines::yes});
  // As the CLI writes it: json_text replaces bytes that are not UTF-8 (a
  // capture's names and reason phrases are anything), where dump() would throw.
  (void)render::json_text(
    render::pcap_story_document(story, render::capture_status(story), "spectralink-84", render::PacketJson::yes), 2);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  if (size < 1) return 0;
  pcap::DecoderLimits limits;
  limits.stream_buffer_bytes = 4096;
  limits.max_buffered_bytes = 64 * 1024;
  limits.max_streams = 8;
  limits.max_fragmented_datagrams = 4;
  wire::StoryOptions options;
  options.limits.first_kept = 2;
  options.limits.last_kept = 3;
  options.limits.max_phones = 4;
  wire::StoryBuilder builder(options);
  pcap::PacketDecoder decoder(builder, limits);
  builder.on_file("fuzz.pcap");
  const pcap::LinkType link = link_types[data[0] % 8];
  std::span<const std::uint8_t> rest(data + 1, size - 1);
  pcap::PacketRecord record;
  pcap::CaptureTime time(std::chrono::seconds(1'700'000'000));
  std::uint64_t number = 0;
  while (rest.size() >= 4) {
    const std::size_t length = std::min<std::size_t>((rest[0] << 8) | rest[1], rest.size() - 4);
    time += std::chrono::milliseconds(250) * rest[2];
    record.packet = pcap::PacketRef{++number, time};
    record.bytes = rest.subspan(4, length);
    record.wire_length = static_cast<std::uint32_t>(length) + rest[3];
    decoder.decode(link, record);
    rest = rest.subspan(4 + length);
  }
  decoder.finish();
  auto story = builder.finish(number);
  if (story.phones.size() > options.limits.max_phones) __builtin_trap();
  for (const auto& phone : story.phones) {
    if (phone.transactions.size() > options.limits.first_kept + options.limits.last_kept) __builtin_trap();
    if (phone.dns.size() > options.limits.first_kept + options.limits.last_kept) __builtin_trap();
  }
  check_and_render(story);
  return 0;
}
