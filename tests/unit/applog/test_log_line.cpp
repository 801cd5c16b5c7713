#include "sipfo/applog/log_line.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using sipfo::applog::parse_log_line;

TEST_CASE("applog::parse_log_line: the real five-field line")
{
  // Polycom "Event Logging": time|module (padded to 5)|class|missed|text
  const auto line = parse_log_line("1015152006|lldp |4|00|Ignoring corrupt LLDP packet.");
  REQUIRE(line);
  CHECK(line->stamp == "1015152006");
  CHECK(line->module == "lldp");
  CHECK(line->level == '4');
  CHECK(line->missed == 0);
  CHECK(line->text == "Ignoring corrupt LLDP packet.");
}

TEST_CASE("applog::parse_log_line: the text keeps its own bars and the missed counter is read")
{
  const auto line = parse_log_line("0314091205|cfg  |4|07|Prov|Download failed|x");
  REQUIRE(line);
  CHECK(line->module == "cfg");
  CHECK(line->missed == 7);
  CHECK(line->text == "Prov|Download failed|x");
}

TEST_CASE("applog::parse_log_line: CS-14-17's stripped, numbered form")
{
  const auto line = parse_log_line("12 |dns |1| |doDnsLookupForList for record SRV: hostname 'x' attempting..  ");
  REQUIRE(line);
  CHECK(line->stamp == "12");
  CHECK(line->module == "dns");
  CHECK(line->level == '1');
  CHECK(line->missed == 0);
  CHECK(line->text == "doDnsLookupForList for record SRV: hostname 'x' attempting..");
}

TEST_CASE("applog::parse_log_line: the four-field form without a timestamp, '*' level")
{
  const auto line = parse_log_line("sip|*|00|Sip Register Usr:7 Dsp:7 Auth:'7'");
  REQUIRE(line);
  CHECK(line->stamp.empty());
  CHECK(line->module == "sip");
  CHECK(line->level == '*');
  CHECK(line->text == "Sip Register Usr:7 Dsp:7 Auth:'7'");
}

TEST_CASE("applog::parse_log_line: malformed lines are rejected")
{
  CHECK_FALSE(parse_log_line(""));
  CHECK_FALSE(parse_log_line("no bars at all"));
  CHECK_FALSE(parse_log_line("0314091300|so   |2"));                // missing fields
  CHECK_FALSE(parse_log_line("0314091300|so   |22|00|two-char level"));
  CHECK_FALSE(parse_log_line("0314091300|a module|2|00|module with a blank"));
  CHECK_FALSE(parse_log_line("0314091300|so   |2|x0|bad missed counter"));
  CHECK_FALSE(parse_log_line(std::string_view("\0\0|\0|\0|\0|", 9)));
}

TEST_CASE("applog::parse_log_line: lines a hair off the phone's fixed columns read the same as the columned form")
{
  // The columned form takes a one-pass reading; these miss it by a byte each and take
  // the general one. Both must give the same fields.
  const auto columned = parse_log_line("0314091205|dns  |1|03|Miss in All DNS cache for x(A)");
  REQUIRE(columned);
  CHECK(columned->stamp == "0314091205");
  CHECK(columned->module == "dns");
  CHECK(columned->level == '1');
  CHECK(columned->missed == 3);
  CHECK(columned->text == "Miss in All DNS cache for x(A)");
  for (const char* variant : {"0314091205|dns\t |1|03|Miss in All DNS cache for x(A)",
                              "0314091205| dns |1|03|Miss in All DNS cache for x(A)  ",
                              "0314091205 |dns  |1|03|Miss in All DNS cache for x(A)",
                              "0314091205|dns  |1| 3|Miss in All DNS cache for x(A)"}) {
    CAPTURE(variant);
    const auto line = parse_log_line(variant);
    REQUIRE(line);
    CHECK(line->stamp == "0314091205");
    CHECK(line->module == "dns");
    CHECK(line->level == '1');
    CHECK(line->missed == 3);
    CHECK(line->text == "Miss in All DNS cache for x(A)");
  }
  // A five-character module fills its column with no padding.
  const auto full = parse_log_line("0101000005|tickt|*|00|m_validUntil [30]");
  REQUIRE(full);
  CHECK(full->module == "tickt");
  CHECK(full->level == '*');
  CHECK(full->text == "m_validUntil [30]");
}

TEST_CASE("applog::parse_log_line: the columned form reads modules of every width and refuses broken columns")
{
  // Module ids of one to five characters, each padded with blanks to the column.
  for (const std::string_view module : {"a", "so", "dns", "sip_", "tickt"}) {
    CAPTURE(module);
    std::string text = "0314091205|";
    text += module;
    text.append(5 - module.size(), ' ');
    text += "|4|12|x";
    const auto line = parse_log_line(text);
    REQUIRE(line);
    CHECK(line->module == module);
    CHECK(line->level == '4');
    CHECK(line->missed == 12);
    CHECK(line->text == "x");
  }
  // The shortest columned line: nothing after the last bar.
  const auto empty_text = parse_log_line("0314091205|dns  |1|00|");
  REQUIRE(empty_text);
  CHECK(empty_text->text.empty());
  CHECK(empty_text->module == "dns");
  for (const char* broken : {"0314091205|d ns |1|00|blank inside the module",
                             "0314091205|dns x|1|00|a character after the padding",
                             "0314091205|dn-s |1|00|not a module character",
                             "0314091205|     |1|00|no module at all",
                             "0314091205|dns  |x|00|level not a digit",
                             "0314091205|dns  |1|0:|missed not a digit",
                             "0314091205|dns  |1|00 not a bar"}) {
    CAPTURE(broken);
    CHECK_FALSE(parse_log_line(broken));
  }
  // A stamp off the phone's shape leaves the columned reading; the general one keeps it
  // as it stands.
  const auto odd_stamp = parse_log_line("03140912/5|dns  |1|00|x");
  REQUIRE(odd_stamp);
  CHECK(odd_stamp->stamp == "03140912/5");
  CHECK(odd_stamp->module == "dns");
}
