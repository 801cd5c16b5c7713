// Tables fit the terminal width the CLI sets (issue 14 row 7).

#include "sipfo/render/terminal.hpp"
#include "sipfo/render/text_table.hpp"

#include <doctest/doctest.h>

#include <sstream>

using sipfo::render::TextTable;

namespace {

std::size_t widest(const std::string& text)
{
  std::istringstream in(text);
  std::size_t most = 0;
  for (std::string line; std::getline(in, line);) most = std::max(most, sipfo::render::visible_width(line));
  return most;
}

struct WidthGuard {
  explicit WidthGuard(std::size_t columns) { sipfo::render::set_text_width(columns); }
  ~WidthGuard() { sipfo::render::set_text_width(0); }
};

} // namespace

TEST_CASE("text table: without a width, rows stay whole")
{
  TextTable table({"A", "WHY"});
  table.add_row({"x", std::string(150, 'w')});
  CHECK(widest(table.render()) == 1 + 2 + 150);
}

TEST_CASE("text table: at a width, the widest column shrinks and its cells end in ...")
{
  const WidthGuard guard(80);
  TextTable table({"TIME", "SERVER", "WHY"}, {TextTable::Align::left, TextTable::Align::left, TextTable::Align::left});
  table.add_row({"0:00:00.0", "pbx-east.eslab.local", std::string(120, 'w')});
  table.add_row({"0:11:00.0", "p1", "short"});
  const auto text = table.render(2);
  CHECK(widest(text) == 80);
  CHECK(text.find("pbx-east.eslab.local") != std::string::npos); // the narrow columns are kept whole
  CHECK(text.find("www...\n") != std::string::npos);
  CHECK(text.find("short\n") != std::string::npos);
}

TEST_CASE("text table: coloured cells are never cut")
{
  const WidthGuard guard(80);
  TextTable table({"STATUS", "NOTE"});
  table.add_row({"\x1b[31m" + std::string(90, 'r') + "\x1b[0m", std::string(30, 'n')});
  const auto text = table.render();
  CHECK(text.find(std::string(90, 'r')) != std::string::npos);
}
