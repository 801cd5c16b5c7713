#include "sipfo/applog/attempt_builder.hpp"

#include "sipfo/applog/boot_tracker.hpp"
#include "sipfo/applog/chain_step_tracker.hpp"
#include "sipfo/applog/dns_lookup_tracker.hpp"
#include "sipfo/applog/record_tracker.hpp"
#include "sipfo/applog/sip_outcome_tracker.hpp"

namespace sipfo::applog {

struct AttemptBuilder::Trackers {
  Trackers(bool snapshot, BuilderLimits limits, Explanations explanations)
    : story(snapshot, limits, explanations), boots(story), records(story), steps(story), lookups(story, records, steps),
      sip(story)
  {
  }

  // Every kind (one per entry of the message table) has its case and there is no
  // default: a new message does not compile until it is given to a tracker here
  // (-Wswitch, -Werror).
  void dispatch(std::uint64_t n, const LogLine& line, const Event& e)
  {
    switch (e.kind) {
    case EventKind::lookup_start: lookups.on_lookup_start(n, line, e); break;
    case EventKind::lookup_no_match: lookups.on_lookup_no_match(n, line, e); break;
    case EventKind::cache_miss: lookups.on_cache_miss(n, line, e); break;
    case EventKind::cache_hit: lookups.on_cache_hit(n, line, e); break;
    case EventKind::negative_cache_hit:
    case EventKind::negative_cache_hit_other_wording: lookups.on_negative_cache_hit(n, line, e); break;
    case EventKind::negative_cache_added: lookups.on_negative_cache_added(n, line, e); break;
    case EventKind::cache_added: lookups.on_cache_added(n, line, e); break;
    case EventKind::cache_found: lookups.on_cache_found(n, line, e); break;
    case EventKind::cache_retained: lookups.on_cache_retained(n, line, e); break;
    case EventKind::no_answer: lookups.on_no_answer(n, line, e); break;
    case EventKind::error_code: lookups.on_error_code(n, line, e); break;
    case EventKind::answer: lookups.on_answer(n, line, e); break;
    case EventKind::record_list: records.on_record_list(n, line, e); break;
    case EventKind::naptr_order:
    case EventKind::naptr_preference:
    case EventKind::naptr_flags:
    case EventKind::naptr_service:
    case EventKind::naptr_regexp:
    case EventKind::naptr_replacement: records.on_naptr_field(n, line, e); break;
    case EventKind::naptr_added: records.on_naptr_added(n, line, e); break;
    case EventKind::srv_added: records.on_srv_added(n, line, e); break;
    case EventKind::srv_priority:
    case EventKind::srv_weight:
    case EventKind::srv_target_port: records.on_srv_field(n, line, e); break;
    case EventKind::srv_to_a: steps.on_srv_to_a(n, line, e); break;
    case EventKind::srv_to_a_done: steps.on_srv_to_a_done(n, line, e); break;
    case EventKind::srv_fallback: steps.on_srv_fallback(n, line, e); break;
    case EventKind::a_lookup_step: steps.on_a_lookup_step(n, line, e); break;
    case EventKind::port_kept: steps.on_port_kept(n, line, e); break;
    case EventKind::passed_in_address: steps.on_passed_in_address(n, line, e); break;
    case EventKind::register_start: sip.on_register_start(n, line, e); break;
    case EventKind::naptr_empty: sip.on_naptr_empty(n, line, e); break;
    case EventKind::no_address: sip.on_no_address(n, line, e); break;
    case EventKind::registration_failed: sip.on_registration_failed(n, line, e); break;
    case EventKind::registration_ok: sip.on_registration_ok(n, line, e); break;
    case EventKind::register_request: sip.on_register_request(n, line, e); break;
    case EventKind::register_response: sip.on_register_response(n, line, e); break;
    case EventKind::register_timeout: sip.on_register_timeout(n, line, e); break;
    case EventKind::server_failover:
    case EventKind::server_failback: sip.on_server_change(n, line, e); break;
    case EventKind::ready_for_call: boots.on_ready_for_call(n, line, e); break;
    case EventKind::boot_marker: boots.on_boot_marker(n, line, e); break;
    }
  }

  LogStory story;
  BootTracker boots;
  RecordTracker records;
  ChainStepTracker steps;
  DnsLookupTracker lookups;
  SipOutcomeTracker sip;
};

AttemptBuilder::AttemptBuilder(bool snapshot, BuilderLimits limits, Explanations explanations)
  : trackers_(std::make_unique<Trackers>(snapshot, limits, explanations))
{
}

AttemptBuilder::~AttemptBuilder() = default;

void AttemptBuilder::add(std::uint64_t number, const LogLine& line, const Event* event, std::uint64_t dns_detail_so_far)
{
  Trackers& t = *trackers_;
  t.story.set_dns_detail(dns_detail_so_far);
  t.boots.line_seen(number, line);
  if (event) t.dispatch(number, line, *event);
}

FileReport AttemptBuilder::finish(std::string path, const LogStats& stats)
{
  return trackers_->story.finish(std::move(path), stats);
}

} // namespace sipfo::applog
