#pragma once
// IP fragment reassembly (RFC 791 3.2, RFC 8200 4.5) with bounded memory: at most
// `max_datagrams` datagrams wait at once, each at most 65535 bytes, and each waits
// at most `timeout` of capture time. Overlapping fragments are resolved the same
// way every time: the first copy of a byte wins (and a note says so).

#include "sipfo/pcap/capture_event.hpp"

#include "byte_reader.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sipfo::pcap::detail {

// Fragments of one datagram share this (RFC 791: source, destination, protocol, id).
struct FragmentKey {
  Address source;
  Address destination;
  std::uint8_t protocol = 0;
  std::uint32_t id = 0;
  friend bool operator==(const FragmentKey&, const FragmentKey&) = default;
};

struct Reassembled {
  std::string payload;
  std::uint64_t first_packet = 0;
};

class IpReassembly {
public:
  IpReassembly(EventSink& sink, std::chrono::seconds timeout, std::size_t max_datagrams);

  // Adds a fragment's data at byte `offset`; returns the whole payload when this
  // fragment completed its datagram. `complete_fragment` is false when the
  // snaplen cut the fragment's data.
  std::optional<Reassembled> add(const FragmentKey& key, std::uint32_t offset, bool more, Bytes data,
                                 const PacketRef& packet);
  // Gives up (with a note) on datagrams older than the timeout at capture time `now`.
  void expire(CaptureTime now, const PacketRef& packet);
  // Gives up on everything still waiting (end of capture).
  void flush(const PacketRef& packet);

  std::size_t waiting() const noexcept { return datagrams_.size(); }
  std::size_t buffered_bytes() const noexcept;

private:
  struct Datagram {
    FragmentKey key;
    CaptureTime first_seen{};
    std::uint64_t first_packet = 0;
    std::string bytes;                                      // grows to the highest end seen
    std::vector<std::pair<std::uint32_t, std::uint32_t>> covered; // sorted, merged [begin, end)
    std::optional<std::uint32_t> total;                     // known once the last fragment came
    bool overlap_noted = false;
  };

  void give_up(std::size_t index, const PacketRef& packet, const char* why);
  static bool cover(Datagram& datagram, std::uint32_t begin, std::uint32_t end, Bytes data);

  EventSink& sink_;
  std::chrono::seconds timeout_;
  std::size_t max_datagrams_;
  std::vector<Datagram> datagrams_; // few at once: a linear search is the fast choice
};

// Largest fragmented datagram payload; fragments reaching past it are an attack (ping of death).
inline constexpr std::uint32_t max_reassembled_bytes = 65535;
// Fragments of one datagram held before it is given up (real traffic needs a few).
inline constexpr std::size_t max_fragment_pieces = 128;

} // namespace sipfo::pcap::detail
