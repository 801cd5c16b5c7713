#include "sipfo/dns/answer.hpp"

#include <algorithm>
#include <limits>

namespace sipfo::dns {

namespace {

// The CNAME in `records` owned by `name`, if any.
const Record* cname_at(const std::vector<Record>& records, std::string_view name)
{
  for (const auto& record : records) {
    if (record.type == RrType::cname && same_name(record.owner, name)) return &record;
  }
  return nullptr;
}

// The CNAMEs from the question's name on, in chain order. A question for CNAME
// itself has no chain: its CNAME is the data. Each CNAME is used once, so a loop
// (a -> b -> a) stops and the walk is bounded by the size of the answer.
std::vector<const Record*> cname_chain(const Question& question, const std::vector<Record>& records)
{
  std::vector<const Record*> chain;
  if (question.type == RrType::cname) return chain;
  std::string_view name = question.name;
  while (chain.size() < records.size()) {
    const Record* cname = cname_at(records, name);
    if (cname == nullptr || std::find(chain.begin(), chain.end(), cname) != chain.end()) break;
    chain.push_back(cname);
    const auto* target = std::get_if<NameData>(&cname->data);
    if (target == nullptr) break;
    name = target->name;
  }
  return chain;
}

std::uint32_t min_ttl(std::uint32_t ttl, const std::vector<Record>& records)
{
  for (const auto& record : records) ttl = std::min(ttl, record.ttl);
  return ttl;
}

} // namespace

const char* outcome_name(Outcome outcome) noexcept
{
  switch (outcome) {
  case Outcome::noerror: return "NOERROR";
  case Outcome::nodata: return "NODATA";
  case Outcome::nxdomain: return "NXDOMAIN";
  case Outcome::servfail: return "SERVFAIL";
  case Outcome::refused: return "REFUSED";
  case Outcome::timeout: return "TIMEOUT";
  case Outcome::unreachable: return "UNREACHABLE";
  case Outcome::malformed: return "MALFORMED";
  }
  return "UNKNOWN";
}

std::string Answer::final_name() const
{
  const auto chain = cname_chain(question, records);
  if (chain.empty()) return question.name;
  const auto* target = std::get_if<NameData>(&chain.back()->data);
  return target != nullptr ? target->name : question.name;
}

std::vector<Record> Answer::data() const
{
  const auto name = final_name();
  std::vector<Record> out;
  for (const auto& record : records) {
    if (record.type == question.type && same_name(record.owner, name)) out.push_back(record);
  }
  return out;
}

std::vector<Record> Answer::cnames() const
{
  std::vector<Record> out;
  for (const auto* cname : cname_chain(question, records)) out.push_back(*cname);
  return out;
}

std::optional<std::uint32_t> Answer::ttl() const
{
  switch (outcome) {
  case Outcome::noerror: {
    const auto chain = cnames();
    const auto found = data();
    if (chain.empty() && found.empty()) return std::nullopt;
    return min_ttl(min_ttl(std::numeric_limits<std::uint32_t>::max(), chain), found);
  }
  case Outcome::nodata:
  case Outcome::nxdomain:
    // RFC 2308 5: a negative answer without an SOA is not cached.
    if (!negative_ttl) return std::nullopt;
    return min_ttl(*negative_ttl, cnames());
  case Outcome::servfail:
  case Outcome::refused:
  case Outcome::timeout:
  case Outcome::unreachable:
  case Outcome::malformed: break;
  }
  return std::nullopt;
}

} // namespace sipfo::dns
