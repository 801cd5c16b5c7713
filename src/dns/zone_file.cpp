#include "zone_file.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace sipfo::dns {

std::string read_zone_text(const std::filesystem::path& path, const std::string& where, std::size_t max_bytes)
{
  const auto shown = path.string();
  const auto at = where.empty() ? shown : where;
  // "-" is standard input; a pipe (bash's <(...)) reads like a file. Devices
  // and directories are refused: /dev/zero would never end.
  const auto opened = path == "-" ? std::filesystem::path("/dev/stdin") : path;
  std::error_code error;
  const auto status = std::filesystem::status(opened, error);
  if (error || (!std::filesystem::is_regular_file(status) && !std::filesystem::is_fifo(status))) {
    const auto reason = error ? error.message() : std::string("not a regular file or a pipe");
    throw util::InputError(at, fmt::format("cannot read zone file {}: {}", shown, reason),
                           "give the path of an RFC 1035 master file");
  }
  std::ifstream in(opened, std::ios::binary);
  if (!in) {
    throw util::InputError(at, fmt::format("cannot read zone file {}: {}", shown, std::strerror(errno)),
                           "check the path and its permissions");
  }
  std::string text;
  std::array<char, 65536> chunk{};
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      throw util::InputError(at,
                             fmt::format("zone file {} is too large: sipfo reads at most {} MiB of zone text", shown,
                                         max_zone_file_bytes >> 20),
                             "check that this is the file you meant");
    }
  }
  if (in.bad()) {
    throw util::InputError(at, fmt::format("cannot read zone file {}: read error", shown));
  }
  return text;
}

} // namespace sipfo::dns
