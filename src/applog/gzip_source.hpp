#pragma once
// A ByteSource that inflates a gzip stream (RFC 1952), concatenated members included
// (what `cat a.gz b.gz` and appended uploads give). The only file that sees zlib.

#include "sipfo/applog/byte_source.hpp"

#include "file_descriptor.hpp"

#include <memory>
#include <string>
#include <vector>

namespace sipfo::applog {

class GzipSource final : public ByteSource {
public:
  // `prefix` = bytes already read from `file` (the magic bytes used for detection).
  GzipSource(std::unique_ptr<FileDescriptor> file, std::string prefix, std::atomic<std::uint64_t>* consumed);
  ~GzipSource() override;
  std::size_t read(char* buffer, std::size_t size) override;
  bool compressed() const noexcept override { return true; }

private:
  struct Stream;
  bool refill();

  std::unique_ptr<FileDescriptor> file_;
  std::atomic<std::uint64_t>* consumed_;
  std::vector<char> input_;
  std::unique_ptr<Stream> stream_;
  bool input_done_ = false;
  bool finished_ = false;
  bool truncated_ = false; // the input ended inside a member: throw on the next read
};

} // namespace sipfo::applog
