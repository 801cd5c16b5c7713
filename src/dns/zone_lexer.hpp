#pragma once
// Splits an RFC 1035 master file (5.1) into entries: one directive or record each,
// with parentheses joining lines, `;` comments dropped and quoted strings kept whole.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipfo::dns {

struct ZoneToken {
  std::string text;    // as written, escapes kept; a quoted string without its quotes
  bool quoted = false; // written in double quotes
};

struct ZoneEntry {
  std::vector<ZoneToken> tokens; // never empty
  std::size_t line = 0;          // where the entry starts, 1-based
  bool blank_owner = false;      // the line starts with white space: "same owner as before"
};

class ZoneLexer {
public:
  // `file` names the text in messages; the text must outlive the lexer.
  ZoneLexer(std::string_view text, std::string file);

  // The next entry that has tokens; nullopt at the end of the text. Throws
  // util::InputError for an unclosed quote, an unmatched or nested parenthesis.
  std::optional<ZoneEntry> next();

private:
  bool at_blank_line_start() const;
  void skip_comment();
  void open_parenthesis(std::size_t& depth, std::size_t& opened_on);
  void close_parenthesis(std::size_t& depth);
  ZoneToken quoted_token();
  ZoneToken bare_token();
  std::string where(std::size_t line) const;

  std::string_view text_;
  std::string file_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

} // namespace sipfo::dns
