#include "sipfo/dns/zone.hpp"
#include "sipfo/util/input_error.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

using namespace sipfo::dns;

namespace {

// The one line sipfo would print for the zone's error, or "no error".
std::string error_of(std::string_view text, std::string origin = {})
{
  try {
    parse_zone(text, "eslab.local.zone", std::move(origin));
  } catch (const sipfo::util::InputError& error) {
    return error.what();
  }
  return "no error";
}

constexpr std::string_view soa_line = "@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 36\n";

// `soa_line` under $ORIGIN eslab.local., then `body`.
std::string with_soa(std::string_view body)
{
  return "$ORIGIN eslab.local.\n" + std::string(soa_line) + std::string(body);
}

// The error reading `path` gives; fails the test when there is none.
sipfo::util::InputError file_error(const std::filesystem::path& path)
{
  try {
    read_zone_file(path);
  } catch (const sipfo::util::InputError& error) {
    return error;
  }
  FAIL("no error reading " << path);
  return sipfo::util::InputError("", "");
}

// A directory of its own under the system temp dir, removed at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir()
  {
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path = std::filesystem::temp_directory_path() / ("sipfo-zone-test-" + std::to_string(stamp));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::filesystem::path write(const std::string& name, std::string_view text) const
  {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
};

} // namespace

TEST_CASE("dns::parse_zone: a SIP zone with every supported type")
{
  const auto zone = parse_zone(R"($ORIGIN eslab.local.
$TTL 3600
@   IN  SOA ns1 hostmaster.eslab.local. (
            2024010101 ; serial
            1h         ; refresh
            10m        ; retry
            1w         ; expire
            36 )       ; minimum
    IN  NS  ns1
ns1     IN A 10.0.0.53
piper 300 IN A 10.0.0.1
piper   IN AAAA 2001:DB8:0:0::1
sip     IN CNAME piper
_sip._udp 36 IN SRV 1 10 5060 piper
          36 IN SRV 2 10 5060 piper2.eslab.local.
@ IN NAPTR 10 20 "S" "SIP+D2U" "" _sip._udp
@ IN MX 10 mail
@ IN TXT "v=spf1 -all" "; not a comment"
ptr IN PTR piper
x IN TYPE65280 \# 4 0a00 0001
)",
                               "eslab.local.zone");
  CHECK(zone.origin == "eslab.local.");
  CHECK(zone.file == "eslab.local.zone");
  REQUIRE(zone.records.size() == 13);

  const auto& soa = zone.records[0];
  CHECK(soa.owner == "eslab.local.");
  CHECK(soa.ttl == 3600);
  CHECK(soa.data == Rdata{SoaData{"ns1.eslab.local.", "hostmaster.eslab.local.", 2024010101, 3600, 600, 604800, 36}});

  CHECK(zone.records[1].owner == "eslab.local."); // blank owner: the previous one
  CHECK(zone.records[1].data == Rdata{NameData{"ns1.eslab.local."}});
  CHECK(zone.records[3] == Record{"piper.eslab.local.", RrType::a, 300, AddressData{"10.0.0.1"}});
  CHECK(zone.records[4].data == Rdata{AddressData{"2001:db8::1"}}); // canonical text (RFC 5952)
  CHECK(zone.records[5] == Record{"sip.eslab.local.", RrType::cname, 3600, NameData{"piper.eslab.local."}});
  CHECK(zone.records[6] == Record{"_sip._udp.eslab.local.", RrType::srv, 36, SrvData{1, 10, 5060, "piper.eslab.local."}});
  CHECK(zone.records[7] == Record{"_sip._udp.eslab.local.", RrType::srv, 36, SrvData{2, 10, 5060, "piper2.eslab.local."}});
  CHECK(zone.records[8].data == Rdata{NaptrData{10, 20, "S", "SIP+D2U", "", "_sip._udp.eslab.local."}});
  CHECK(zone.records[9].data == Rdata{OpaqueData{"10 mail.eslab.local."}});
  CHECK(zone.records[10].data == Rdata{OpaqueData{R"("v=spf1 -all" "; not a comment")"}});
  CHECK(zone.records[11] == Record{"ptr.eslab.local.", RrType::ptr, 3600, NameData{"piper.eslab.local."}});
  CHECK(zone.records[12] == Record{"x.eslab.local.", static_cast<RrType>(65280), 3600, OpaqueData{"\\# 4 0A000001"}});
}

TEST_CASE("dns::parse_zone: the origin is the SOA owner, the starting origin is a parameter")
{
  const auto zone = parse_zone("@ 60 IN SOA ns1 hm 1 2 3 4 5\npiper 60 IN A 10.0.0.1\n", "z", "Eslab.Local");
  CHECK(zone.origin == "Eslab.Local.");
  CHECK(zone.records[1].owner == "piper.Eslab.Local."); // case kept as written
  CHECK(parse_zone("eslab.local. 60 IN SOA ns1.eslab.local. hm.eslab.local. 1 2 3 4 5\n", "z").origin == "eslab.local.");
}

TEST_CASE("dns::parse_zone: TTL and class in either order, TTL units")
{
  const auto zone = parse_zone(with_soa("a IN 300 A 10.0.0.1\n"
                                        "b 300 IN A 10.0.0.2\n"
                                        "c 1w2d3h4m5s A 10.0.0.3\n"
                                        "d 1H30M in a 10.0.0.4\n"
                                        "e CLASS1 60 A 10.0.0.5\n"),
                               "z");
  REQUIRE(zone.records.size() == 6);
  CHECK(zone.records[1].ttl == 300);
  CHECK(zone.records[2].ttl == 300);
  CHECK(zone.records[3].ttl == 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
  CHECK(zone.records[4].ttl == 5400);
  CHECK(zone.records[4].type == RrType::a);
  CHECK(zone.records[5].ttl == 60);
}

TEST_CASE("dns::parse_zone: a record without a TTL takes $TTL, else 3600 as NSD and Knot do")
{
  SUBCASE("$TTL (RFC 2308 4), which may change midway")
  {
    const auto zone = parse_zone(with_soa("a A 10.0.0.1\n$TTL 5m\nb A 10.0.0.2\n"), "z");
    CHECK(zone.records[1].ttl == 3600); // before any $TTL: the servers' default
    CHECK(zone.records[2].ttl == 300);
  }
  SUBCASE("no $TTL: 3600, also for the SOA itself (NSD 4.6.1 answers so for the same file)")
  {
    const auto zone = parse_zone("$ORIGIN eslab.local.\n@ SOA ns1 hm 1 2 3 4 45\na A 10.0.0.1\nb 90 A 10.0.0.2\n"
                                 "c A 10.0.0.3\n", "z");
    CHECK(zone.records[0].ttl == 3600);
    CHECK(zone.records[1].ttl == 3600);
    CHECK(zone.records[2].ttl == 90);
    CHECK(zone.records[3].ttl == 3600); // not the last stated TTL
  }
}

TEST_CASE("dns::parse_zone: names, escapes, quoted strings and comments")
{
  const auto zone = parse_zone(with_soa(R"(a\.b 60 A 10.0.0.1 ; an escaped dot stays in the label
\065bc 60 A 10.0.0.2
MiXeD 60 A 10.0.0.3
n 60 NAPTR 1 2 "U" "E2U+sip" "!^.*$!sip:\"x\"\\1;\059!" .
t 60 TXT unquoted "with space" "\255"
)"),
                               "z");
  CHECK(zone.records[1].owner == R"(a\.b.eslab.local.)");
  CHECK(zone.records[2].owner == "Abc.eslab.local."); // \065 is 'A'
  CHECK(zone.records[3].owner == "MiXeD.eslab.local.");
  const auto& naptr = std::get<NaptrData>(zone.records[4].data);
  CHECK(naptr.regexp == "!^.*$!sip:\"x\"\\1;;!");
  CHECK(naptr.replacement == ".");
  CHECK(zone.records[5].data == Rdata{OpaqueData{R"("unquoted" "with space" "\255")"}});
}

TEST_CASE("dns::parse_zone: CRLF line ends, blank lines and comment-only lines")
{
  const auto zone = parse_zone("; header\r\n\r\n$ORIGIN eslab.local.\r\n@ 60 SOA ns1 hm 1 2 3 4 5\r\n"
                               "   ; indented comment\r\npiper 60 A 10.0.0.1\r\n",
                               "z");
  REQUIRE(zone.records.size() == 2);
  CHECK(zone.records[1].data == Rdata{AddressData{"10.0.0.1"}});
}

TEST_CASE("dns::parse_zone: error messages name FILE:LINE and say what to write")
{
  CHECK(error_of(with_soa("_sip._udp 36 IN SRV 1 10 5060\n")) ==
        "eslab.local.zone:3: SRV needs priority, weight, port and target; got 3 fields "
        "(write: _sip._udp 36 IN SRV 1 10 5060 piper)");
  CHECK(error_of(with_soa("_sip._udp 36 IN SVR 1 10 5060 piper\n")) ==
        "eslab.local.zone:3: unknown record type 'SVR' (did you mean SRV?)");
  CHECK(error_of(with_soa("x 36 IN FOOBAR 1\n")) ==
        "eslab.local.zone:3: unknown record type 'FOOBAR' (sipfo reads A, AAAA, CNAME, MX, NAPTR, NS, PTR, SOA, SRV, "
        "TXT and the common others (CAA, DS, ...); write other types as TYPEnnn \\# length hex (RFC 3597))");
  CHECK(error_of("$ORIGIN eslab.local.\n$TTL 60\npiper A 10.0.0.1\n") ==
        "eslab.local.zone: no SOA record (a zone file needs the SOA of its apex, e.g. "
        "'@ 3600 IN SOA ns1 hostmaster 1 3600 600 86400 36')");
  CHECK(error_of(with_soa("piper 60 CH A 10.0.0.1\n")) ==
        "eslab.local.zone:3: class CH is not supported (sipfo reads Internet zones: write IN or leave the class out)");
  CHECK(error_of(with_soa("piper 60 A 10.0.0.256\n")) ==
        "eslab.local.zone:3: '10.0.0.256' is not an IPv4 address (write four decimal octets, e.g. 10.0.0.1)");
  CHECK(error_of(with_soa("piper 60 A 10.0.0.1 10.0.0.2\n")) ==
        "eslab.local.zone:3: A needs one IPv4 address; got 2 fields (write: piper 36 IN A 10.0.0.1)");
  CHECK(error_of(with_soa("piper 60 AAAA 10.0.0.1\n")) ==
        "eslab.local.zone:3: '10.0.0.1' is not an IPv6 address (write e.g. 2001:db8::1)");
  CHECK(error_of(with_soa("_sip._udp 60 SRV 1 10 70000 piper\n")) ==
        "eslab.local.zone:3: SRV port '70000' is not a number from 0 to 65535");
  CHECK(error_of(with_soa("@ 60 NAPTR 10 20 \"S\" \"SIP+D2U\" _sip._udp\n")) ==
        "eslab.local.zone:3: NAPTR needs order, preference, flags, service, regexp and replacement; got 5 fields "
        "(write: @ 36 IN NAPTR 10 20 \"S\" \"SIP+D2U\" \"\" _sip._udp)");
  CHECK(error_of(with_soa("piper 1x A 10.0.0.1\n")) ==
        "eslab.local.zone:3: TTL '1x' is not a time (write seconds, or units w d h m s as in 1h30m)");
  CHECK(error_of(with_soa("piper 2147483648 A 10.0.0.1\n")) ==
        "eslab.local.zone:3: TTL '2147483648' is above 2147483647 seconds (TTLs are at most 2147483647 (RFC 2181 8))");
  CHECK(error_of(with_soa("piper 60 IN\n")) == "eslab.local.zone:3: record has no type (write: piper 36 IN A 10.0.0.1)");
}

TEST_CASE("dns::parse_zone: name errors")
{
  const std::string label64(64, 'a');
  CHECK(error_of(with_soa(label64 + " 60 A 10.0.0.1\n")) ==
        "eslab.local.zone:3: owner: label '" + label64.substr(0, 60) +
          "...' is longer than 63 octets (labels are 1-63 octets, separated by dots (RFC 1035 2.3.4))");
  CHECK(error_of(with_soa("a..b 60 A 10.0.0.1\n")) ==
        "eslab.local.zone:3: owner: empty label in 'a..b' (labels are 1-63 octets, separated by dots (RFC 1035 2.3.4))");
  std::string long_name;
  for (int i = 0; i < 5; ++i) long_name += std::string(60, 'b') + ".";
  CHECK(error_of(with_soa(long_name + " 60 A 10.0.0.1\n")).starts_with("eslab.local.zone:3: owner '"));
  CHECK(error_of(with_soa(long_name + " 60 A 10.0.0.1\n")).ends_with(
    "' is longer than 255 octets (RFC 1035 2.3.4 limits a name to 255 octets; check $ORIGIN and the trailing dot)"));
  CHECK(error_of("@ 60 SOA ns1 hm 1 2 3 4 5\n") ==
        "eslab.local.zone:1: owner '@' with no origin set "
        "(set $ORIGIN before it, or write the name in full with a trailing dot)");
  CHECK(error_of("eslab.local. 60 SOA ns1 hm 1 2 3 4 5\n") ==
        "eslab.local.zone:1: SOA mname 'ns1' is relative and no origin is set "
        "(end the name with a dot, or set $ORIGIN before it)");
  CHECK(error_of(with_soa("piper.other. 60 A 10.0.0.1\n")) ==
        "eslab.local.zone:3: piper.other. is outside the zone eslab.local. (names here must end in eslab.local.; a "
        "name without a trailing dot is relative to $ORIGIN)");
  CHECK(error_of("   60 A 10.0.0.1\n") ==
        "eslab.local.zone:1: record has no owner "
        "(a line starting with white space repeats the previous owner, and there is none yet)");
}

TEST_CASE("dns::parse_zone: lexical errors")
{
  CHECK(error_of(with_soa("t 60 TXT \"open\n")) ==
        "eslab.local.zone:3: quoted string is not closed "
        "(end it with '\"' on the same line; write \\\" for a quote inside it)");
  CHECK(error_of(with_soa("t 60 TXT ( \"a\"\n\n")) == "eslab.local.zone:3: '(' is never closed (add the matching ')')");
  CHECK(error_of(with_soa("t 60 TXT \"a\" )\n")) ==
        "eslab.local.zone:3: ')' without '(' (remove it or add the '(' it closes)");
  CHECK(error_of(with_soa("t 60 TXT ( (\n")) ==
        "eslab.local.zone:3: '(' inside parentheses (the '(' on line 3 is still open; close it first)");
  CHECK(error_of(with_soa("t 60 TXT \"\\256\"\n")) ==
        "eslab.local.zone:3: TXT string '\\256' has a malformed escape "
        "(write \\\" for a quote, \\\\ for a backslash, \\DDD (000-255) for any octet)");
}

TEST_CASE("dns::parse_zone: zone-level rules")
{
  CHECK(error_of(with_soa("sip 60 CNAME piper\nsip 60 A 10.0.0.1\n")) ==
        "eslab.local.zone:4: sip.eslab.local. has a CNAME and other records (a CNAME must be the only record at its "
        "name (RFC 1034 3.6.2); the other record is at eslab.local.zone:3)");
  CHECK(error_of(with_soa("sip 60 A 10.0.0.1\nSIP 60 CNAME piper\n")) ==
        "eslab.local.zone:4: SIP.eslab.local. has a CNAME and other records (a CNAME must be the only record at its "
        "name (RFC 1034 3.6.2); the other record is at eslab.local.zone:3)");
  CHECK(error_of(with_soa("@ 60 SOA ns2 hm 2 2 3 4 5\n")) ==
        "eslab.local.zone:3: second SOA record (a zone has one SOA, at its apex; the first is at eslab.local.zone:2)");
}

TEST_CASE("dns::parse_zone: directives")
{
  CHECK(error_of("$ORIGN eslab.local.\n") == "eslab.local.zone:1: unknown directive $ORIGN (did you mean $ORIGIN?)");
  CHECK(error_of("$GENERATE 1-9 host$ A 10.0.0.$\n") ==
        "eslab.local.zone:1: unknown directive $GENERATE (sipfo reads $ORIGIN, $TTL and $INCLUDE; write other lines out)");
  CHECK(error_of("$TTL\n") == "eslab.local.zone:1: $TTL needs one value; got 0 (write: $TTL 3600)");
  CHECK(error_of("$ORIGIN a. b.\n") == "eslab.local.zone:1: $ORIGIN needs one value; got 2 (write: $ORIGIN eslab.local.)");
  // A relative $ORIGIN is relative to the current one.
  const auto zone = parse_zone("$ORIGIN local.\n$ORIGIN eslab\n@ 60 SOA ns1 hm 1 2 3 4 5\n", "z");
  CHECK(zone.origin == "eslab.local.");
}

TEST_CASE("dns::parse_zone: generic rdata (RFC 3597)")
{
  const auto zone = parse_zone(with_soa("a 60 TYPE1 \\# 4 0A000001\nb 60 TYPE28 \\# 16 20010db8000000000000000000000001\n"
                                        "c 60 TYPE65280 \\# 0\n"),
                               "z");
  CHECK(zone.records[1] == Record{"a.eslab.local.", RrType::a, 60, AddressData{"10.0.0.1"}});
  CHECK(zone.records[2].data == Rdata{AddressData{"2001:db8::1"}});
  CHECK(zone.records[3].data == Rdata{OpaqueData{"\\# 0"}});
  CHECK(error_of(with_soa("a 60 TYPE65280 \\# 3 0A0000\n")) == "no error");
  CHECK(error_of(with_soa("a 60 TYPE65280 \\# 4 0A0000\n")) ==
        "eslab.local.zone:3: generic rdata does not hold the 4 octets its length says "
        "(write two hex digits per octet after the length, e.g. \\# 4 0A000001)");
  CHECK(error_of(with_soa("a 60 TYPE65280 10.0.0.1\n")) ==
        "eslab.local.zone:3: TYPE65280 rdata must be in the generic form (a type sipfo has no mnemonic for is written "
        "as \\# length hex (RFC 3597 5), e.g. TYPE65280 \\# 4 0A000001)");
  CHECK(error_of(with_soa("a 60 SRV \\# 1 00\n")) ==
        "eslab.local.zone:3: generic \\# rdata is not supported for SRV (write the SRV rdata in its usual form)");
}

TEST_CASE("dns::read_zone_file: $INCLUDE relative to the including file, origin restored after it")
{
  TempDir dir;
  std::filesystem::create_directories(dir.path / "sub");
  dir.write("sub/sip.records", "_sip._udp 60 SRV 1 10 5060 piper\n");
  const auto main = dir.write("eslab.local.zone", "$ORIGIN eslab.local.\n@ 60 SOA ns1 hm 1 2 3 4 5\n"
                                                  "$INCLUDE sub/sip.records lab.eslab.local.\n"
                                                  "piper 60 A 10.0.0.1\n");
  const auto zone = read_zone_file(main);
  REQUIRE(zone.records.size() == 3);
  CHECK(zone.records[1].owner == "_sip._udp.lab.eslab.local.");
  CHECK(std::get<SrvData>(zone.records[1].data).target == "piper.lab.eslab.local.");
  CHECK(zone.records[2].owner == "piper.eslab.local.");
  CHECK(zone.file == main.string());
}

TEST_CASE("dns::read_zone_file: errors in included files, include loops, missing files")
{
  TempDir dir;
  dir.write("bad.records", "\n_sip._udp 60 SRV 1 10 5060\n");
  const auto bad = dir.write("bad.zone", "$ORIGIN eslab.local.\n@ 60 SOA ns1 hm 1 2 3 4 5\n$INCLUDE bad.records\n");
  CHECK(file_error(bad).where() == (dir.path / "bad.records").string() + ":2");

  const auto loop = file_error(dir.write("loop.zone", "$INCLUDE loop.zone\n"));
  CHECK(loop.what_is_wrong() == "too many $INCLUDEs (at most 8 deep, 256 in all)");
  CHECK(loop.hint() == "check for a file that includes itself");

  const auto missing = dir.write("missing.zone", "$INCLUDE nothere.zone\n");
  CHECK(file_error(missing).where() == missing.string() + ":1");
  CHECK(file_error(missing).what_is_wrong().starts_with("cannot read zone file "));

  CHECK(file_error(dir.path).what_is_wrong() == "cannot read zone file " + dir.path.string() + ": not a regular file or a pipe");
}

// Its speed is a benchmark's business (tests/bench), never a timed assertion here.
TEST_CASE("dns::parse_zone: 100k records all load, the last one intact")
{
  std::string text(with_soa("$TTL 60\n"));
  for (int i = 0; i < 100000; ++i) {
    text += "host" + std::to_string(i) + " A 10." + std::to_string(i / 65536) + "." + std::to_string(i / 256 % 256) +
            "." + std::to_string(i % 256) + "\n";
  }
  const auto zone = parse_zone(text, "big.zone");
  CHECK(zone.records.size() == 100001);
  CHECK(zone.records.back().owner == "host99999.eslab.local.");
  CHECK(std::get<sipfo::dns::AddressData>(zone.records.back().data).address == "10.1.134.159");
}
