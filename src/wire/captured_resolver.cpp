#include "captured_resolver.hpp"

#include <algorithm>

namespace sipfo::wire {

bool same_question(const dns::Question& a, const dns::Question& b) noexcept
{
  return a.type == b.type && dns::same_name(a.name, b.name);
}

CapturedResolver::CapturedResolver(std::span<const DnsExchange> exchanges)
{
  for (const auto& exchange : exchanges) {
    if (!exchange.answer || find(exchange.question)) continue;
    answers_.push_back(*exchange.answer);
    // The profile asks by absolute name; keep the phone's question as the key.
    answers_.back().question = exchange.question;
  }
}

const dns::Answer* CapturedResolver::find(const dns::Question& question) const
{
  const auto it = std::find_if(answers_.begin(), answers_.end(),
                               [&](const dns::Answer& answer) { return same_question(answer.question, question); });
  return it == answers_.end() ? nullptr : &*it;
}

bool CapturedResolver::answered(const dns::Question& question) const
{
  return find(question) != nullptr;
}

std::vector<dns::Answer> CapturedResolver::resolve(std::span<const dns::Question> questions)
{
  std::vector<dns::Answer> out;
  out.reserve(questions.size());
  for (const auto& question : questions) {
    if (const auto* answer = find(question)) {
      out.push_back(*answer);
      out.back().question = question;
      continue;
    }
    dns::Answer silent;
    silent.question = question;
    silent.outcome = dns::Outcome::timeout;
    silent.source = "capture";
    silent.problem = "not in the capture";
    out.push_back(std::move(silent));
    const bool known = std::any_of(missing_.begin(), missing_.end(),
                                   [&](const dns::Question& q) { return same_question(q, question); });
    if (!known) missing_.push_back(question);
  }
  return out;
}

std::string CapturedResolver::describe() const
{
  return "the DNS replies in the capture";
}

} // namespace sipfo::wire
