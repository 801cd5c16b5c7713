// The pre-parse nesting check (toml_nesting.hpp). A small lexer that knows only
// what changes the depth: strings and comments (skipped, so a '.' or '[' inside
// them does not count), key context (dots add segments) and value context ('['
// and '{' open a level). TOML 1.0 sections 2 (keys), 7 (arrays), 8-9 (tables,
// inline tables), 10 (arrays of tables).

#include "toml_nesting.hpp"

#include "sipfo/util/input_error.hpp"

#include <fmt/format.h>

#include <vector>

namespace sipfo::replay {

namespace {

class NestingScan {
public:
  NestingScan(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  void run()
  {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '"' || c == '\'') {
        skip_string(c);
      } else if (c == '#') {
        skip_comment();
      } else if (c == '\n') {
        ++line_;
        ++at_;
        if (stack_.empty()) start_line();
      } else if (key_) {
        key_char(c);
      } else {
        value_char(c);
      }
    }
  }

private:
  struct Frame {
    bool table = false; // inline table ('{'), else array
    int depth = 0;      // depth of what it holds
  };

  std::string_view text_;
  const std::string& file_;
  std::size_t at_ = 0;
  int line_ = 1;
  std::vector<Frame> stack_;
  int header_ = 0;      // segments of the current [table] / [[array]] header
  bool key_ = true;     // reading a key (or a header)
  bool header_key_ = false;
  bool line_start_ = true;
  int segments_ = 1;    // of the key being read
  int value_depth_ = 0; // where a value opened now would sit

  int key_base() const noexcept { return stack_.empty() ? (header_key_ ? 0 : header_) : stack_.back().depth; }

  void check(int depth) const
  {
    if (depth <= max_toml_nesting) return;
    throw util::InputError(fmt::format("{}:{}", file_, line_),
                           fmt::format("keys, tables and arrays nest deeper than {} levels", max_toml_nesting),
                           "a scenario nests a few levels; see sipfo-replay(1), SCENARIO");
  }

  void start_line()
  {
    key_ = true;
    header_key_ = false;
    line_start_ = true;
    segments_ = 1;
  }

  void key_char(char c)
  {
    ++at_;
    if (c == ' ' || c == '\t' || c == '\r') return;
    const bool first = line_start_;
    line_start_ = false;
    if (first && c == '[' && stack_.empty()) {
      // [a.b] or [[a.b]]: the header's segments are the base of what follows.
      header_key_ = true;
      segments_ = 1;
      if (at_ < text_.size() && text_[at_] == '[') {
        ++at_;
        segments_ = 2; // an array of tables is one level more
      }
      check(segments_);
      return;
    }
    if (c == '.') {
      ++segments_;
      check(key_base() + segments_);
    } else if (c == ']' && header_key_) {
      header_ = segments_;
      header_key_ = false;
      if (at_ < text_.size() && text_[at_] == ']') ++at_;
    } else if (c == '=') {
      key_ = false;
      value_depth_ = key_base() + segments_;
      check(value_depth_);
    } else if (c == '}' && !stack_.empty() && stack_.back().table) {
      close(); // {} or a trailing '}' after a key: toml++ reports what is wrong
    }
  }

  void value_char(char c)
  {
    ++at_;
    if (c == '[' || c == '{') {
      const int depth = value_depth_ + 1;
      check(depth);
      stack_.push_back(Frame{c == '{', depth});
      value_depth_ = depth;
      if (c == '{') begin_inline_key();
    } else if (c == ']' || c == '}') {
      if (!stack_.empty()) close();
    } else if (c == ',' && !stack_.empty()) {
      if (stack_.back().table) begin_inline_key();
      else value_depth_ = stack_.back().depth;
    }
  }

  void begin_inline_key()
  {
    key_ = true;
    header_key_ = false;
    line_start_ = false;
    segments_ = 1;
  }

  void close()
  {
    stack_.pop_back();
    key_ = false;
    value_depth_ = stack_.empty() ? 0 : stack_.back().depth;
  }

  void skip_comment()
  {
    while (at_ < text_.size() && text_[at_] != '\n') ++at_;
  }

  // "basic" (backslash escapes), 'literal', and their """ / ''' multi-line forms.
  void skip_string(char quote)
  {
    line_start_ = false;
    const bool multi = text_.substr(at_, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''");
    at_ += multi ? 3 : 1;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '\\' && quote == '"') {
        if (at_ + 1 < text_.size() && text_[at_ + 1] == '\n') ++line_;
        at_ += 2;
        continue;
      }
      if (c == '\n') {
        if (!multi) return; // unterminated: toml++ says so
        ++line_;
      }
      if (c == quote && (!multi || text_.substr(at_, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''"))) {
        at_ += multi ? 3 : 1;
        // """a"""" : up to two more quotes belong to the string (TOML 1.0 section 4).
        while (multi && at_ < text_.size() && text_[at_] == quote) ++at_;
        return;
      }
      ++at_;
    }
  }
};

} // namespace

void check_toml_nesting(std::string_view text, const std::string& file)
{
  NestingScan(text, file).run();
}

} // namespace sipfo::replay
