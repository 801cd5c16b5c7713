#include "zone_lexer.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

namespace sipfo::dns {

namespace {

bool is_blank(char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

// Characters that end a bare token (RFC 1035 5.1).
bool ends_bare_token(char c)
{
  return is_blank(c) || c == '\n' || c == ';' || c == '(' || c == ')' || c == '"';
}

} // namespace

ZoneLexer::ZoneLexer(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

std::string ZoneLexer::where(std::size_t line) const
{
  return fmt::format("{}:{}", file_, line);
}

bool ZoneLexer::at_blank_line_start() const
{
  return pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t');
}

void ZoneLexer::skip_comment()
{
  while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
}

void ZoneLexer::open_parenthesis(std::size_t& depth, std::size_t& opened_on)
{
  if (depth > 0) {
    throw util::InputError(where(line_), "'(' inside parentheses",
                           fmt::format("the '(' on line {} is still open; close it first", opened_on));
  }
  depth = 1;
  opened_on = line_;
  ++pos_;
}

void ZoneLexer::close_parenthesis(std::size_t& depth)
{
  if (depth == 0) throw util::InputError(where(line_), "')' without '('", "remove it or add the '(' it closes");
  depth = 0;
  ++pos_;
}

ZoneToken ZoneLexer::quoted_token()
{
  const std::size_t start = ++pos_;
  while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\n') {
    pos_ += (text_[pos_] == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] != '\n') ? 2 : 1;
  }
  if (pos_ >= text_.size() || text_[pos_] != '"') {
    throw util::InputError(where(line_), "quoted string is not closed",
                           "end it with '\"' on the same line; write \\\" for a quote inside it");
  }
  ZoneToken token{std::string(text_.substr(start, pos_ - start)), true};
  ++pos_;
  return token;
}

ZoneToken ZoneLexer::bare_token()
{
  const std::size_t start = pos_;
  while (pos_ < text_.size() && !ends_bare_token(text_[pos_])) {
    pos_ += (text_[pos_] == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] != '\n') ? 2 : 1;
  }
  return ZoneToken{std::string(text_.substr(start, pos_ - start)), false};
}

std::optional<ZoneEntry> ZoneLexer::next()
{
  ZoneEntry entry{{}, line_, at_blank_line_start()};
  std::size_t depth = 0;
  std::size_t opened_on = 0;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == '\n') {
      ++pos_;
      ++line_;
      if (depth > 0) continue;
      if (!entry.tokens.empty()) return entry;
      entry = ZoneEntry{{}, line_, at_blank_line_start()};
    } else if (is_blank(c)) {
      ++pos_;
    } else if (c == ';') {
      skip_comment();
    } else if (c == '(') {
      open_parenthesis(depth, opened_on);
    } else if (c == ')') {
      close_parenthesis(depth);
    } else if (c == '"') {
      entry.tokens.push_back(quoted_token());
    } else {
      entry.tokens.push_back(bare_token());
    }
  }
  if (depth > 0) {
    throw util::InputError(where(opened_on), "'(' is never closed", "add the matching ')'");
  }
  if (entry.tokens.empty()) return std::nullopt;
  return entry;
}

} // namespace sipfo::dns
