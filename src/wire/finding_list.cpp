#include "finding_list.hpp"

#include <algorithm>

namespace sipfo::wire {

void FindingList::add(StoryFinding finding, const std::string& server)
{
  for (auto& entry : entries_) {
    if (entry.finding.code == finding.code && entry.server == server) {
      entry.finding.count += finding.count;
      return;
    }
  }
  if (entries_.size() >= max_findings) return;
  finding.severity = util::finding_kind(finding.code).severity_in(util::Reporter::parse_pcap);
  if (finding.evidence.size() > max_evidence) finding.evidence.resize(max_evidence);
  entries_.push_back({std::move(finding), server});
}

bool FindingList::has(util::FindingCode code) const noexcept
{
  return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& entry) { return entry.finding.code == code; });
}

std::vector<StoryFinding> FindingList::take()
{
  // Checks run as transactions close, not in capture order: sort by first evidence.
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    if (a.finding.evidence.empty() || b.finding.evidence.empty()) return !a.finding.evidence.empty() && b.finding.evidence.empty();
    const auto& x = a.finding.evidence.front();
    const auto& y = b.finding.evidence.front();
    return x.file != y.file ? x.file < y.file : x.number < y.number;
  });
  std::vector<StoryFinding> all;
  all.reserve(entries_.size());
  for (auto& entry : entries_) all.push_back(std::move(entry.finding));
  entries_.clear();
  return all;
}

} // namespace sipfo::wire
