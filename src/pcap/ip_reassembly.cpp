#include "ip_reassembly.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::pcap::detail {

IpReassembly::IpReassembly(EventSink& sink, std::chrono::seconds timeout, std::size_t max_datagrams)
    : sink_(sink), timeout_(timeout), max_datagrams_(std::max<std::size_t>(max_datagrams, 1))
{
}

std::size_t IpReassembly::buffered_bytes() const noexcept
{
  std::size_t bytes = 0;
  for (const auto& datagram : datagrams_) bytes += datagram.bytes.size();
  return bytes;
}

// Copies the parts of [begin, end) not yet covered; true when some were already covered.
bool IpReassembly::cover(Datagram& datagram, std::uint32_t begin, std::uint32_t end, Bytes data)
{
  if (datagram.bytes.size() < end) datagram.bytes.resize(end);
  bool overlapped = false;
  std::uint32_t at = begin;
  auto& covered = datagram.covered;
  auto copy = [&](std::uint32_t from, std::uint32_t to) {
    std::copy(data.begin() + (from - begin), data.begin() + (to - begin), datagram.bytes.begin() + from);
  };
  // Fill the holes between the ranges already covered; those keep their bytes.
  for (const auto& range : covered) {
    if (range.second <= begin) continue;
    if (range.first >= end) break;
    overlapped = true;
    if (range.first > at) copy(at, range.first);
    at = std::max(at, range.second);
  }
  if (at < end) copy(at, end);
  // Merge [begin, end) into the sorted list.
  std::uint32_t merged_begin = begin;
  std::uint32_t merged_end = end;
  auto first = std::lower_bound(covered.begin(), covered.end(), begin,
                                [](const auto& range, std::uint32_t value) { return range.second < value; });
  auto last = first;
  while (last != covered.end() && last->first <= end) {
    merged_begin = std::min(merged_begin, last->first);
    merged_end = std::max(merged_end, last->second);
    ++last;
  }
  first = covered.erase(first, last);
  covered.insert(first, {merged_begin, merged_end});
  return overlapped;
}

std::optional<Reassembled> IpReassembly::add(const FragmentKey& key, std::uint32_t offset, bool more, Bytes data,
                                             const PacketRef& packet)
{
  auto found = std::find_if(datagrams_.begin(), datagrams_.end(), [&](const Datagram& d) { return d.key == key; });
  const std::uint64_t end64 = std::uint64_t{offset} + data.size();
  if (end64 > max_reassembled_bytes) {
    sink_.on_note(Note{packet, NoteKind::fragment_oversized,
                       fmt::format("IP fragment at offset {} with {} bytes reaches past {} bytes; datagram dropped",
                                   offset, data.size(), max_reassembled_bytes)});
    if (found != datagrams_.end()) datagrams_.erase(found);
    return std::nullopt;
  }
  if (found == datagrams_.end()) {
    if (datagrams_.size() >= max_datagrams_) give_up(0, packet, "too many fragmented datagrams at once");
    Datagram datagram;
    datagram.key = key;
    datagram.first_seen = packet.time;
    datagram.first_packet = packet.number;
    datagrams_.push_back(std::move(datagram));
    found = datagrams_.end() - 1;
  }
  Datagram& datagram = *found;
  auto begin = offset;
  auto end = static_cast<std::uint32_t>(end64);
  if (!more) {
    if (datagram.total && *datagram.total != end && !datagram.overlap_noted) {
      datagram.overlap_noted = true;
      sink_.on_note(Note{packet, NoteKind::fragment_overlap,
                         fmt::format("two last IP fragments disagree on the length ({} and {} bytes); the first wins",
                                     *datagram.total, end)});
    }
    if (!datagram.total) datagram.total = end;
  }
  if (datagram.total) end = std::min(end, *datagram.total); // bytes past the end are ignored
  if (datagram.covered.size() >= max_fragment_pieces) {
    give_up(static_cast<std::size_t>(found - datagrams_.begin()), packet, "too many fragments");
    return std::nullopt;
  }
  if (begin < end && cover(datagram, begin, end, data) && !datagram.overlap_noted) {
    datagram.overlap_noted = true;
    sink_.on_note(Note{packet, NoteKind::fragment_overlap,
                       fmt::format("overlapping IP fragments (id {:#x}); the first copy of each byte is kept", key.id)});
  }
  if (!datagram.total || datagram.covered.size() != 1 || datagram.covered[0].first != 0 ||
      datagram.covered[0].second < *datagram.total)
    return std::nullopt;
  Reassembled done;
  done.payload = std::move(datagram.bytes);
  done.payload.resize(*datagram.total);
  done.first_packet = datagram.first_packet;
  datagrams_.erase(found);
  return done;
}

void IpReassembly::give_up(std::size_t index, const PacketRef& packet, const char* why)
{
  const Datagram& datagram = datagrams_[index];
  std::size_t have = 0;
  for (const auto& range : datagram.covered) have += range.second - range.first;
  sink_.on_note(Note{packet, NoteKind::fragment_incomplete,
                     fmt::format("IP datagram {} -> {} (id {:#x}, first fragment in packet {}) never completed: {} bytes "
                                 "of {} ({})",
                                 datagram.key.source.to_string(), datagram.key.destination.to_string(), datagram.key.id,
                                 datagram.first_packet, have,
                                 datagram.total ? fmt::to_string(*datagram.total) : std::string("unknown"), why)});
  datagrams_.erase(datagrams_.begin() + static_cast<std::ptrdiff_t>(index));
}

void IpReassembly::expire(CaptureTime now, const PacketRef& packet)
{
  for (std::size_t i = datagrams_.size(); i-- > 0;) {
    if (now - datagrams_[i].first_seen > timeout_) give_up(i, packet, "timed out");
  }
}

void IpReassembly::flush(const PacketRef& packet)
{
  while (!datagrams_.empty()) give_up(datagrams_.size() - 1, packet, "capture ended");
}

} // namespace sipfo::pcap::detail
