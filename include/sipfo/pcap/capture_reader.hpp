#pragma once
// Reading capture files with libpcap: pcap and pcapng, "-" for standard input,
// gzip-compressed files (by their magic bytes, whatever their name), and
// directories (their capture files in name order).

#include "sipfo/pcap/link_type.hpp"
#include "sipfo/pcap/packet_decoder.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::pcap {

// One open capture file. Opening throws util::InputError when the file cannot be
// read as a capture or its link type is not one the decoder knows.
class CaptureFile {
public:
  explicit CaptureFile(const std::string& path);
  ~CaptureFile();
  CaptureFile(const CaptureFile&) = delete;
  CaptureFile& operator=(const CaptureFile&) = delete;

  LinkType link_type() const noexcept { return link_type_; }
  // The next packet (its bytes valid until the next call); false at the end or
  // when the file is damaged after the last good packet (then error() says why).
  bool next(PacketRecord& record);
  // Why reading stopped early ("truncated dump file ..."), if it did.
  const std::optional<std::string>& error() const noexcept { return error_; }

private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  LinkType link_type_ = LinkType::ethernet;
  std::uint64_t count_ = 0;
  std::optional<std::string> error_;
};

// The files named on the command line, in order: a directory becomes its
// *.pcap, *.pcapng, *.cap files (each also .gz) in name order. Throws
// util::InputError for a path that does not exist or a directory without captures.
std::vector<std::string> expand_capture_inputs(const std::vector<std::string>& arguments);

// Reads every file of `arguments` (expanded as above) through one decoder, so a
// TCP stream continues across rotated files; packet numbers restart per file.
// A damaged tail is a capture_error note; an unreadable file throws util::InputError.
// Returns the number of packets read, all files together.
std::uint64_t read_captures(const std::vector<std::string>& arguments, EventSink& sink, DecoderLimits limits = {});

} // namespace sipfo::pcap
