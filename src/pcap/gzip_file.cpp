#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 // fopencookie
#endif
#include "gzip_file.hpp"

#include <zlib.h>

#include <cerrno>
#include <climits>
#include <unistd.h>

namespace sipfo::pcap::detail {

namespace {

ssize_t read_inflated(void* cookie, char* buffer, size_t size)
{
  const unsigned chunk = size > INT_MAX ? INT_MAX : static_cast<unsigned>(size);
  const int got = gzread(static_cast<gzFile>(cookie), buffer, chunk);
  if (got < 0) {
    errno = EIO; // a corrupt stream: libpcap reports it as a read error
    return -1;
  }
  return got;
}

int close_inflated(void* cookie)
{
  return gzclose(static_cast<gzFile>(cookie)) == Z_OK ? 0 : EOF;
}

} // namespace

std::FILE* open_inflating_stream(int fd)
{
  gzFile gz = gzdopen(fd, "rb");
  if (!gz) {
    ::close(fd);
    errno = ENOMEM;
    return nullptr;
  }
  gzbuffer(gz, 128 * 1024);
  cookie_io_functions_t functions{};
  functions.read = read_inflated;
  functions.close = close_inflated;
  std::FILE* stream = fopencookie(gz, "rb", functions);
  if (!stream) gzclose(gz);
  return stream;
}

} // namespace sipfo::pcap::detail
