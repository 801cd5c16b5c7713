#pragma once
// Reading a master file from disk, bounded: only regular files, and at most
// `max_bytes`, so `$INCLUDE /dev/zero` or a huge file cannot hang sipfo.

#include <cstddef>
#include <filesystem>
#include <string>

namespace sipfo::dns {

constexpr std::size_t max_zone_file_bytes = 256u << 20; // 256 MiB, far above any SIP zone

// The whole file. Throws util::InputError at `where` ("FILE:LINE" of an
// $INCLUDE, or "" for a file named on the command line) when the file is not a
// readable regular file or is larger than `max_bytes` (what is left of the
// zone's budget when it is an $INCLUDE).
std::string read_zone_text(const std::filesystem::path& path, const std::string& where,
                           std::size_t max_bytes = max_zone_file_bytes);

} // namespace sipfo::dns
