#include "sipfo/dns/resolver.hpp"

namespace sipfo::dns {

Answer Resolver::resolve_one(const Question& question)
{
  auto answers = resolve(std::span<const Question>(&question, 1));
  if (answers.empty()) {
    // A resolver that gave nothing back answered nothing: treat it as silence.
    Answer silent;
    silent.question = question;
    silent.outcome = Outcome::timeout;
    return silent;
  }
  return std::move(answers.front());
}

} // namespace sipfo::dns
