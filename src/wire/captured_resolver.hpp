#pragma once
// A dns::Resolver over the answers a capture holds, so a handset profile can be
// run on exactly what the phone was told (parse-pcap --profile). Each question
// reads the first reply the capture shows for it (the lookup that led to the
// phone's first REGISTER); a question the capture never answered reads TIMEOUT,
// with `problem` saying it is not in the capture, and is remembered so the model
// check can tell "not in the capture" from a deviation.
#include "sipfo/dns/resolver.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <span>
#include <string>
#include <vector>

namespace sipfo::wire {

class CapturedResolver final : public dns::Resolver {
public:
  explicit CapturedResolver(std::span<const DnsExchange> exchanges);

  std::vector<dns::Answer> resolve(std::span<const dns::Question> questions) override;
  std::string describe() const override;

  // Whether the capture holds a reply to `question` (names compare as DNS names).
  bool answered(const dns::Question& question) const;
  // The questions asked of this resolver that the capture had no reply to, in order.
  const std::vector<dns::Question>& missing() const noexcept { return missing_; }

private:
  const dns::Answer* find(const dns::Question& question) const;

  std::vector<dns::Answer> answers_; // the first reply to each question, in capture order
  std::vector<dns::Question> missing_;
};

// Whether two questions are the same: same type, same name (case and the final dot aside).
bool same_question(const dns::Question& a, const dns::Question& b) noexcept;

} // namespace sipfo::wire
