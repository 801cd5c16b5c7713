#include "sipfo/util/printable.hpp"

#include <doctest/doctest.h>

using sipfo::util::is_valid_utf8;
using sipfo::util::printable;
using namespace std::string_literals;

TEST_CASE("util::printable: ESC, BEL, DEL and other C0 controls are shown escaped")
{
  // ECMA-48: ESC ] 0 ; ... BEL retitles an xterm window, ESC [ 2 J clears it.
  CHECK(printable("a\x1b]0;pwned\x07z") == "a\\x1b]0;pwned\\x07z");
  CHECK(printable("\x1b[2J") == "\\x1b[2J");
  CHECK(printable("x\x7fy") == "x\\x7fy");
  CHECK(printable("\x01\x1f") == "\\x01\\x1f");
  CHECK(printable("a\tb\nc\rd") == "a\\tb\\nc\\rd");
  CHECK(printable("nul\0here"s) == "nul\\x00here");
}

TEST_CASE("util::printable: printable ASCII and valid UTF-8 are kept as they are")
{
  CHECK(printable("sip.example.com:5060;transport=tcp") == "sip.example.com:5060;transport=tcp");
  CHECK(printable("C:\\path\\file") == "C:\\path\\file");
  CHECK(printable("K\xc3\xb8" "benhavn") == "K\xc3\xb8" "benhavn");           // U+00F8
  CHECK(printable("\xe2\x82\xac") == "\xe2\x82\xac");                        // U+20AC
  CHECK(printable("\xf0\x9f\x93\x9e") == "\xf0\x9f\x93\x9e");                // U+1F4DE
  CHECK(printable("\xc2\xa0") == "\xc2\xa0");                                // U+00A0, first after C1
  CHECK(printable("") == "");
}

TEST_CASE("util::printable: C1 controls and bidi overrides are shown as code points")
{
  CHECK(printable("a\xc2\x9b" "2Jb") == "a\\u{009b}2Jb"); // U+009B CSI
  CHECK(printable("\xc2\x80") == "\\u{0080}");
  CHECK(printable("abc\xe2\x80\xae" "fdp.exe") == "abc\\u{202e}fdp.exe"); // RLO
  CHECK(printable("\xe2\x81\xa6x\xe2\x81\xa9") == "\\u{2066}x\\u{2069}");
}

TEST_CASE("util::printable: every byte of invalid UTF-8 is shown escaped")
{
  CHECK(printable("a\xffz") == "a\\xffz");
  CHECK(printable("\x80") == "\\x80");                  // stray continuation byte
  CHECK(printable("\xc0\xaf") == "\\xc0\\xaf");         // overlong '/'
  CHECK(printable("\xe0\x80\xaf") == "\\xe0\\x80\\xaf"); // overlong, 3 bytes
  CHECK(printable("\xed\xa0\x80") == "\\xed\\xa0\\x80"); // surrogate U+D800
  CHECK(printable("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80"); // beyond U+10FFFF
  CHECK(printable("\xe2\x82") == "\\xe2\\x82");         // cut short at the end
  CHECK(printable("\xc3" "A") == "\\xc3A");             // cut short by ASCII
}

TEST_CASE("util::printable: a limit cuts between sequences and says so")
{
  CHECK(printable("abcdef", 3) == "abc...");
  CHECK(printable("abc", 3) == "abc");
  CHECK(printable("ab\xc3\xb8" "cd", 3) == "ab...");   // never half of U+00F8
  CHECK(printable("\x1b\x1b\x1b", 2) == "\\x1b\\x1b...");
  CHECK(printable("", 0) == "");
}

TEST_CASE("util::is_valid_utf8: RFC 3629 well-formed sequences only")
{
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("K\xc3\xb8" "benhavn \xf0\x9f\x93\x9e"));
  CHECK_FALSE(is_valid_utf8("a\xff"));
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));
  CHECK_FALSE(is_valid_utf8("\xe2\x82"));
}
