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

namespace {

constexpr std::size_t min_column = 8; // a shrunk column still shows "abcde..."

// `cell` cut to `width` columns, ending in "..." (whole UTF-8 characters).
std::string elided(const std::string& cell, std::size_t width)
{
  return cell.substr(0, bytes_for_columns(cell, width > 3 ? width - 3 : 0)) + "...";
}

} // namespace

std::string TextTable::render(std::size_t indent) const
{
  std::vector<std::size_t> widths(headers_.size());
  std::vector<bool> painted(headers_.size(), false); // coloured cells are never cut
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], visible_width(row[c]));
      if (row[c].find('\x1b') != std::string::npos) painted[c] = true;
    }
  };
  measure(headers_);
  for (const auto& row : rows_) measure(row);
  // Fit the terminal: shrink the widest plain left-aligned column, again and
  // again, down to min_column; what cannot shrink stays (the terminal wraps).
  if (const std::size_t limit = text_width(); limit > 0) {
    auto total = [&] {
      std::size_t sum = indent + 2 * (widths.size() - 1);
      for (const auto w : widths) sum += w;
      return sum;
    };
    for (std::size_t round = 0; round < widths.size() && total() > limit; ++round) {
      std::size_t widest = widths.size();
      for (std::size_t c = 0; c < widths.size(); ++c) {
        if (aligns_[c] != Align::left || painted[c] || widths[c] <= min_column) continue;
        if (widest == widths.size() || widths[c] > widths[widest]) widest = c;
      }
      if (widest == widths.size()) break;
      widths[widest] = std::max(min_column, widths[widest] - std::min(widths[widest], total() - limit));
    }
  }

  std::string out;
  auto emit = [&](const std::vector<std::string>& row) {
    std::string line(indent, ' ');
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string cell = visible_width(row[c]) > widths[c] ? elided(row[c], widths[c]) : row[c];
      const std::size_t pad = widths[c] - visible_width(cell);
      if (aligns_[c] == Align::right) line.append(pad, ' ');
      line += cell;
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
