#pragma once
// A stdio stream that inflates a gzip file as it is read (zlib's gzread behind
// fopencookie), so libpcap's pcap_fopen_offline reads compressed captures
// without a temporary file. zlib reads uncompressed input through unchanged.

#include <cstdio>

namespace sipfo::pcap::detail {

// Takes ownership of `fd`; nullptr (errno set) when it cannot be opened.
// fclose() closes both the stream and the descriptor.
std::FILE* open_inflating_stream(int fd);

} // namespace sipfo::pcap::detail
