#include "sipfo/sip/response.hpp"

#include "sipfo/util/suggest.hpp"

#include "text.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace sipfo::sip {

namespace {

// Compact forms, RFC 3261 7.3.3 and the extensions that define one.
constexpr std::array<std::pair<char, std::string_view>, 13> compact_forms{{
  {'i', "call-id"},      {'m', "contact"},      {'e', "content-encoding"},
  {'l', "content-length"}, {'c', "content-type"}, {'f', "from"},
  {'s', "subject"},      {'k', "supported"},    {'t', "to"},
  {'v', "via"},          {'o', "event"},        {'r', "refer-to"},
  {'u', "allow-events"},
}};

} // namespace

std::string canonical_header_name(std::string_view name)
{
  std::string lower = util::to_lower(name);
  if (lower.size() == 1) {
    for (const auto& [letter, full] : compact_forms) {
      if (letter == lower[0]) return std::string(full);
    }
    if (lower == "x") return "session-expires";
  }
  return lower;
}

std::optional<std::string_view> Response::header(std::string_view name) const
{
  const std::string wanted = canonical_header_name(name);
  for (const Header& h : headers) {
    if (h.name == wanted) return std::string_view(h.value);
  }
  return std::nullopt;
}

std::vector<std::string_view> Response::all(std::string_view name) const
{
  const std::string wanted = canonical_header_name(name);
  std::vector<std::string_view> values;
  for (const Header& h : headers) {
    if (h.name == wanted) values.emplace_back(h.value);
  }
  return values;
}

std::string top_via_branch(const Response& response)
{
  auto via = response.header("via");
  if (!via) return {};
  std::string_view first = detail::split_outside_quotes(*via, ',').front();
  auto params = detail::split_outside_quotes(first, ';');
  for (std::size_t i = 1; i < params.size(); ++i) {
    auto [name, value] = detail::split_param(params[i]);
    if (util::iequals(name, "branch")) return std::string(value);
  }
  return {};
}

std::optional<CSeq> cseq_of(const Response& response)
{
  auto value = response.header("cseq");
  if (!value) return std::nullopt;
  std::string_view text = detail::trim(*value);
  std::size_t space = text.find_first_of(" \t");
  if (space == std::string_view::npos) return std::nullopt;
  CSeq cseq;
  auto number = text.substr(0, space);
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), cseq.number);
  if (error != std::errc{} || end != number.data() + number.size()) return std::nullopt;
  cseq.method = std::string(detail::trim(text.substr(space)));
  if (cseq.method.empty()) return std::nullopt;
  return cseq;
}

std::optional<std::chrono::seconds> retry_after(const Response& response)
{
  auto value = response.header("retry-after");
  if (!value) return std::nullopt;
  std::string_view text = detail::trim(*value);
  std::uint32_t seconds = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (error != std::errc{} || end == text.data()) return std::nullopt;
  return std::chrono::seconds(seconds);
}

} // namespace sipfo::sip
