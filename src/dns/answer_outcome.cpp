#include "sipfo/dns/answer_outcome.hpp"

#include <fmt/format.h>

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

// RFC 1035 4.3.2, RFC 6604 2.1: an NXDOMAIN reply may carry the CNAME chain that
// led to the name that does not exist, and nothing else. Other records are
// dropped and reported, never used as data.
void keep_only_cname_chain(Answer& answer)
{
  std::vector<Record> dropped;
  std::vector<Record> kept;
  for (auto& record : answer.records) {
    (record.type == RrType::cname ? kept : dropped).push_back(std::move(record));
  }
  answer.records = std::move(kept);
  if (dropped.empty()) return;
  std::string listed;
  for (const auto& record : dropped) {
    if (!listed.empty()) listed += ", ";
    listed += fmt::format("{} {}", rr_type_name(record.type), rdata_text(record));
  }
  answer.problem = fmt::format("the NXDOMAIN reply also carried {} answer record{} ({}); a name that does not "
                               "exist has no data, so sipfo did not use {}",
                               dropped.size(), dropped.size() == 1 ? "" : "s", listed,
                               dropped.size() == 1 ? "it" : "them");
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

void fill_from_reply(Answer& answer, DnsMessage&& message, const Question& question)
{
  answer.outcome = outcome_of(message, question);
  answer.records = std::move(message.answers);
  if (answer.outcome == Outcome::nxdomain) keep_only_cname_chain(answer);
  if (answer.outcome == Outcome::nxdomain || answer.outcome == Outcome::nodata) {
    answer.negative_ttl = message.negative_ttl;
  }
}

} // namespace sipfo::dns
