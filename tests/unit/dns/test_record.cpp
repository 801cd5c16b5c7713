#include "sipfo/dns/record.hpp"

#include <doctest/doctest.h>

using namespace sipfo::dns;

TEST_CASE("dns::rr_type_name: mnemonics and RFC 3597 TYPEnnn")
{
  CHECK(rr_type_name(RrType::a) == "A");
  CHECK(rr_type_name(RrType::aaaa) == "AAAA");
  CHECK(rr_type_name(RrType::srv) == "SRV");
  CHECK(rr_type_name(RrType::naptr) == "NAPTR");
  CHECK(rr_type_name(RrType::soa) == "SOA");
  CHECK(rr_type_name(static_cast<RrType>(65280)) == "TYPE65280");
  CHECK(rr_type_name(static_cast<RrType>(0)) == "TYPE0");
}

TEST_CASE("dns::rr_type_from_name: case-insensitive, TYPEnnn, unknown")
{
  CHECK(rr_type_from_name("srv") == RrType::srv);
  CHECK(rr_type_from_name("Naptr") == RrType::naptr);
  CHECK(rr_type_from_name("CNAME") == RrType::cname);
  CHECK(rr_type_from_name("TYPE33") == RrType::srv); // RFC 3597 5: the number of a known type
  CHECK(rr_type_from_name("type65535") == static_cast<RrType>(65535));
  CHECK_FALSE(rr_type_from_name("TYPE65536"));
  CHECK_FALSE(rr_type_from_name("TYPE"));
  CHECK_FALSE(rr_type_from_name("TYPE-1"));
  CHECK_FALSE(rr_type_from_name("TYPE1x"));
  CHECK_FALSE(rr_type_from_name("SVR"));
  CHECK_FALSE(rr_type_from_name(""));
}

TEST_CASE("dns::record_text: zone-file syntax as kdig prints it")
{
  const Record srv{"_sip._udp.eslab.local.", RrType::srv, 36, SrvData{1, 10, 5060, "piper.eslab.local."}};
  CHECK(record_text(srv) == "_sip._udp.eslab.local. 36 IN SRV 1 10 5060 piper.eslab.local.");
  CHECK(rdata_text(srv) == "1 10 5060 piper.eslab.local.");

  const Record naptr{"eslab.local.", RrType::naptr, 36, NaptrData{10, 20, "S", "SIP+D2U", "", "_sip._udp.eslab.local."}};
  CHECK(rdata_text(naptr) == R"(10 20 "S" "SIP+D2U" "" _sip._udp.eslab.local.)");

  const Record a{"piper.eslab.local.", RrType::a, 300, AddressData{"10.0.0.1"}};
  CHECK(record_text(a) == "piper.eslab.local. 300 IN A 10.0.0.1");

  const Record cname{"sip.eslab.local.", RrType::cname, 60, NameData{"piper.eslab.local."}};
  CHECK(record_text(cname) == "sip.eslab.local. 60 IN CNAME piper.eslab.local.");

  const Record soa{"eslab.local.", RrType::soa, 3600,
                   SoaData{"ns1.eslab.local.", "hostmaster.eslab.local.", 2024010101, 3600, 600, 86400, 36}};
  CHECK(rdata_text(soa) == "ns1.eslab.local. hostmaster.eslab.local. 2024010101 3600 600 86400 36");

  const Record opaque{"x.eslab.local.", static_cast<RrType>(65280), 5, OpaqueData{"\\# 2 ABCD"}};
  CHECK(record_text(opaque) == "x.eslab.local. 5 IN TYPE65280 \\# 2 ABCD");
}

TEST_CASE("dns::rdata_text: NAPTR strings escaped per RFC 1035 5.1")
{
  // A regexp holding a quote, a backslash and a control octet (0x01 -> \001).
  const Record naptr{"e.", RrType::naptr, 1, NaptrData{1, 2, "U", "E2U+sip", "!^.*$!sip:\"a\"\\1\x01!", "."}};
  CHECK(rdata_text(naptr) == R"(1 2 "U" "E2U+sip" "!^.*$!sip:\"a\"\\1\001!" .)");
}

TEST_CASE("dns::absolute_name: adds the trailing dot once")
{
  CHECK(absolute_name("eslab.local") == "eslab.local.");
  CHECK(absolute_name("eslab.local.") == "eslab.local.");
  CHECK(absolute_name("") == ".");
  CHECK(absolute_name(".") == ".");
  CHECK(absolute_name("Eslab.Local") == "Eslab.Local."); // case kept
  CHECK(absolute_name(R"(a\.)") == R"(a\..)");           // an escaped dot is part of the label
  CHECK(absolute_name(R"(a\\.)") == R"(a\\.)");          // an escaped backslash, then the separator
}

TEST_CASE("dns::same_name: case- and trailing-dot-insensitive")
{
  CHECK(same_name("Eslab.Local", "eslab.local."));
  CHECK(same_name("eslab.local.", "ESLAB.LOCAL."));
  CHECK(same_name("", "."));
  CHECK_FALSE(same_name("eslab.local", "eslab.locals"));
  CHECK_FALSE(same_name("a.eslab.local", "eslab.local"));
  CHECK_FALSE(same_name(R"(a\.)", "a"));
}

TEST_CASE("dns::same_name: RFC 1035 escapes compare as the octets they stand for")
{
  CHECK(same_name("\\065bc.test.", "abc.test"));
  CHECK(same_name("a\\032b.test.", "a\\ b.test."));
  CHECK(same_name("x\\.y.test.", "x\\046y.test"));
  CHECK_FALSE(same_name("x\\.y.test.", "x.y.test.")); // one label "x.y", not two
  CHECK_FALSE(same_name("a\\032b.test.", "a032b.test."));
}
