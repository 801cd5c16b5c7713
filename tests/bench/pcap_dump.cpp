// sipfo_pcap_dump: the capture decoder (sipfo::pcap) over files, one line per
// event, for the pcap integration tests and the pcap benchmark. Test-only: the
// user-facing command is parse-pcap.
// Usage: sipfo_pcap_dump [--count] FILE|DIR|-...
//   default  one line per message, TLS event, connection event and note
//   --count  only the totals, one line (the benchmark's mode)
// Exit: 0, or 3 with one line on stderr when an input cannot be read.

#include "sipfo/pcap/capture_reader.hpp"
#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace sipfo::pcap;

std::string time_text(const PacketRef& packet)
{
  const auto ns = packet.time.time_since_epoch().count();
  return fmt::format("{}.{:06}", ns / 1'000'000'000, (ns % 1'000'000'000) / 1000);
}

std::string_view first_line(std::string_view text)
{
  const auto end = text.find_first_of("\r\n");
  return text.substr(0, end);
}

class PrintingSink : public EventSink {
public:
  explicit PrintingSink(bool print) : print_(print) {}

  void on_file(const std::string& path) override
  {
    if (print_) fmt::print("file {}\n", path);
  }
  void on_message(Message&& message) override
  {
    (message.protocol == Protocol::sip ? sip_ : dns_)++;
    bytes_ += message.payload.size();
    if (!print_) return;
    const char* transport = message.flow.protocol == IpProtocol::udp ? "udp" : "tcp";
    if (message.protocol == Protocol::sip) {
      fmt::print("{} {} sip {} {} > {} {}{}\n", message.packet.number, time_text(message.packet), transport,
                 message.flow.source.to_string(), message.flow.destination.to_string(), first_line(message.payload),
                 message.truncated ? " [truncated]" : "");
    } else {
      const auto& p = message.payload;
      const unsigned id = p.size() >= 2 ? (static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1]) : 0;
      const bool response = p.size() >= 3 && (static_cast<unsigned char>(p[2]) & 0x80) != 0;
      fmt::print("{} {} dns {} {} > {} id={:#06x} {}\n", message.packet.number, time_text(message.packet), transport,
                 message.flow.source.to_string(), message.flow.destination.to_string(), id,
                 response ? "response" : "query");
    }
  }
  void on_tls(const TlsEvent& event) override
  {
    ++tls_;
    if (!print_) return;
    std::string detail;
    switch (event.kind) {
    case TlsEventKind::client_hello:
      detail = fmt::format("sni={} version={}", event.server_name.empty() ? "-" : event.server_name,
                           tls_version_name(event.version));
      break;
    case TlsEventKind::server_hello: detail = fmt::format("version={}", tls_version_name(event.version)); break;
    case TlsEventKind::alert:
      detail = event.encrypted_alert ? std::string("encrypted")
                                     : fmt::format("level={} description={}", event.alert_level, event.alert_description);
      break;
    }
    fmt::print("{} {} tls {} > {} {} {}\n", event.packet.number, time_text(event.packet), event.flow.source.to_string(),
               event.flow.destination.to_string(), tls_event_name(event.kind), detail);
  }
  void on_connection(const ConnectionEvent& event) override
  {
    ++connections_;
    if (!print_) return;
    fmt::print("{} {} tcp {} > {} {}\n", event.packet.number, time_text(event.packet), event.flow.source.to_string(),
               event.flow.destination.to_string(), connection_event_name(event.kind));
  }
  void on_note(const Note& note) override
  {
    ++notes_;
    if (!print_) return;
    fmt::print("{} {} note {}: {}\n", note.packet.number, time_text(note.packet), note_kind_name(note.kind), note.text);
  }

  void totals() const
  {
    fmt::print("sip={} dns={} tls={} connections={} notes={} payload_bytes={}\n", sip_, dns_, tls_, connections_,
               notes_, bytes_);
  }

private:
  bool print_;
  std::uint64_t sip_ = 0, dns_ = 0, tls_ = 0, connections_ = 0, notes_ = 0, bytes_ = 0;
};

} // namespace

int main(int argc, char** argv)
{
  bool count = false;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--count") count = true;
    else inputs.emplace_back(argument);
  }
  if (inputs.empty()) {
    std::fputs("usage: sipfo_pcap_dump [--count] FILE|DIR|-...\n", stderr);
    return 3;
  }
  PrintingSink sink(!count);
  try {
    read_captures(inputs, sink);
  } catch (const sipfo::util::InputError& error) {
    std::fflush(stdout);
    fmt::print(stderr, "sipfo_pcap_dump: {}\n", sipfo::util::format_input_error(error));
    return 3;
  }
  if (count) sink.totals();
  return 0;
}
