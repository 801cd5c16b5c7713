#include "query_trace.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

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

// The name is already an owner in the chain: the chain loops.
bool seen_in_chain(const Lookup& lookup, const std::string& name)
{
  if (dns::same_name(lookup.question.name, name)) return true;
  return std::any_of(lookup.cnames.begin(), lookup.cnames.end(),
                     [&](const dns::Record& r) { return dns::same_name(r.owner, name); });
}

} // namespace

void QueryTrace::report_cname_loop(Lookup& lookup, bool too_long)
{
  lookup.outcome = dns::Outcome::nodata;
  lookup.data.clear();
  std::vector<std::string> chain{dns::absolute_name(lookup.question.name)};
  for (const auto& r : lookup.cnames) chain.push_back(dns::absolute_name(std::get<dns::NameData>(r.data).name));
  const auto message =
    too_long ? fmt::format("the CNAME chain from {} is longer than {} hops ({}); a resolver gives up", chain.front(),
                           max_cname_hops, fmt::join(chain, " -> "))
             : fmt::format("the CNAME chain from {} loops ({}): the name has no address", chain.front(),
                           fmt::join(chain, " -> "));
  for (const auto& f : resolution_.findings) {
    if (f.code == "cname_loop" && f.message == message) return;
  }
  resolution_.findings.push_back(
    make_finding(handset::FindingCode::cname_loop, message, lookup.cnames.empty() ? std::string() : dns::record_text(lookup.cnames.back())));
}

QueryTrace::QueryTrace(dns::Resolver& resolver, Resolution& resolution, const StaticCache* static_cache)
  : resolver_(resolver), resolution_(resolution), static_cache_(static_cache)
{
}

Lookup QueryTrace::ask(const dns::Question& question, std::string purpose, Asker asker)
{
  return ask_all({question}, {std::move(purpose)}, asker).front();
}

bool QueryTrace::answer_from_static(Lookup& lookup, const std::string& why)
{
  if (static_cache_ == nullptr) return false;
  auto answer = static_cache_->answer(lookup.question);
  if (!answer) return false;
  const auto question = lookup.question;
  lookup = Lookup{};
  lookup.question = question;
  absorb(lookup, *answer);
  lookup.from_static_cache = true;
  resolution_.queries.push_back(Query{std::move(*answer), why, Asker::handset});
  return true;
}

std::vector<Lookup> QueryTrace::ask_all(const std::vector<dns::Question>& questions,
                                        const std::vector<std::string>& purposes, Asker asker)
{
  std::vector<Lookup> lookups(questions.size());
  std::vector<std::size_t> pending;
  std::vector<dns::Question> asking;
  std::vector<std::string> why;
  const bool static_first = static_cache_ != nullptr && static_cache_->priority == StaticCachePriority::before_dns;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    lookups[i].question = questions[i];
    // static_cache_pri=1: the static cache first, DNS only for what it lacks.
    if (static_first && answer_from_static(lookups[i], purposes[i] + ", from the static DNS cache first")) continue;
    pending.push_back(i);
    asking.push_back(questions[i]);
    why.push_back(purposes[i]);
  }
  ask_dns(lookups, std::move(pending), std::move(asking), std::move(why), asker);
  return lookups;
}

void QueryTrace::ask_dns(std::vector<Lookup>& lookups, std::vector<std::size_t> pending,
                         std::vector<dns::Question> asking, std::vector<std::string> why, Asker asker)
{
  const bool static_after = static_cache_ != nullptr && static_cache_->priority == StaticCachePriority::after_dns;
  for (int hop = 0; hop <= max_cname_hops && !asking.empty(); ++hop) {
    auto answers = resolver_.resolve(asking);
    std::vector<std::size_t> next_pending;
    std::vector<dns::Question> next_asking;
    std::vector<std::string> next_why;
    for (std::size_t k = 0; k < answers.size(); ++k) {
      auto& lookup = lookups[pending[k]];
      absorb(lookup, answers[k]);
      bool follow = ends_in_cname(answers[k]);
      if (follow && (hop == max_cname_hops || seen_in_chain(lookup, answers[k].final_name()))) {
        follow = false;
        report_cname_loop(lookup, hop == max_cname_hops);
      }
      if (follow) {
        next_pending.push_back(pending[k]);
        next_asking.push_back(dns::Question{answers[k].final_name(), asking[k].type});
        next_why.push_back(fmt::format("follow the CNAME {} -> {}", asking[k].name, answers[k].final_name()));
      }
      resolution_.queries.push_back(Query{std::move(answers[k]), why[k], asker});
      // The static cache stands in when DNS gives nothing (Yealink Server Redundancy, Appendix B).
      if (!follow && !lookup.has_data() && static_after && hop == 0) {
        answer_from_static(lookup, "DNS gave nothing: the static DNS cache");
      }
    }
    pending = std::move(next_pending);
    asking = std::move(next_asking);
    why = std::move(next_why);
  }
}

} // namespace sipfo::handset
