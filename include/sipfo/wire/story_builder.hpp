#pragma once
// From the decoder's events to the story of each phone (capture_story.hpp).
// Pure: the pcap layer reads the files and feeds the builder in capture order;
// tests feed it events. Memory is bounded by StoryLimits whatever the capture.
#include "sipfo/pcap/capture_event.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <cstddef>
#include <memory>
#include <optional>

namespace sipfo::wire {

struct StoryLimits {
  // Per phone, the transactions and DNS exchanges kept in full: the first ones
  // (the boot, the first failover) and the latest ones; those between are counted.
  std::size_t first_kept = 8;
  std::size_t last_kept = 24;
  // Phones followed; beyond it further addresses are counted, not followed.
  std::size_t max_phones = 100000;
};

struct StoryOptions {
  // --phone ADDR: only this address's story; nullopt = every SIP client.
  std::optional<pcap::Address> phone;
  StoryLimits limits;
};

class StoryBuilder final : public pcap::EventSink {
public:
  explicit StoryBuilder(StoryOptions options = {});
  ~StoryBuilder() override;
  StoryBuilder(const StoryBuilder&) = delete;
  StoryBuilder& operator=(const StoryBuilder&) = delete;

  void on_file(const std::string& path) override;
  void on_message(pcap::Message&& message) override;
  void on_tls(const pcap::TlsEvent& event) override;
  void on_connection(const pcap::ConnectionEvent& event) override;
  void on_note(const pcap::Note& note) override;

  // The capture has ended: closes open transactions (timed out or unfinished by
  // the last packet's time), runs the checks that need no model, and hands the
  // story over. `packets` is the count read_captures returned.
  CaptureStory finish(std::uint64_t packets);

private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace sipfo::wire
