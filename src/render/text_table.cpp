#include "sipfo/render/text_table.hpp"

#include "sipfo/render/terminal.hpp"

#include <algorithm>

namespace sipfo::render {

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> aligns)
  : headers_(std::move(headers)), aligns_(std::move(aligns))
{
  aligns_.resize(headers_.size(), Align::left);
}

void TextTable::add_row(std::vector<std::string> cells)
{
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render(std::size_t indent) const
{
  std::vector<std::size_t> widths(headers_.size());
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], visible_width(row[c]));
  };
  measure(headers_);
  for (const auto& row : rows_) measure(row);

  std::string out;
  auto emit = [&](const std::vector<std::string>& row) {
    std::string line(indent, ' ');
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::size_t pad = widths[c] - visible_width(row[c]);
      if (aligns_[c] == Align::right) line.append(pad, ' ');
      line += row[c];
      if (aligns_[c] == Align::left) line.append(pad, ' ');
      if (c + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  emit(headers_);
  for (const auto& row : rows_) emit(row);
  return out;
}

} // namespace sipfo::render
