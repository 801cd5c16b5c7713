// The DNS response walker on messages built here byte by byte (RFC 1035 4.1).
// Offsets in comments are counted by hand; compression pointers refer to them.

#include "sipfo/dns/dns_message.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace sipfo::dns;

namespace {

using Bytes = std::vector<std::uint8_t>;

// Appends wire fields; names are written label by label, so every byte is visible.
struct Wire {
  Bytes bytes;
  Wire& u8(std::uint8_t v) { bytes.push_back(v); return *this; }
  Wire& u16(std::uint16_t v) { return u8(static_cast<std::uint8_t>(v >> 8)).u8(static_cast<std::uint8_t>(v)); }
  Wire& u32(std::uint32_t v) { return u16(static_cast<std::uint16_t>(v >> 16)).u16(static_cast<std::uint16_t>(v)); }
  Wire& label(const std::string& text)
  {
    u8(static_cast<std::uint8_t>(text.size()));
    for (char c : text) u8(static_cast<std::uint8_t>(c));
    return *this;
  }
  Wire& root() { return u8(0); }
  Wire& pointer(std::uint16_t offset) { return u16(static_cast<std::uint16_t>(0xC000 | offset)); }
  Wire& header(std::uint16_t flags, std::uint16_t qd, std::uint16_t an, std::uint16_t ns, std::uint16_t ar)
  {
    return u16(0x1234).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
  }
  std::size_t size() const { return bytes.size(); }
};

// QR=1 AA=1 RD=1, RCODE in the low 4 bits.
constexpr std::uint16_t aa_response = 0x8500;

// Header + question "_sip._udp.eslab.local. SRV IN"; labels at 12 (_sip),
// 17 (_udp), 22 (eslab), 28 (local), root at 34, QTYPE at 35, first RR at 39.
Wire srv_question(std::uint16_t flags, std::uint16_t an, std::uint16_t ns)
{
  Wire w;
  w.header(flags, 1, an, ns, 0);
  w.label("_sip").label("_udp").label("eslab").label("local").root().u16(33).u16(1);
  return w;
}

// The two-target SRV answer the benchmark zone holds, targets compressed against
// "eslab.local" in the question (offset 22).
Bytes two_srv_answer()
{
  Wire w = srv_question(aa_response, 2, 0);
  REQUIRE(w.size() == 39);
  // RR 1 at 39: owner -> 12; rdata 6 + "piper"(6) + pointer(2) = 14 bytes
  w.pointer(12).u16(33).u16(1).u32(36).u16(14).u16(1).u16(10).u16(5060).label("piper").pointer(22);
  // RR 2: rdata 6 + "piper2"(7) + pointer(2) = 15 bytes
  w.pointer(12).u16(33).u16(1).u32(36).u16(15).u16(2).u16(20).u16(5060).label("piper2").pointer(22);
  return w.bytes;
}

} // namespace

TEST_CASE("dns::read_dns_header: flags, rcode and counts")
{
  // QR=1, TC=1, RD=1, RA=1, RCODE 3
  const Bytes header = {0xab, 0xcd, 0x83, 0x83, 0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04};
  auto h = read_dns_header(header);
  REQUIRE(h);
  CHECK(h->id == 0xabcd);
  CHECK(h->response);
  CHECK(h->truncated);
  CHECK_FALSE(h->authoritative);
  CHECK(h->rcode == Rcode::nxdomain);
  CHECK(h->question_count == 1);
  CHECK(h->answer_count == 2);
  CHECK(h->authority_count == 3);
  CHECK(h->additional_count == 4);

  CHECK_FALSE(read_dns_header(Bytes(header.begin(), header.begin() + 11)));
  CHECK_FALSE(read_dns_header(Bytes{}));
}

TEST_CASE("dns::read_dns_message: SRV answer with compressed owner and targets")
{
  const Bytes wire = two_srv_answer();
  auto message = read_dns_message(wire);
  REQUIRE(message);
  CHECK(message->header.authoritative);
  CHECK_FALSE(message->header.truncated);
  CHECK(message->header.rcode == Rcode::noerror);
  CHECK(message->size == wire.size());
  REQUIRE(message->question);
  CHECK(message->question->name == "_sip._udp.eslab.local.");
  CHECK(message->question->type == RrType::srv);
  REQUIRE(message->answers.size() == 2);
  CHECK(message->answers[0] ==
        Record{"_sip._udp.eslab.local.", RrType::srv, 36, SrvData{1, 10, 5060, "piper.eslab.local."}});
  CHECK(message->answers[1] ==
        Record{"_sip._udp.eslab.local.", RrType::srv, 36, SrvData{2, 20, 5060, "piper2.eslab.local."}});
  CHECK_FALSE(message->negative_ttl);
}

TEST_CASE("dns::read_dns_message: the same SRV answer written out as literal bytes")
{
  // id 0x0001, QR AA RD, 1 question, 1 answer; "_sip._udp.eslab.local. SRV IN"
  const Bytes wire = {
    0x00, 0x01, 0x85, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x04, '_', 's', 'i', 'p', 0x04, '_', 'u', 'd', 'p',
    0x05, 'e', 's', 'l', 'a', 'b', 0x05, 'l', 'o', 'c', 'a', 'l', 0x00,
    0x00, 0x21, 0x00, 0x01,
    // owner -> 12, SRV, IN, TTL 3600, RDLENGTH 14
    0xc0, 0x0c, 0x00, 0x21, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x0e,
    // priority 1, weight 0, port 5061, "piper" + pointer to "eslab.local" at 22
    0x00, 0x01, 0x00, 0x00, 0x13, 0xc5, 0x05, 'p', 'i', 'p', 'e', 'r', 0xc0, 0x16,
  };
  auto message = read_dns_message(wire);
  REQUIRE(message);
  REQUIRE(message->answers.size() == 1);
  CHECK(message->answers[0] ==
        Record{"_sip._udp.eslab.local.", RrType::srv, 3600, SrvData{1, 0, 5061, "piper.eslab.local."}});
}

TEST_CASE("dns::read_dns_message: NAPTR with replacement and with the root replacement")
{
  Wire w;
  w.header(aa_response, 1, 2, 0, 0);
  w.label("eslab").label("local").root().u16(35).u16(1); // "eslab" at 12, first RR at 29
  REQUIRE(w.size() == 29);
  // order 10, pref 20, "S", "SIP+D2U", "", replacement _sip._udp + pointer to 12:
  // rdata 4 + 2 + 8 + 1 + (5 + 5 + 2) = 27
  w.pointer(12).u16(35).u16(1).u32(300).u16(27);
  w.u16(10).u16(20).label("S").label("SIP+D2U").u8(0).label("_sip").label("_udp").pointer(12);
  // order 20, pref 0, "U", "E2U+sip", "!^.*$!sip:info@eslab.local!", root: 4 + 2 + 8 + 28 + 1 = 43
  w.pointer(12).u16(35).u16(1).u32(60).u16(43);
  w.u16(20).u16(0).label("U").label("E2U+sip").label("!^.*$!sip:info@eslab.local!").root();

  auto message = read_dns_message(w.bytes);
  REQUIRE(message);
  REQUIRE(message->answers.size() == 2);
  CHECK(message->answers[0] ==
        Record{"eslab.local.", RrType::naptr, 300, NaptrData{10, 20, "S", "SIP+D2U", "", "_sip._udp.eslab.local."}});
  CHECK(message->answers[1] ==
        Record{"eslab.local.", RrType::naptr, 60, NaptrData{20, 0, "U", "E2U+sip", "!^.*$!sip:info@eslab.local!", "."}});
}

TEST_CASE("dns::read_dns_message: a CNAME chain keeps wire order and each TTL")
{
  Wire w;
  w.header(aa_response, 1, 3, 0, 0);
  w.label("alias").label("eslab").label("local").root().u16(1).u16(1); // alias 12, eslab 18, first RR 35
  REQUIRE(w.size() == 35);
  // alias CNAME alias2.eslab.local: rdata "alias2"(7) + pointer(2) = 9; "alias2" label at 47
  w.pointer(12).u16(5).u16(1).u32(600).u16(9).label("alias2").pointer(18);
  REQUIRE(w.size() == 56);
  // alias2 (-> 47) CNAME piper.eslab.local: rdata 6 + 2 = 8; "piper" at 68
  w.pointer(47).u16(5).u16(1).u32(120).u16(8).label("piper").pointer(18);
  // piper (-> 68) A 127.0.5.2
  w.pointer(68).u16(1).u16(1).u32(300).u16(4).u8(127).u8(0).u8(5).u8(2);

  auto message = read_dns_message(w.bytes);
  REQUIRE(message);
  REQUIRE(message->answers.size() == 3);
  CHECK(message->answers[0] == Record{"alias.eslab.local.", RrType::cname, 600, NameData{"alias2.eslab.local."}});
  CHECK(message->answers[1] == Record{"alias2.eslab.local.", RrType::cname, 120, NameData{"piper.eslab.local."}});
  CHECK(message->answers[2] == Record{"piper.eslab.local.", RrType::a, 300, AddressData{"127.0.5.2"}});
}

TEST_CASE("dns::read_dns_message: NXDOMAIN with the authority SOA gives the RFC 2308 negative TTL")
{
  auto nxdomain_with_soa = [](std::uint32_t soa_ttl, std::uint32_t minimum) {
    Wire w;
    w.header(aa_response | 3, 1, 0, 1, 0);
    w.label("nope").label("eslab").label("local").root().u16(33).u16(1); // eslab at 17, RR at 34
    // eslab.local SOA ns1.eslab.local. hostmaster.eslab.local. + 5 numbers:
    // rdata ("ns1"(4) + ptr 2) + ("hostmaster"(11) + ptr 2) + 20 = 39
    w.pointer(17).u16(6).u16(1).u32(soa_ttl).u16(39);
    w.label("ns1").pointer(17).label("hostmaster").pointer(17);
    w.u32(2024010101).u32(3600).u32(600).u32(86400).u32(minimum);
    return w.bytes;
  };

  auto message = read_dns_message(nxdomain_with_soa(3600, 300));
  REQUIRE(message);
  CHECK(message->header.rcode == Rcode::nxdomain);
  CHECK(message->answers.empty());
  CHECK(message->negative_ttl == 300u); // MINIMUM is the smaller

  message = read_dns_message(nxdomain_with_soa(60, 300));
  REQUIRE(message);
  CHECK(message->negative_ttl == 60u); // the SOA's own TTL is the smaller
}

TEST_CASE("dns::read_dns_message: AAAA, TXT, MX and unknown types, other classes skipped")
{
  Wire w;
  w.header(aa_response, 1, 5, 0, 0);
  w.label("x").root().u16(255).u16(1); // "x" at 12, first RR at 19
  REQUIRE(w.size() == 19);
  w.pointer(12).u16(28).u16(1).u32(5).u16(16);
  for (std::uint8_t b : {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}) w.u8(b);
  // TXT: "a\"b" (1 + 3) and "c\x01" (1 + 2): rdata 7
  w.pointer(12).u16(16).u16(1).u32(5).u16(7).label("a\"b").label("c\x01");
  w.pointer(12).u16(15).u16(1).u32(5).u16(4).u16(10).pointer(12); // MX 10 x.
  w.pointer(12).u16(65280).u16(1).u32(5).u16(3).u8(0x0a).u8(0x00).u8(0xff);
  w.pointer(12).u16(1).u16(3).u32(5).u16(4).u8(10).u8(0).u8(0).u8(1); // class CH: not kept

  auto message = read_dns_message(w.bytes);
  REQUIRE(message);
  REQUIRE(message->answers.size() == 4);
  CHECK(message->answers[0].data == Rdata{AddressData{"2001:db8::1"}});
  CHECK(message->answers[1].data == Rdata{OpaqueData{R"("a\"b" "c\001")"}});
  CHECK(message->answers[2].data == Rdata{OpaqueData{"10 x."}});
  CHECK(message->answers[3].type == static_cast<RrType>(65280));
  CHECK(message->answers[3].data == Rdata{OpaqueData{"\\# 3 0a00ff"}});
}

TEST_CASE("dns::read_dns_message: a TTL with the top bit set reads as 0 (RFC 2181 8)")
{
  Wire w;
  w.header(aa_response, 0, 1, 0, 0);
  w.label("x").root().u16(1).u16(1).u32(0x80000001).u16(4).u32(0x0a000001);
  auto message = read_dns_message(w.bytes);
  REQUIRE(message);
  CHECK_FALSE(message->question);
  REQUIRE(message->answers.size() == 1);
  CHECK(message->answers[0] == Record{"x.", RrType::a, 0, AddressData{"10.0.0.1"}});
}

TEST_CASE("dns::read_dns_message: every truncated prefix of a valid message is rejected")
{
  const Bytes wire = two_srv_answer();
  REQUIRE(read_dns_message(wire));
  for (std::size_t length = 0; length < wire.size(); ++length) {
    CAPTURE(length);
    CHECK_FALSE(read_dns_message(Bytes(wire.begin(), wire.begin() + static_cast<long>(length))));
  }
}

TEST_CASE("dns::read_dns_message: malformed messages are rejected")
{
  SUBCASE("more answers counted than present")
  {
    Bytes wire = two_srv_answer();
    wire[7] = 3; // ANCOUNT 3
    CHECK_FALSE(read_dns_message(wire));
  }
  SUBCASE("RDLENGTH running past the end")
  {
    Bytes wire = two_srv_answer();
    wire[39 + 11] = 200; // RR 1's RDLENGTH low byte
    CHECK_FALSE(read_dns_message(wire));
  }
  SUBCASE("SRV rdata longer than its fields")
  {
    Bytes wire = two_srv_answer();
    wire[39 + 11] = 15; // 14 -> 15: one byte of RR 2 counted into RR 1
    CHECK_FALSE(read_dns_message(wire));
  }
  SUBCASE("A rdata of 5 bytes")
  {
    Wire w;
    w.header(aa_response, 0, 1, 0, 0);
    w.label("x").root().u16(1).u16(1).u32(5).u16(5).u32(0x0a000001).u8(0);
    CHECK_FALSE(read_dns_message(w.bytes));
  }
  SUBCASE("compression pointer to itself")
  {
    Wire w;
    w.header(aa_response, 1, 0, 0, 0);
    w.pointer(12).u16(1).u16(1); // the question name at 12 points to 12
    CHECK_FALSE(read_dns_message(w.bytes));
  }
  SUBCASE("compression pointer past the end")
  {
    Wire w;
    w.header(aa_response, 1, 0, 0, 0);
    w.pointer(0x3ff).u16(1).u16(1);
    CHECK_FALSE(read_dns_message(w.bytes));
  }
  SUBCASE("label length past the end")
  {
    Wire w;
    w.header(aa_response, 1, 0, 0, 0);
    w.u8(40).u8('a');
    CHECK_FALSE(read_dns_message(w.bytes));
  }
  SUBCASE("NAPTR character-string longer than the message")
  {
    Wire w;
    w.header(aa_response, 0, 1, 0, 0);
    w.root().u16(35).u16(1).u32(5).u16(6).u16(1).u16(1).u8(100).u8('S');
    CHECK_FALSE(read_dns_message(w.bytes));
  }
}

TEST_CASE("dns::read_dns_message: any single corrupted byte is read safely or rejected")
{
  // Under ASan/UBSan this is where a read past the end would show; the check
  // itself: whatever is accepted never holds more answers than ANCOUNT says.
  Wire w;
  w.header(aa_response | 3, 1, 1, 1, 0);
  w.label("alias").label("eslab").label("local").root().u16(35).u16(1); // eslab at 18, RR at 35
  w.pointer(12).u16(35).u16(1).u32(300).u16(27);
  w.u16(10).u16(20).label("S").label("SIP+D2U").u8(0).label("_sip").label("_udp").pointer(18);
  w.pointer(18).u16(6).u16(1).u32(60).u16(39);
  w.label("ns1").pointer(18).label("hostmaster").pointer(18).u32(1).u32(2).u32(3).u32(4).u32(5);
  REQUIRE(read_dns_message(w.bytes));
  int accepted = 0;
  for (std::size_t at = 0; at < w.bytes.size(); ++at) {
    for (std::uint8_t value : {0x00, 0x01, 0x3f, 0x40, 0x80, 0xc0, 0xff}) {
      Bytes corrupt = w.bytes;
      corrupt[at] = value;
      if (auto message = read_dns_message(corrupt)) {
        ++accepted;
        CHECK(message->answers.size() <= message->header.answer_count);
      }
    }
  }
  CHECK(accepted > 0); // most corrupted TTLs, IDs and strings still read
}

// ---- Hostile input (issue 16): a reply cut short, and why it is rejected ----

namespace {

// Header + question "x. A IN" (x at 12, QTYPE at 15, first RR at 19), then one
// answer of `type` whose RDLENGTH says `rdlength` but only `present` bytes follow.
Bytes cut_address_answer(std::uint16_t type, std::uint16_t rdlength, std::size_t present)
{
  Wire w;
  w.header(aa_response, 1, 1, 0, 0);
  w.label("x").root().u16(type).u16(1);
  w.pointer(12).u16(type).u16(1).u32(60).u16(rdlength);
  for (std::size_t i = 0; i < present; ++i) w.u8(static_cast<std::uint8_t>(10 + i));
  return w.bytes;
}

} // namespace

TEST_CASE("dns::read_dns_message: an A or AAAA rdata cut short at the end is rejected, not read (issue 16 crash)")
{
  // The SIGSEGV: RDLENGTH 4 (16) with fewer bytes left; take() gave an empty
  // span and inet_ntop read through a null pointer.
  for (std::size_t present = 0; present < 4; ++present) {
    CAPTURE(present);
    std::string why;
    CHECK_FALSE(read_dns_message(cut_address_answer(1, 4, present), why));
    CHECK(why == "answer record 1 of 1: its RDLENGTH is 4, but only " + std::to_string(present) +
                   " bytes are left in the message");
  }
  for (std::size_t present = 0; present < 16; ++present) {
    CAPTURE(present);
    CHECK_FALSE(read_dns_message(cut_address_answer(28, 16, present)));
  }
  // The whole rdata present reads: the test above fails for the right reason.
  auto whole = read_dns_message(cut_address_answer(1, 4, 4));
  REQUIRE(whole);
  CHECK(whole->answers.at(0) == Record{"x.", RrType::a, 60, AddressData{"10.11.12.13"}});
  auto whole6 = read_dns_message(cut_address_answer(28, 16, 16));
  REQUIRE(whole6);
  CHECK(std::get<AddressData>(whole6->answers.at(0).data).address == "a0b:c0d:e0f:1011:1213:1415:1617:1819");
}

TEST_CASE("dns::read_dns_message: an authority SOA cut short is rejected with the section named")
{
  Wire w;
  w.header(aa_response | 3, 1, 0, 1, 0);
  w.label("x").root().u16(1).u16(1);
  w.pointer(12).u16(6).u16(1).u32(60).u16(22).label("ns").pointer(12); // 22 said, 5 present
  std::string why;
  CHECK_FALSE(read_dns_message(w.bytes, why));
  CHECK(why == "authority record 1 of 1: its RDLENGTH is 22, but only 5 bytes are left in the message");
}

TEST_CASE("dns::read_dns_message: every prefix of an A, AAAA and SOA answer is rejected with a reason")
{
  Wire w;
  w.header(aa_response, 1, 2, 1, 0);
  w.label("x").root().u16(1).u16(1);
  w.pointer(12).u16(1).u16(1).u32(60).u16(4).u32(0x0a000001);
  w.pointer(12).u16(28).u16(1).u32(60).u16(16).u32(1).u32(2).u32(3).u32(4);
  w.pointer(12).u16(6).u16(1).u32(60).u16(29).label("ns").pointer(12).label("h").pointer(12);
  w.u32(1).u32(2).u32(3).u32(4).u32(5);
  REQUIRE(read_dns_message(w.bytes));
  for (std::size_t length = 0; length < w.size(); ++length) {
    CAPTURE(length);
    std::string why;
    CHECK_FALSE(read_dns_message(Bytes(w.bytes.begin(), w.bytes.begin() + static_cast<long>(length)), why));
    CHECK_FALSE(why.empty());
  }
}

TEST_CASE("dns::read_dns_message: rdata with room to spare in the message but a wrong length is rejected")
{
  // A with RDLENGTH 3 followed by more bytes of the message: not 4, rejected.
  std::string why;
  CHECK_FALSE(read_dns_message(cut_address_answer(1, 3, 4), why));
  CHECK(why == "answer record 1 of 1: an A record's RDLENGTH is 3, not 4");
}

TEST_CASE("dns::read_dns_message: a compression loop and a pointer past the end say so")
{
  std::string why;
  Wire loop;
  loop.header(aa_response, 1, 0, 0, 0);
  loop.pointer(12).u16(1).u16(1);
  CHECK_FALSE(read_dns_message(loop.bytes, why));
  CHECK(why.find("question 1 of 1: a name at byte 12 is malformed") == 0);
}

TEST_CASE("dns::read_dns_message: names with special octets come back in zone-file form")
{
  // Labels "a b" (a space), "x.y" (a dot inside the label) and "t\" (a backslash).
  Wire w;
  w.header(aa_response, 1, 1, 0, 0);
  w.label("a b").label("x.y").label("t\\").root().u16(1).u16(1);
  w.pointer(12).u16(1).u16(1).u32(60).u16(4).u32(0x0a000004);
  auto message = read_dns_message(w.bytes);
  REQUIRE(message);
  REQUIRE(message->question);
  CHECK(message->question->name == "a\\032b.x\\.y.t\\\\.");
  CHECK(message->answers.at(0).owner == "a\\032b.x\\.y.t\\\\.");
}
