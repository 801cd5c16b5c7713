#pragma once
// An aligned text table for the terminal: columns padded to their widest cell
// (ANSI colour codes not counted), numbers right-aligned when asked.

#include <string>
#include <vector>

namespace sipfo::render {

class TextTable {
public:
  enum class Align { left, right };

  // Headers set the column count; `aligns` may be shorter (the rest align left).
  explicit TextTable(std::vector<std::string> headers, std::vector<Align> aligns = {});

  void add_row(std::vector<std::string> cells);
  bool empty() const noexcept { return rows_.empty(); }

  // Every line ends with '\n'; `indent` spaces before each; two spaces between
  // columns; no trailing spaces. Lines fit text_width() (terminal.hpp) when it
  // is set: the widest plain-text columns shrink and their long cells end in "...".
  std::string render(std::size_t indent = 0) const;

private:
  std::vector<std::string> headers_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

} // namespace sipfo::render
