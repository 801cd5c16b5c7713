#include "sipfo/pcap/link_type.hpp"

#include <pcap/dlt.h>

namespace sipfo::pcap {

namespace {
// LINKTYPE_ values libpcap hands through unchanged (no DLT_ name on every platform).
constexpr int linktype_ipv4 = 228;
constexpr int linktype_ipv6 = 229;
constexpr int linktype_raw = 101;
constexpr int linktype_linux_sll2 = 276;
} // namespace

std::optional<LinkType> link_type_of_dlt(int dlt) noexcept
{
  switch (dlt) {
  case DLT_EN10MB: return LinkType::ethernet;
  case DLT_LINUX_SLL: return LinkType::linux_sll;
  case linktype_linux_sll2: return LinkType::linux_sll2;
  case DLT_RAW:
  case linktype_raw: return LinkType::raw;
  case linktype_ipv4: return LinkType::ipv4;
  case linktype_ipv6: return LinkType::ipv6;
  case DLT_NULL: return LinkType::null;
  case DLT_LOOP: return LinkType::loop;
  default: return std::nullopt;
  }
}

int dlt_of(LinkType type) noexcept
{
  switch (type) {
  case LinkType::ethernet: return DLT_EN10MB;
  case LinkType::linux_sll: return DLT_LINUX_SLL;
  case LinkType::linux_sll2: return linktype_linux_sll2;
  case LinkType::raw: return DLT_RAW;
  case LinkType::ipv4: return linktype_ipv4;
  case LinkType::ipv6: return linktype_ipv6;
  case LinkType::null: return DLT_NULL;
  case LinkType::loop: return DLT_LOOP;
  }
  return DLT_EN10MB;
}

const char* link_type_name(LinkType type) noexcept
{
  switch (type) {
  case LinkType::ethernet: return "Ethernet";
  case LinkType::linux_sll: return "Linux cooked v1";
  case LinkType::linux_sll2: return "Linux cooked v2";
  case LinkType::raw: return "raw IP";
  case LinkType::ipv4: return "raw IPv4";
  case LinkType::ipv6: return "raw IPv6";
  case LinkType::null: return "BSD loopback";
  case LinkType::loop: return "OpenBSD loopback";
  }
  return "?";
}

} // namespace sipfo::pcap
