#include "sipfo/pcap/capture_reader.hpp"

#include "sipfo/util/input_error.hpp"

#include "gzip_file.hpp"

#include <fmt/format.h>
#include <pcap/pcap.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <unistd.h>

namespace sipfo::pcap {

namespace {

constexpr const char* capture_hint = "give a pcap or pcapng file, optionally gzip-compressed";

struct PcapCloser {
  void operator()(pcap_t* handle) const noexcept { pcap_close(handle); }
};
using PcapHandle = std::unique_ptr<pcap_t, PcapCloser>;

std::string shown_name(const std::string& path)
{
  return path == "-" ? std::string("standard input") : path;
}

// Whether the file starts with gzip's magic bytes (RFC 1952 2.3.1).
bool is_gzip(const std::string& path)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::array<unsigned char, 2> magic{};
  const bool gzip = ::read(fd, magic.data(), magic.size()) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  ::close(fd);
  return gzip;
}

PcapHandle open_pcap(const std::string& path)
{
  std::array<char, PCAP_ERRBUF_SIZE> error{};
  if (path != "-" && std::filesystem::is_directory(path))
    throw util::InputError(path, "is a directory here", "name the capture files, or the directory on the command line");
  pcap_t* handle = nullptr;
  if (path == "-" || is_gzip(path)) {
    // stdin may be compressed too; zlib passes uncompressed bytes through.
    const int fd = path == "-" ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      throw util::InputError(shown_name(path), fmt::format("cannot open: {}", std::strerror(errno)), capture_hint);
    std::FILE* stream = detail::open_inflating_stream(fd);
    if (!stream)
      throw util::InputError(shown_name(path), fmt::format("cannot open: {}", std::strerror(errno)), capture_hint);
    handle = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_NANO, error.data());
    if (!handle) std::fclose(stream);
  } else {
    handle = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, error.data());
  }
  if (!handle) throw util::InputError(shown_name(path), fmt::format("not a readable capture: {}", error.data()), capture_hint);
  return PcapHandle(handle);
}

bool is_capture_name(const std::filesystem::path& path)
{
  std::string name = path.filename().string();
  if (name.size() > 3 && name.ends_with(".gz")) name.resize(name.size() - 3);
  return name.ends_with(".pcap") || name.ends_with(".pcapng") || name.ends_with(".cap");
}

} // namespace

struct CaptureFile::Handle {
  PcapHandle pcap;
};

CaptureFile::CaptureFile(const std::string& path) : handle_(std::make_unique<Handle>())
{
  handle_->pcap = open_pcap(path);
  const int dlt = pcap_datalink(handle_->pcap.get());
  const auto type = link_type_of_dlt(dlt);
  if (!type) {
    const char* name = pcap_datalink_val_to_name(dlt);
    throw util::InputError(shown_name(path),
                           fmt::format("link type {} ({}) is not supported", dlt, name ? name : "unknown"),
                           "capture on Ethernet, Linux cooked (-i any), raw IP or loopback");
  }
  link_type_ = *type;
}

CaptureFile::~CaptureFile() = default;

bool CaptureFile::next(PacketRecord& record)
{
  if (error_) return false;
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  const int status = pcap_next_ex(handle_->pcap.get(), &header, &data);
  if (status == PCAP_ERROR_BREAK) return false; // end of file
  if (status != 1) {
    error_ = pcap_geterr(handle_->pcap.get());
    return false;
  }
  ++count_;
  record.packet.number = count_;
  // Opened with nanosecond precision: tv_usec holds nanoseconds.
  record.packet.time = CaptureTime(std::chrono::seconds(header->ts.tv_sec) + std::chrono::nanoseconds(header->ts.tv_usec));
  record.bytes = std::span<const std::uint8_t>(data, header->caplen);
  record.wire_length = header->len;
  return true;
}

std::vector<std::string> expand_capture_inputs(const std::vector<std::string>& arguments)
{
  std::vector<std::string> files;
  for (const auto& argument : arguments) {
    std::error_code error;
    if (argument == "-" || !std::filesystem::is_directory(argument, error)) {
      if (argument != "-" && !std::filesystem::exists(argument, error))
        throw util::InputError(argument, "no such file", "check the path");
      files.push_back(argument);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(argument, error)) {
      if (entry.is_regular_file(error) && is_capture_name(entry.path())) found.push_back(entry.path().string());
    }
    if (error) throw util::InputError(argument, fmt::format("cannot list the directory: {}", error.message()));
    if (found.empty())
      throw util::InputError(argument, "no capture files in this directory",
                             "it needs *.pcap, *.pcapng or *.cap files (also .gz)");
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::uint64_t read_captures(const std::vector<std::string>& arguments, EventSink& sink, DecoderLimits limits)
{
  const auto files = expand_capture_inputs(arguments);
  // Every file must open before any event goes out: an unreadable one is an
  // error for the whole run, not a story cut in the middle (stdin cannot be reopened).
  for (const auto& path : files) {
    if (path != "-") CaptureFile check(path);
  }
  PacketDecoder decoder(sink, limits);
  std::uint64_t packets = 0;
  for (const auto& path : files) {
    CaptureFile file(path);
    sink.on_file(path);
    PacketRecord record;
    std::uint64_t last = 0;
    CaptureTime last_time{};
    while (file.next(record)) {
      decoder.decode(file.link_type(), record);
      ++packets;
      last = record.packet.number;
      last_time = record.packet.time;
    }
    if (file.error())
      sink.on_note(Note{PacketRef{last, last_time}, NoteKind::capture_error,
                        fmt::format("{}: reading stopped after packet {}: {}", shown_name(path), last, *file.error())});
  }
  decoder.finish();
  return packets;
}

} // namespace sipfo::pcap
