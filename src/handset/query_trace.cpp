#include "query_trace.hpp"

#include <fmt/format.h>

namespace sipfo::handset {

namespace {

// A stub resolver gives up on CNAME chains longer than this (BIND uses 16).
constexpr int max_cname_hops = 8;

bool ends_in_cname(const dns::Answer& answer)
{
  return answer.outcome == dns::Outcome::noerror && answer.data().empty() && !answer.cnames().empty();
}

void absorb(Lookup& lookup, const dns::Answer& answer)
{
  for (auto& cname : answer.cnames()) lookup.cnames.push_back(cname);
  lookup.data = answer.data();
  lookup.outcome = answer.outcome;
  if (lookup.outcome == dns::Outcome::noerror && lookup.data.empty()) lookup.outcome = dns::Outcome::nodata;
  const auto ttl = answer.ttl();
  if (ttl && (!lookup.ttl || *ttl < *lookup.ttl)) lookup.ttl = ttl;
}

} // namespace

QueryTrace::QueryTrace(dns::Resolver& resolver, Resolution& resolution)
  : resolver_(resolver), resolution_(resolution)
{
}

Lookup QueryTrace::ask(const dns::Question& question, std::string purpose)
{
  return ask_all({question}, {std::move(purpose)}).front();
}

std::vector<Lookup> QueryTrace::ask_all(const std::vector<dns::Question>& questions,
                                        const std::vector<std::string>& purposes)
{
  std::vector<Lookup> lookups(questions.size());
  std::vector<std::size_t> pending;
  std::vector<dns::Question> asking = questions;
  std::vector<std::string> why = purposes;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    lookups[i].question = questions[i];
    pending.push_back(i);
  }
  for (int hop = 0; hop <= max_cname_hops && !asking.empty(); ++hop) {
    auto answers = resolver_.resolve(asking);
    std::vector<std::size_t> next_pending;
    std::vector<dns::Question> next_asking;
    std::vector<std::string> next_why;
    for (std::size_t k = 0; k < answers.size(); ++k) {
      auto& lookup = lookups[pending[k]];
      absorb(lookup, answers[k]);
      if (ends_in_cname(answers[k]) && hop < max_cname_hops) {
        next_pending.push_back(pending[k]);
        next_asking.push_back(dns::Question{answers[k].final_name(), asking[k].type});
        next_why.push_back(fmt::format("follow the CNAME {} -> {}", asking[k].name, answers[k].final_name()));
      }
      resolution_.queries.push_back(Query{std::move(answers[k]), why[k]});
    }
    pending = std::move(next_pending);
    asking = std::move(next_asking);
    why = std::move(next_why);
  }
  return lookups;
}

} // namespace sipfo::handset
