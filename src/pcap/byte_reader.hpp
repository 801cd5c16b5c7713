#pragma once
// Big-endian (network order) reads from captured bytes. Callers check the length
// first; these never look past the span they are given.

#include <cstddef>
#include <cstdint>
#include <span>

namespace sipfo::pcap::detail {

using Bytes = std::span<const std::uint8_t>;

inline std::uint16_t be16(Bytes b, std::size_t at) noexcept
{
  return static_cast<std::uint16_t>((b[at] << 8) | b[at + 1]);
}

inline std::uint32_t be24(Bytes b, std::size_t at) noexcept
{
  return (std::uint32_t{b[at]} << 16) | (std::uint32_t{b[at + 1]} << 8) | b[at + 2];
}

inline std::uint32_t be32(Bytes b, std::size_t at) noexcept
{
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) |
         b[at + 3];
}

inline std::uint32_t le32(Bytes b, std::size_t at) noexcept
{
  return (std::uint32_t{b[at + 3]} << 24) | (std::uint32_t{b[at + 2]} << 16) | (std::uint32_t{b[at + 1]} << 8) |
         b[at];
}

} // namespace sipfo::pcap::detail
