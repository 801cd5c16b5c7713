// Capture files through libpcap: pcap written byte by byte here (the libpcap
// file format: a 24-byte header, then 16-byte record headers), gzip, directories
// in name order, a damaged tail (a note, not an error), an unknown link type and
// an unreadable file (errors), and the scapy-made fixtures in fixtures/pcap
// (fixtures/pcap/generate.py writes them; pcapng among them).

#include "packet_builder.hpp"

#include "sipfo/pcap/capture_reader.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace sipfo::pcap;
using namespace sipfo::pcap::test;

namespace {

struct ScratchDir {
  ScratchDir()
  {
    std::string pattern = (std::filesystem::temp_directory_path() / "sipfo-pcap-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::filesystem::path path;
};

void le32(std::string& out, std::uint32_t v)
{
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

void le16(std::string& out, std::uint16_t v)
{
  out.push_back(static_cast<char>(v));
  out.push_back(static_cast<char>(v >> 8));
}

struct Record {
  std::uint32_t seconds;
  std::uint32_t fraction; // microseconds (or nanoseconds with the nanosecond magic)
  Packet bytes;
  std::uint32_t wire_length = 0;
};

// A classic pcap file, little-endian, microsecond (0xa1b2c3d4) or nanosecond (0xa1b23c4d) magic.
std::string pcap_file(std::uint32_t linktype, const std::vector<Record>& records, bool nanoseconds = false,
                      std::uint32_t snaplen = 65535)
{
  std::string out;
  le32(out, nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4);
  le16(out, 2);
  le16(out, 4);
  le32(out, 0);
  le32(out, 0);
  le32(out, snaplen);
  le32(out, linktype);
  for (const auto& record : records) {
    le32(out, record.seconds);
    le32(out, record.fraction);
    le32(out, static_cast<std::uint32_t>(record.bytes.size()));
    le32(out, record.wire_length ? record.wire_length : static_cast<std::uint32_t>(record.bytes.size()));
    out.append(record.bytes.begin(), record.bytes.end());
  }
  return out;
}

void write_file(const std::string& path, const std::string& bytes)
{
  std::ofstream(path, std::ios::binary) << bytes;
}

void write_gzip(const std::string& path, const std::string& bytes)
{
  gzFile gz = gzopen(path.c_str(), "wb");
  REQUIRE(gz != nullptr);
  REQUIRE(gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())) == static_cast<int>(bytes.size()));
  gzclose(gz);
}

Packet sip_udp(int cseq)
{
  return ethernet(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp,
                                       udp(5062, 5060, bytes_of(sip_request("OPTIONS", cseq)))));
}

class FileSink : public CollectingSink {
public:
  void on_file(const std::string& path) override { files.push_back(path); }
  std::vector<std::string> files;
};

std::string fixture(const std::string& name)
{
  return std::string(SIPFO_SOURCE_DIR) + "/fixtures/pcap/" + name;
}

} // namespace

TEST_CASE("pcap::CaptureFile: packets, numbers, microsecond and nanosecond times, wire lengths")
{
  ScratchDir dir;
  write_file(dir.file("a.pcap"), pcap_file(1, {{1700000000, 123456, sip_udp(1)}, {1700000001, 5, sip_udp(2), 2000}}));
  CaptureFile file(dir.file("a.pcap"));
  CHECK(file.link_type() == LinkType::ethernet);
  PacketRecord record;
  REQUIRE(file.next(record));
  CHECK(record.packet.number == 1);
  CHECK(record.packet.time.time_since_epoch() == std::chrono::seconds(1700000000) + std::chrono::microseconds(123456));
  CHECK(record.bytes.size() == sip_udp(1).size());
  REQUIRE(file.next(record));
  CHECK(record.packet.number == 2);
  CHECK(record.wire_length == 2000);
  CHECK_FALSE(file.next(record));
  CHECK_FALSE(file.error());

  write_file(dir.file("n.pcap"), pcap_file(1, {{1700000000, 123456789, sip_udp(1)}}, true));
  CaptureFile nano(dir.file("n.pcap"));
  REQUIRE(nano.next(record));
  CHECK(record.packet.time.time_since_epoch() == std::chrono::seconds(1700000000) + std::chrono::nanoseconds(123456789));
}

TEST_CASE("pcap::read_captures: gzip by its magic bytes, whatever the name")
{
  ScratchDir dir;
  const std::string bytes = pcap_file(113, {{1, 0, sll(ethertype_ipv4, ipv4("192.0.2.10", "192.0.2.1", proto_udp, udp(5062, 5060, bytes_of(sip_request("OPTIONS", 1)))))}});
  write_gzip(dir.file("x.pcap.gz"), bytes);
  write_gzip(dir.file("renamed.pcap"), bytes);
  FileSink sink;
  read_captures({dir.file("x.pcap.gz"), dir.file("renamed.pcap")}, sink);
  CHECK(sink.files.size() == 2);
  REQUIRE(sink.messages.size() == 2);
  CHECK(sink.messages[0].payload == sip_request("OPTIONS", 1));
}

TEST_CASE("pcap::read_captures: a directory is its capture files in name order, and a stream continues across them")
{
  ScratchDir dir;
  const std::string m = sip_request("REGISTER", 1);
  const auto segment = [&](std::uint32_t seq, std::string_view data) {
    return ethernet(ethertype_ipv4,
                    ipv4("192.0.2.10", "192.0.2.1", proto_tcp, tcp(40000, 5060, seq, ack | psh, bytes_of(data))));
  };
  // Rotated files (tcpdump -C): the message starts in the first and ends in the second.
  write_file(dir.file("cap-01.pcap"), pcap_file(1, {{10, 0, segment(1, std::string_view(m).substr(0, 40))}}));
  write_gzip(dir.file("cap-02.pcap.gz"), pcap_file(1, {{11, 0, segment(41, std::string_view(m).substr(40))}}));
  write_file(dir.file("notes.txt"), "not a capture");
  FileSink sink;
  read_captures({dir.path.string()}, sink);
  CHECK(sink.files == std::vector<std::string>{dir.file("cap-01.pcap"), dir.file("cap-02.pcap.gz")});
  REQUIRE(sink.messages.size() == 1);
  CHECK(sink.messages[0].payload == m);
  CHECK(sink.messages[0].packet.number == 1); // packet 1 of the second file
  CHECK(sink.messages[0].packet.time.time_since_epoch() == std::chrono::seconds(11));
}

TEST_CASE("pcap::read_captures: a capture cut in the middle of a record is a note after its last packet")
{
  ScratchDir dir;
  std::string bytes = pcap_file(1, {{1, 0, sip_udp(1)}, {2, 0, sip_udp(2)}});
  bytes.resize(bytes.size() - 20); // tcpdump killed while writing
  write_file(dir.file("cut.pcap"), bytes);
  CollectingSink sink;
  read_captures({dir.file("cut.pcap")}, sink);
  CHECK(sink.messages.size() == 1);
  REQUIRE(sink.notes_of(NoteKind::capture_error) == 1);
  CHECK(sink.notes.back().packet.number == 1);
  CHECK(sink.notes.back().text.find("after packet 1") != std::string::npos);
}

TEST_CASE("pcap::CaptureFile: an unknown link type and an unreadable file are input errors")
{
  ScratchDir dir;
  write_file(dir.file("wifi.pcap"), pcap_file(127, {{1, 0, Packet(40, 0)}})); // radiotap
  try {
    CaptureFile file(dir.file("wifi.pcap"));
    FAIL("no error for radiotap");
  } catch (const sipfo::util::InputError& error) {
    CHECK(sipfo::util::format_input_error(error) ==
          dir.file("wifi.pcap") + ": link type 127 (IEEE802_11_RADIO) is not supported (capture on Ethernet, Linux "
                                  "cooked (-i any), raw IP or loopback)");
  }
  write_file(dir.file("text.pcap"), "this is not a capture file at all");
  CHECK_THROWS_AS(CaptureFile(dir.file("text.pcap")), sipfo::util::InputError);
  CHECK_THROWS_AS(CaptureFile(dir.file("missing.pcap")), sipfo::util::InputError);
  write_gzip(dir.file("junk.gz"), "gzip of junk, not a capture");
  CHECK_THROWS_AS(CaptureFile(dir.file("junk.gz")), sipfo::util::InputError);
  CollectingSink sink;
  CHECK_THROWS_AS(read_captures({dir.file("missing.pcap")}, sink), sipfo::util::InputError);
  std::filesystem::create_directory(dir.path / "empty");
  CHECK_THROWS_AS(read_captures({(dir.path / "empty").string()}, sink), sipfo::util::InputError);
  // A good file before a bad one: the error comes before any event.
  write_file(dir.file("good.pcap"), pcap_file(1, {{1, 0, sip_udp(1)}}));
  CollectingSink early;
  CHECK_THROWS_AS(read_captures({dir.file("good.pcap"), dir.file("text.pcap")}, early), sipfo::util::InputError);
  CHECK(early.messages.empty());
}

TEST_CASE("pcap::read_captures: fixtures crafted with scapy (fixtures/pcap/generate.py)")
{
  SUBCASE("Linux cooked v2, SIP over UDP")
  {
    CaptureFile file(fixture("sll2_udp_sip.pcap"));
    CHECK(file.link_type() == LinkType::linux_sll2);
    CollectingSink sink;
    read_captures({fixture("sll2_udp_sip.pcap")}, sink);
    REQUIRE(sink.messages.size() == 2);
    CHECK(sink.messages[0].payload.starts_with("OPTIONS sip:p1.eslab.local SIP/2.0\r\n"));
    CHECK(sink.messages[1].payload.starts_with("SIP/2.0 200 OK\r\n"));
    CHECK(sink.messages[1].flow.source.to_string() == "127.0.0.1:5060");
  }
  SUBCASE("pcapng, QinQ-tagged TCP segments out of order and an IPv6 fragmented datagram")
  {
    CollectingSink sink;
    read_captures({fixture("qinq_tcp_ipv6_fragments.pcapng")}, sink);
    REQUIRE(sink.messages.size() == 2);
    CHECK(sink.messages[0].payload.starts_with("REGISTER sip:eslab.local SIP/2.0\r\n"));
    CHECK(sink.messages[0].payload.ends_with(std::string(200, 'x')));
    CHECK(sink.messages[0].flow.protocol == IpProtocol::tcp);
    CHECK(sink.messages[1].payload.starts_with("INVITE sip:1512@eslab.local SIP/2.0\r\n"));
    CHECK(sink.messages[1].payload.size() == 3000);
    CHECK(sink.messages[1].flow.source.to_string() == "[2001:db8::10]:5062");
    CHECK(sink.notes.empty());
  }
  SUBCASE("TLS ClientHello with SNI split over two segments, ServerHello, fatal alert")
  {
    CollectingSink sink;
    read_captures({fixture("tls_split_hello.pcap")}, sink);
    REQUIRE(sink.tls.size() == 3);
    CHECK(sink.tls[0].kind == TlsEventKind::client_hello);
    CHECK(sink.tls[0].server_name == "p1.eslab.local");
    CHECK(sink.tls[0].version == 0x0304);
    CHECK(sink.tls[1].kind == TlsEventKind::server_hello);
    CHECK(sink.tls[1].version == 0x0303);
    CHECK(sink.tls[2].kind == TlsEventKind::alert);
    CHECK(sink.tls[2].alert_level == 2);
    CHECK(sink.tls[2].alert_description == 48); // unknown_ca
  }
  SUBCASE("IPv4 fragments shuffled, the same capture gzip-compressed")
  {
    CollectingSink plain, compressed;
    read_captures({fixture("ipv4_fragments.pcap")}, plain);
    read_captures({fixture("ipv4_fragments.pcap.gz")}, compressed);
    REQUIRE(plain.messages.size() == 1);
    CHECK(plain.messages[0].payload.size() == 4000);
    CHECK(plain.messages[0].payload.starts_with("MESSAGE sip:1512@eslab.local SIP/2.0\r\n"));
    REQUIRE(compressed.messages.size() == 1);
    CHECK(compressed.messages[0].payload == plain.messages[0].payload);
  }
}
