#include "xml_attributes.hpp"

#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <cctype>

namespace sipfo::config {

namespace {

class Scanner {
public:
  Scanner(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  std::vector<handset::KeyValue> run()
  {
    while (pos_ < text_.size()) {
      if (text_[pos_] != '<') {
        advance();
        continue;
      }
      if (starts("<!--")) {
        skip_past("-->", "an unterminated comment", "close it with -->");
      } else if (starts("<?") ) {
        skip_past("?>", "an unterminated <? declaration", "close it with ?>");
      } else if (starts("<!")) {
        skip_past(">", "an unterminated <! declaration", "close it with >");
      } else {
        element();
      }
    }
    return std::move(out_);
  }

private:
  bool starts(std::string_view prefix) const { return text_.substr(pos_, prefix.size()) == prefix; }

  void advance()
  {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }

  // An attribute name quoted in an error: escaped and shortened.
  static std::string shown(std::string_view key) { return util::printable(key, 40); }

  [[noreturn]] void fail(int line, const std::string& what, const std::string& hint) const
  {
    throw util::InputError(fmt::format("{}:{}", file_, line), what, hint);
  }

  void skip_past(std::string_view end, const std::string& what, const std::string& hint)
  {
    const int start_line = line_;
    while (pos_ < text_.size() && !starts(end)) advance();
    if (pos_ >= text_.size()) fail(start_line, what, hint);
    pos_ += end.size();
  }

  void skip_space()
  {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) advance();
  }

  std::string name()
  {
    const auto start = pos_;
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) && text_[pos_] != '=' &&
           text_[pos_] != '>' && text_[pos_] != '/' && text_[pos_] != '<') {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  static std::string decode(std::string_view raw)
  {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '&') {
        static constexpr std::pair<std::string_view, char> entities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        bool done = false;
        for (const auto& [entity, c] : entities) {
          if (raw.substr(i, entity.size()) == entity) {
            out += c;
            i += entity.size() - 1;
            done = true;
            break;
          }
        }
        if (done) continue;
      }
      out += raw[i];
    }
    return out;
  }

  void element()
  {
    const int tag_line = line_;
    ++pos_; // '<'
    if (pos_ < text_.size() && text_[pos_] == '/') ++pos_;
    name();
    while (true) {
      skip_space();
      if (pos_ >= text_.size()) fail(tag_line, "an unterminated tag", "close it with > or />");
      const char c = text_[pos_];
      if (c == '>') {
        ++pos_;
        return;
      }
      if (c == '/' || c == '?') {
        ++pos_;
        continue;
      }
      if (c == '<') fail(line_, "'<' inside a tag", "close the previous tag with > first");
      attribute();
    }
  }

  void attribute()
  {
    const int line = line_;
    const auto key = name();
    if (key.empty()) {
      fail(line, fmt::format("unexpected '{}' in a tag", util::printable(std::string_view(&text_[pos_], 1))),
           "write attributes as name=\"value\"");
    }
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '=') {
      fail(line, fmt::format("attribute {} has no value", shown(key)), fmt::format("write {}=\"...\"", shown(key)));
    }
    ++pos_;
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\'')) {
      fail(line, fmt::format("the value of {} is not quoted", shown(key)), fmt::format("write {}=\"...\"", shown(key)));
    }
    const char quote = text_[pos_++];
    const auto start = pos_;
    while (pos_ < text_.size() && text_[pos_] != quote) advance();
    if (pos_ >= text_.size()) fail(line, fmt::format("the value of {} is never closed", shown(key)), "add the closing quote");
    out_.push_back({key, decode(text_.substr(start, pos_ - start)), fmt::format("{}:{}", file_, line)});
    ++pos_;
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::vector<handset::KeyValue> out_;
};

} // namespace

std::vector<handset::KeyValue> xml_attributes(std::string_view text, const std::string& file)
{
  return Scanner(text, file).run();
}

} // namespace sipfo::config
