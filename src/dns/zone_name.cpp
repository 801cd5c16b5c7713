#include "zone_name.hpp"

#include "zone_presentation.hpp"

#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

namespace sipfo::dns {

namespace {

// Appends `label` to `name`, or says why it cannot be.
std::string close_label(NameText& name, std::string& label, std::string_view text)
{
  if (label.empty()) return fmt::format("empty label in '{}'", text_for_message(text));
  if (label.size() > max_label_length) {
    return fmt::format("label '{}' is longer than {} octets", text_for_message(escape_label(label)), max_label_length);
  }
  name.labels.push_back(std::move(label));
  label.clear();
  return {};
}

} // namespace

NameText read_name(std::string_view text)
{
  NameText name;
  if (text.empty()) {
    name.error = "empty name";
    return name;
  }
  if (text == ".") {
    name.absolute = true;
    return name;
  }
  std::string label;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      const auto last = read_escape(text, i, label);
      if (!last) {
        name.error = fmt::format("malformed escape in '{}'", text_for_message(text));
        return name;
      }
      i = *last;
    } else if (text[i] == '.') {
      name.error = close_label(name, label, text);
      if (!name.error.empty()) return name;
      if (i + 1 == text.size()) name.absolute = true;
    } else {
      label += text[i];
    }
  }
  if (!name.absolute) name.error = close_label(name, label, text);
  return name;
}

std::size_t wire_length(std::span<const std::string> labels)
{
  std::size_t length = 1;
  for (const auto& label : labels) length += 1 + label.size();
  return length;
}

std::string name_text(std::span<const std::string> labels)
{
  if (labels.empty()) return ".";
  std::string text;
  for (const auto& label : labels) {
    text += escape_label(label);
    text += '.';
  }
  return text;
}

std::string name_key(std::span<const std::string> labels)
{
  return util::to_lower(name_text(labels));
}

bool is_at_or_below(std::span<const std::string> name, std::span<const std::string> apex)
{
  if (name.size() < apex.size()) return false;
  const auto below = name.last(apex.size());
  for (std::size_t i = 0; i < apex.size(); ++i) {
    if (!util::iequals(below[i], apex[i])) return false;
  }
  return true;
}

} // namespace sipfo::dns
