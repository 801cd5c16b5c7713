#include "sipfo/render/applog_trace.hpp"

#include "sipfo/applog/message_format.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <chrono>

namespace sipfo::render {

namespace {

// c-ares status codes the phone prints as "err code" (its DNS stack is c-ares:
// applog-format.md §4): ENODATA 1, ESERVFAIL 3, ENOTFOUND 4, EREFUSED 6,
// ECONNREFUSED 11, ETIMEOUT 12; EBADRESP 10 for a reply that cannot be read.
int err_code(dns::Outcome outcome)
{
  switch (outcome) {
  case dns::Outcome::nodata: return 1;
  case dns::Outcome::servfail: return 3;
  case dns::Outcome::nxdomain: return 4;
  case dns::Outcome::refused: return 6;
  case dns::Outcome::unreachable: return 11;
  case dns::Outcome::timeout: return 12;
  case dns::Outcome::malformed: return 10; // ARES_EBADRESP: the phone's c-ares cannot parse it either
  case dns::Outcome::noerror: break;
  }
  return 0;
}

std::string without_dot(const std::string& name)
{
  return name.size() > 1 && name.back() == '.' ? name.substr(0, name.size() - 1) : name;
}

// The phone prints the name a second time without its search domain
// ("testserver.eslab.local" -> "testserver"); sipfo takes the domain to be the
// last two labels.
std::string short_name(const std::string& name)
{
  const auto bare = without_dot(name);
  auto last = bare.rfind('.');
  if (last == std::string::npos) return {};
  auto second = bare.rfind('.', last - 1);
  if (second == std::string::npos || second == 0) return {};
  return bare.substr(0, second);
}

using applog::EventKind;
using applog::MessageFields;

// Every line comes from the app.log message table (applog/message_format.hpp), the
// one parse-log reads with: module, level and wording are the table's.
class LogWriter {
public:
  void line(EventKind kind, const MessageFields& fields)
  {
    const applog::MessageFormat& format = applog::message_format(kind);
    const auto ms = clock_ms_;
    out_ += fmt::format("{:02}{:02}{:02}.{:03}|{:<5}|{}|00|{}\n", ms / 3'600'000 % 100, ms / 60'000 % 60, ms / 1000 % 60,
                        ms % 1000, format.module, format.level,
                        util::printable(applog::write_message(kind, fields))); // names from config and DNS
  }
  void advance(std::chrono::microseconds elapsed) { clock_ms_ += elapsed.count() / 1000; }
  std::string take() { return std::move(out_); }

private:
  std::string out_;
  long long clock_ms_ = 0;
};

void naptr_fields(LogWriter& log, const dns::NaptrData& n)
{
  log.line(EventKind::naptr_order, {.number = n.order});
  log.line(EventKind::naptr_preference, {.number = n.preference});
  log.line(EventKind::naptr_flags, {.detail = n.flags});
  log.line(EventKind::naptr_service, {.detail = n.service});
  log.line(EventKind::naptr_regexp, {.detail = n.regexp});
  const std::string replacement = without_dot(n.replacement);
  log.line(EventKind::naptr_replacement, {.detail = replacement});
  log.line(EventKind::naptr_added, {});
}

void srv_fields(LogWriter& log, const dns::SrvData& s)
{
  log.line(EventKind::srv_added, {});
  const std::string target = dns::absolute_name(s.target);
  log.line(EventKind::srv_target_port, {.host = target, .number = s.port});
  log.line(EventKind::srv_priority, {.number = s.priority});
  log.line(EventKind::srv_weight, {.number = s.weight});
}

void positive(LogWriter& log, const dns::Answer& answer, const std::string& type, const std::string& host)
{
  const auto ttl = answer.ttl().value_or(0);
  const auto data = answer.data();
  if (answer.question.type == dns::RrType::a) {
    for (const auto& record : data) {
      const std::string address = std::get<dns::AddressData>(record.data).address;
      log.line(EventKind::answer, {.host = host, .type = "A", .address = address, .number = record.ttl});
    }
  } else {
    log.line(EventKind::answer, {.host = host, .type = type, .number = ttl});
    if (answer.question.type == dns::RrType::naptr) log.line(EventKind::record_list, {});
    for (const auto& record : data) {
      if (const auto* n = std::get_if<dns::NaptrData>(&record.data)) naptr_fields(log, *n);
      if (const auto* s = std::get_if<dns::SrvData>(&record.data)) srv_fields(log, *s);
    }
  }
  log.line(EventKind::cache_added, {.host = host, .type = type, .number = ttl});
}

void negative(LogWriter& log, const dns::Answer& answer, const std::string& type, const std::string& host)
{
  log.line(EventKind::no_answer, {.host = host, .type = type});
  log.line(EventKind::error_code, {.host = host, .type = type, .number = err_code(answer.outcome)});
  log.line(EventKind::lookup_no_match, {.host = host, .type = type});
  // A timeout leaves nothing to cache; a negative answer is cached for its SOA TTL.
  if (answer.negative_ttl) {
    log.line(EventKind::negative_cache_added, {.host = host, .type = type, .number = *answer.negative_ttl});
    log.line(EventKind::cache_found, {.host = host, .type = type});
  }
}

} // namespace

std::string applog_trace(const handset::ServerSetting& setting, const handset::Resolution& resolution)
{
  LogWriter log;
  const char* tp = handset::transport_setting_name(setting.transport);
  const std::string transport = setting.transport == handset::TransportSetting::naptr ? "udp" : tp;
  std::string srv_owner;
  for (const auto& query : resolution.queries) {
    if (query.asked_by != handset::Asker::handset) continue;
    const auto& answer = query.answer;
    const auto type = dns::rr_type_name(answer.question.type);
    const bool srv_target = answer.question.type == dns::RrType::a && !srv_owner.empty();
    // Names from an SRV target keep their trailing dot in the phone's log.
    const auto host = srv_target ? dns::absolute_name(answer.question.name) : without_dot(answer.question.name);
    if (srv_target) {
      std::uint16_t port = 0;
      for (const auto& c : resolution.candidates) {
        if (dns::same_name(c.target, host)) port = c.port;
      }
      log.line(EventKind::srv_to_a, {.host = host, .number = port});
    } else if (answer.question.type == dns::RrType::a) {
      log.line(EventKind::a_lookup_step, {.address = transport, .number = setting.port});
    }
    log.line(EventKind::lookup_start, {.host = host, .type = type});
    log.line(EventKind::cache_miss, {.host = host, .type = type});
    if (const auto shorter = short_name(host); !shorter.empty()) {
      log.line(EventKind::cache_miss, {.host = shorter, .type = type});
    }
    if (answer.elapsed) log.advance(*answer.elapsed);
    if (answer.outcome == dns::Outcome::noerror && !answer.data().empty()) {
      positive(log, answer, type, host);
      if (answer.question.type == dns::RrType::srv) srv_owner = without_dot(answer.question.name);
    } else {
      negative(log, answer, type, host);
      if (answer.question.type == dns::RrType::naptr) {
        log.line(EventKind::naptr_empty, {.host = host});
      } else if (answer.question.type == dns::RrType::srv) {
        log.line(EventKind::srv_fallback, {.address = transport});
      }
    }
  }
  if (!srv_owner.empty() && !resolution.candidates.empty()) {
    log.line(EventKind::srv_to_a_done, {.host = srv_owner, .detail = "OK"});
  }
  if (const auto* first = handset::preferred_candidate(resolution)) {
    // The phone then looks up the server it will use, an IP by now (CS-14-17
    // success log, after "returned OK"): the log's sign of which server it took.
    log.line(EventKind::lookup_start, {.host = first->address, .type = "A"});
    log.line(EventKind::passed_in_address, {.type = "A", .address = first->address});
  }
  if (resolution.candidates.empty()) {
    const std::string name = without_dot(setting.address);
    log.line(EventKind::no_address, {.host = name, .address = transport});
    log.line(EventKind::registration_failed, {.host = "<user>", .detail = "Temporarily not available", .number = 480});
  }
  return log.take();
}

} // namespace sipfo::render
