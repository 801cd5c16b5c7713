// `sipfo parse-pcap FILE...`: what a phone really did on the wire, per phone,
// from a packet capture; with --profile or --config, checked against its model
// (design §6b, issue 15).

#include "command.hpp"
#include "output_options.hpp"
#include "parse_pcap_model.hpp"

#include "sipfo/pcap/capture_reader.hpp"
#include "sipfo/render/json_text.hpp"
#include "sipfo/render/pcap_story_json.hpp"
#include "sipfo/render/pcap_story_status.hpp"
#include "sipfo/render/pcap_story_text.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"
#include "sipfo/wire/story_builder.hpp"

#include <fmt/format.h>

#include <arpa/inet.h>
#include <cstdio>
#include <unistd.h>

namespace sipfo::cli {

namespace {

struct ParsePcapOptions {
  std::vector<std::string> inputs;
  std::string phone;        // --phone ADDR
  OutputOptions output;     // --json, --json-lines
  bool explain = false;     // --explain
  ModelOptions model;       // --profile, --config
};

// --phone: an IPv4 or IPv6 address, as the capture shows it.
pcap::Address phone_address(const std::string& text)
{
  pcap::Address address;
  if (::inet_pton(AF_INET, text.c_str(), address.bytes.data()) == 1) return address;
  address.version = pcap::IpVersion::v6;
  if (::inet_pton(AF_INET6, text.c_str(), address.bytes.data()) == 1) return address;
  throw util::InputError("", fmt::format("--phone '{}' is not an IP address", util::printable(text, 80)),
                         "give the phone's IPv4 or IPv6 address, e.g. --phone 192.0.2.15");
}

void print(const std::string& text)
{
  std::fwrite(text.data(), 1, text.size(), stdout);
}

// --json-lines: one object per phone, each whole on its line with the keys a
// pipeline needs to file it (command, exit_status, the capture's files).
void print_json_lines(const wire::CaptureStory& story, render::PacketJson packets)
{
  const auto stamped = [&story](nlohmann::json object, util::ExitStatus status) {
    object["schema_version"] = render::parse_pcap_schema_version;
    object["command"] = "parse-pcap";
    object["exit_status"] = static_cast<int>(status);
    object["files"] = story.files;
    return object;
  };
  if (story.phones.empty()) {
    nlohmann::json none = {{"phone", nullptr}, {"verdict", nullptr}, {"root_cause", "capture_no_sip"}};
    print(render::json_text(stamped(none, util::ExitStatus::unknown)) + "\n");
    return;
  }
  for (const wire::PhoneStory& phone : story.phones) {
    print(render::json_text(stamped(render::pcap_phone_json(story, phone, packets), render::phone_status(phone))) + "\n");
    std::fflush(stdout);
  }
}

void run_parse_pcap(const ParsePcapOptions& options, Context& context)
{
  const OutputForm form = options.output.form();
  const auto model = model_expectation(options.model); // before reading: a bad --profile fails fast
  wire::StoryOptions story_options;
  if (!options.phone.empty()) story_options.phone = phone_address(options.phone);
  wire::StoryBuilder builder(story_options);
  const std::uint64_t packets = pcap::read_captures(options.inputs, builder);
  wire::CaptureStory story = builder.finish(packets);
  if (model) check_story(story, *model);

  const util::ExitStatus status = render::capture_status(story);
  context.exit_status = status;
  const auto packet_json = options.explain ? render::PacketJson::yes : render::PacketJson::no;
  switch (form) {
  case OutputForm::json:
    print(render::json_text(render::pcap_story_document(story, status, model ? model_name(*model) : "", packet_json), 2) +
          "\n");
    break;
  case OutputForm::json_lines: print_json_lines(story, packet_json); break;
  case OutputForm::text:
  case OutputForm::format:
    print(render::pcap_story_text(story, {color_output(context, STDOUT_FILENO),
                                          options.explain ? render::PacketLines::yes : render::PacketLines::no}));
    break;
  }
}

constexpr const char* examples = R"(Examples:
  sipfo parse-pcap phone.pcap
  sipfo parse-pcap --phone 192.0.2.15 --explain sbc.pcapng.gz
  sipfo parse-pcap --profile spectralink-84 --json phone.pcap | jq '.phones[].findings'
  tcpdump -i eth0 -w - port 53 or port 5060 | sipfo parse-pcap -
)";

} // namespace

void add_parse_pcap_command(CLI::App& app, Context& context)
{
  auto options = std::make_shared<ParsePcapOptions>();
  CLI::App* command = app.add_subcommand(
    "parse-pcap", "Explain a packet capture: each phone's DNS, SIP, retransmissions and failovers, checked against its model");
  command
    ->add_option("FILE", options->inputs,
                 "pcap or pcapng files, directories (their capture files) or - for stdin; gzip is read transparently")
    ->required();
  command->add_option("--phone", options->phone, "Only the story of the phone at this IP address")->type_name("ADDR");
  add_output_options(*command, options->output,
                     {.json_lines = true,
                      .formats = {},
                      .json_help = "One JSON document on stdout (shape in sipfo-parse-pcap(1))",
                      .json_lines_help = "One JSON object per phone, in order of its first SIP request"});
  command->add_flag("--explain", options->explain, "Every packet of each phone's story with a one-line note");
  add_model_options(*command, options->model);
  command->footer(examples);
  command->callback([options, &context] { run_parse_pcap(*options, context); });
}

} // namespace sipfo::cli
