#include "answer_outcome.hpp"

#include <algorithm>
#include <string_view>

namespace sipfo::dns {

namespace {

// ASCII case-insensitive name equality, trailing dot optional (RFC 4343).
bool same_owner(std::string_view a, std::string_view b)
{
  if (!a.empty() && a.back() == '.') a.remove_suffix(1);
  if (!b.empty() && b.back() == '.') b.remove_suffix(1);
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [&](char x, char y) { return lower(x) == lower(y); });
}

// RFC 1034 3.6.2, 4.3.2: the data may sit at the end of a CNAME chain.
bool has_asked_data(const Question& question, const std::vector<Record>& records)
{
  auto find = [&](const std::string& name, RrType type) {
    return std::find_if(records.begin(), records.end(), [&](const Record& record) {
      return record.type == type && same_owner(record.owner, name);
    });
  };
  std::string name = question.name;
  for (std::size_t hop = 0; hop <= records.size(); ++hop) { // bounded: a CNAME loop ends
    if (find(name, question.type) != records.end()) return true;
    auto cname = find(name, RrType::cname);
    if (cname == records.end()) return false;
    name = std::get<NameData>(cname->data).name;
  }
  return false;
}

} // namespace

Outcome outcome_of(const DnsMessage& message, const Question& question)
{
  switch (message.header.rcode) {
  case Rcode::noerror: return has_asked_data(question, message.answers) ? Outcome::noerror : Outcome::nodata;
  case Rcode::nxdomain: return Outcome::nxdomain;
  case Rcode::refused: return Outcome::refused;
  default: return Outcome::servfail;
  }
}

} // namespace sipfo::dns
