#pragma once
// The records of a NAPTR or SRV answer, which the phone logs field by field after
// the answer line (the bulletin's "Parsing the Log": NAPTR fields first and then
// "naptr: Added to tail"; for SRV "srv: Added to tail" first and then the fields).

#include "sipfo/applog/log_story.hpp"

#include <cstdint>
#include <optional>

namespace sipfo::applog {

class RecordTracker : private StoryListener {
public:
  explicit RecordTracker(LogStory& story);

  // The answer line of lookup `index` of the open attempt: the records that follow
  // are its own.
  void answer_of(int lookup_index);
  // The lookup the records go to; -1 when none.
  int lookup_index() const noexcept { return records_lookup_; }

  void on_record_list(std::uint64_t number, const LogLine& line, const Event& event);
  void on_naptr_field(std::uint64_t number, const LogLine& line, const Event& event);
  void on_naptr_added(std::uint64_t number, const LogLine& line, const Event& event);
  void on_srv_added(std::uint64_t number, const LogLine& line, const Event& event);
  void on_srv_field(std::uint64_t number, const LogLine& line, const Event& event);

private:
  void attempt_opened() override;
  void attempt_closing() override;
  DnsLookup* lookup();
  void commit_naptr();
  // Every record line belongs to the lookup and is explained.
  void record_line(DnsLookup* lookup, std::uint64_t number, const LogLine& line, const Event& event);

  LogStory& story_;
  int records_lookup_ = -1;
  std::optional<NaptrRecord> pending_naptr_; // fields read, "Added to tail" not yet
};

} // namespace sipfo::applog
