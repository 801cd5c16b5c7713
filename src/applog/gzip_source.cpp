#include "gzip_source.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"

#include <zlib.h>

#include <cstring>

namespace sipfo::applog {

namespace {
constexpr std::size_t input_chunk = 256 * 1024;
constexpr int gzip_window = 15 + 16; // RFC 1952 wrapper only
} // namespace

struct GzipSource::Stream {
  z_stream z{};
};

GzipSource::GzipSource(std::unique_ptr<FileDescriptor> file, std::string prefix, std::atomic<std::uint64_t>* consumed)
  : file_(std::move(file)), consumed_(consumed), input_(input_chunk), stream_(std::make_unique<Stream>())
{
  if (inflateInit2(&stream_->z, gzip_window) != Z_OK) {
    throw util::InputError(file_->path(), "cannot start gzip decompression", "out of memory?");
  }
  std::memcpy(input_.data(), prefix.data(), prefix.size());
  stream_->z.next_in = reinterpret_cast<Bytef*>(input_.data());
  stream_->z.avail_in = static_cast<uInt>(prefix.size());
}

GzipSource::~GzipSource() { inflateEnd(&stream_->z); }

bool GzipSource::refill()
{
  if (input_done_) return false;
  const std::size_t got = file_->read(input_.data(), input_.size(), consumed_);
  if (got == 0) {
    input_done_ = true;
    return false;
  }
  stream_->z.next_in = reinterpret_cast<Bytef*>(input_.data());
  stream_->z.avail_in = static_cast<uInt>(got);
  return true;
}

std::size_t GzipSource::read(char* buffer, std::size_t size)
{
  z_stream& z = stream_->z;
  if (truncated_) {
    // The lines inflated before the cut were handed out; now say why it ends.
    truncated_ = false;
    throw util::InputError(util::printable(file_->path()), "gzip stream ends early (truncated file?)",
                           "upload the log again, or pass what was read with 'zcat FILE | sipfo parse-log -'");
  }
  z.next_out = reinterpret_cast<Bytef*>(buffer);
  z.avail_out = static_cast<uInt>(size);
  while (z.avail_out == size && !finished_) {
    if (z.avail_in == 0 && !refill()) {
      // The input ended inside a member (RFC 1952 2.2: a member ends with its
      // CRC32 and ISIZE): a cut upload. Hand out what was inflated, then report it.
      finished_ = true;
      truncated_ = true;
      if (z.avail_out == size) return read(buffer, size);
      break;
    }
    const int status = inflate(&z, Z_NO_FLUSH);
    if (status == Z_STREAM_END) {
      // Another member may follow (concatenated gzip files).
      if (z.avail_in == 0 && !refill()) {
        finished_ = true;
      } else {
        inflateReset(&z);
      }
    } else if (status != Z_OK && status != Z_BUF_ERROR) {
      throw util::InputError(util::printable(file_->path()), "gzip data is corrupt", "upload the log again or pass it uncompressed");
    }
  }
  return size - z.avail_out;
}

} // namespace sipfo::applog
