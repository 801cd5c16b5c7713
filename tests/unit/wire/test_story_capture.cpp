// The story builder fed by the pcap layer from a real capture file.
#include "sipfo/pcap/capture_reader.hpp"
#include "sipfo/wire/story_builder.hpp"

#include <doctest/doctest.h>

using namespace sipfo;

TEST_CASE("wire::StoryBuilder: read_captures counts the packets it read and feeds the story")
{
  // fixtures/pcap/generate.py sll2_udp_sip: OPTIONS 127.0.0.1:5062 -> :5060, then a 200 OK
  // without Via or Call-ID, which matches no transaction.
  wire::StoryBuilder builder;
  const std::uint64_t packets = pcap::read_captures({SIPFO_SOURCE_DIR "/fixtures/pcap/sll2_udp_sip.pcap"}, builder);
  CHECK(packets == 2);
  auto story = builder.finish(packets);
  CHECK(story.packets == 2);
  CHECK(story.files.size() == 1);
  CHECK(story.sip_messages == 2);
  REQUIRE(story.phones.size() == 1);
  const auto& phone = story.phones[0];
  REQUIRE(phone.transactions.size() == 1);
  CHECK(phone.transactions[0].method == "OPTIONS");
  CHECK(phone.transactions[0].branch == "z9hG4bKfix");
  CHECK(phone.transactions[0].client.port == 5062);
  CHECK(phone.transactions[0].sends.front().number == 1);
  CHECK(phone.transactions[0].responses.empty());
  CHECK(phone.transactions[0].end == wire::TransactionEnd::unfinished);
}
