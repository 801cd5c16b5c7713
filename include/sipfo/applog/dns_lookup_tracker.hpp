#pragma once
// The DNS lookups of the chain (the bulletin's "Parsing the Log"): where one starts,
// which lines are about it (cache, answer, failure), and when a lookup starts a new
// registration attempt. Lookups outside any attempt (NTP, provisioning) are
// remembered so their result lines are not taken for the chain's.

#include "sipfo/applog/chain_step_tracker.hpp"
#include "sipfo/applog/dns_cache_view.hpp"
#include "sipfo/applog/log_story.hpp"
#include "sipfo/applog/record_tracker.hpp"

#include <cstdint>
#include <deque>
#include <string>

namespace sipfo::applog {

class DnsLookupTracker {
public:
  DnsLookupTracker(LogStory& story, RecordTracker& records, ChainStepTracker& steps);

  void on_lookup_start(std::uint64_t number, const LogLine& line, const Event& event);
  void on_lookup_no_match(std::uint64_t number, const LogLine& line, const Event& event);
  void on_cache_miss(std::uint64_t number, const LogLine& line, const Event& event);
  void on_cache_hit(std::uint64_t number, const LogLine& line, const Event& event);
  void on_negative_cache_hit(std::uint64_t number, const LogLine& line, const Event& event);
  void on_negative_cache_added(std::uint64_t number, const LogLine& line, const Event& event);
  void on_cache_added(std::uint64_t number, const LogLine& line, const Event& event);
  void on_cache_found(std::uint64_t number, const LogLine& line, const Event& event);
  void on_cache_retained(std::uint64_t number, const LogLine& line, const Event& event);
  void on_no_answer(std::uint64_t number, const LogLine& line, const Event& event);
  void on_error_code(std::uint64_t number, const LogLine& line, const Event& event);
  void on_answer(std::uint64_t number, const LogLine& line, const Event& event);

private:
  struct LooseLookup {
    RecordType type = RecordType::none;
    std::string name;
  };
  // Whether a result line may create its lookup (the log may start mid-chain).
  enum class Create { no, yes };

  // A result line: finds (or creates) its lookup, applies `change`, explains the line.
  template <class Change>
  void result(std::uint64_t number, const LogLine& line, const Event& event, Create create, Change&& change);
  bool is_loose(RecordType type, std::string_view host) const;
  int find_lookup(RecordType type, std::string_view host);
  int lookup_for_result(std::uint64_t number, RecordType type, std::string_view host);
  int add_lookup(Attempt& a, RecordType type, std::string_view host, std::uint64_t start_line);
  DnsLookup* lookup_at(int index);
  bool begins_new_attempt(const Attempt& a, RecordType type) const;

  LogStory& story_;
  RecordTracker& records_;
  ChainStepTracker& steps_;
  DnsCacheView cache_;
  std::deque<LooseLookup> loose_lookups_;
};

} // namespace sipfo::applog
