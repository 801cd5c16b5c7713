#include "sipfo/render/terminal.hpp"
#include "sipfo/render/text_table.hpp"

#include <doctest/doctest.h>

using namespace sipfo::render;

TEST_CASE("render::TextTable: columns padded to the widest cell, colour codes not counted")
{
  TextTable table({"#", "SERVER"}, {TextTable::Align::right});
  table.add_row({"1", paint("10.0.0.1:5060/udp", Color::green, true)});
  table.add_row({"10", "x"});
  const std::string expected = " #  SERVER\n"
                               " 1  \x1b[32m10.0.0.1:5060/udp\x1b[0m\n"
                               "10  x\n";
  CHECK(table.render() == expected);
}

TEST_CASE("render::should_color: never, always, and auto off for a pipe")
{
  CHECK(should_color(ColorMode::always, -1));
  CHECK_FALSE(should_color(ColorMode::never, 1));
  CHECK_FALSE(should_color(ColorMode::automatic, -1)); // not a terminal
}
