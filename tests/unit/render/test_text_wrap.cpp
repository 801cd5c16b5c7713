#include "sipfo/render/text_wrap.hpp"

#include <doctest/doctest.h>

#include <sstream>

using sipfo::render::wrap_text;

namespace {
std::size_t widest_line(const std::string& text)
{
  std::istringstream in(text);
  std::size_t widest = 0;
  for (std::string line; std::getline(in, line);) widest = std::max(widest, line.size());
  return widest;
}
} // namespace

TEST_CASE("render::wrap_text: width 0 (a pipe) keeps one whole line")
{
  CHECK(wrap_text("  warning  x: ", "a b c", 11, 0) == "  warning  x: a b c\n");
}

TEST_CASE("render::wrap_text: words carry to lines under the hanging indent")
{
  // Room is 22 (the indent + 20): "ab: one two three" is 17 columns, " fourth" would make 24.
  const auto out = wrap_text("ab: ", "one two three fourth five", 2, 20);
  CHECK(out == "ab: one two three\n  fourth five\n");
}

TEST_CASE("render::wrap_text: no line passes the width, and no word is lost")
{
  const std::string text = "sip_transport_failure: 127.0.0.1:5999/udp: ICMP port unreachable (sipfo's own 503 for "
                           "the OPTIONS) and some more words to carry over";
  const auto out = wrap_text("  warning  ", text, 11, 60);
  CHECK(widest_line(out) <= 60);
  std::string joined;
  for (char c : out) joined += c == '\n' ? ' ' : c;
  std::string squeezed;
  for (char c : joined) {
    if (c == ' ' && !squeezed.empty() && squeezed.back() == ' ') continue;
    squeezed += c;
  }
  CHECK(squeezed == " warning " + text + " ");
}

TEST_CASE("render::wrap_text: a word longer than a line is cut at the edge, never past it")
{
  const std::string word(70, 'x');
  const auto out = wrap_text("", word, 2, 30);
  CHECK(widest_line(out) <= 30);
  CHECK(out.starts_with(std::string(30, 'x') + "\n  " + std::string(28, 'x') + "\n  "));
}

TEST_CASE("render::wrap_text: colour escapes in the prefix take no columns")
{
  const auto out = wrap_text("\x1b[33mwarn\x1b[0m ", "alpha beta gamma delta", 5, 21);
  CHECK(out == "\x1b[33mwarn\x1b[0m alpha beta gamma\n     delta\n");
}
