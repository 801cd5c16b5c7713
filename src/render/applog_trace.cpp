#include "sipfo/render/applog_trace.hpp"

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

class LogWriter {
public:
  void line(const char* module, const char* level, const std::string& text)
  {
    const auto ms = clock_ms_;
    out_ += fmt::format("{:02}{:02}{:02}.{:03}|{:<5}|{}|00|{}\n", ms / 3'600'000 % 100, ms / 60'000 % 60, ms / 1000 % 60,
                        ms % 1000, module, level, util::printable(text)); // names from config and DNS
  }
  void advance(std::chrono::microseconds elapsed) { clock_ms_ += elapsed.count() / 1000; }
  std::string take() { return std::move(out_); }

private:
  std::string out_;
  long long clock_ms_ = 0;
};

void naptr_fields(LogWriter& log, const dns::NaptrData& n)
{
  log.line("dns", "1", fmt::format("order '{}'", n.order));
  log.line("dns", "1", fmt::format("preference '{}'", n.preference));
  log.line("dns", "1", fmt::format("flags '{}'", n.flags));
  log.line("dns", "1", fmt::format("service '{}'", n.service));
  log.line("dns", "1", fmt::format("regexp '{}'", n.regexp));
  log.line("dns", "1", fmt::format("replacement '{}'", without_dot(n.replacement)));
  log.line("dns", "1", "naptr: Added to tail");
}

void srv_fields(LogWriter& log, const dns::SrvData& s)
{
  log.line("dns", "1", "srv: Added to tail");
  log.line("dns", "1", fmt::format("target:port '{}:{}'", dns::absolute_name(s.target), s.port));
  log.line("dns", "1", fmt::format("priority '{}'", s.priority));
  log.line("dns", "1", fmt::format("weight '{}'", s.weight));
}

void positive(LogWriter& log, const dns::Answer& answer, const std::string& type, const std::string& host)
{
  const auto ttl = answer.ttl().value_or(0);
  const auto data = answer.data();
  if (answer.question.type == dns::RrType::a) {
    for (const auto& record : data) {
      log.line("dns", "3", fmt::format("DNS lookup for (A) '{}'({}) TTL={}", host,
                                       std::get<dns::AddressData>(record.data).address, record.ttl));
    }
  } else {
    log.line("dns", "3", fmt::format("DNS lookup for ({}) '{}'() TTL={}", type, host, ttl));
    if (answer.question.type == dns::RrType::naptr) log.line("dns", "1", "Current List:");
    for (const auto& record : data) {
      if (const auto* n = std::get_if<dns::NaptrData>(&record.data)) naptr_fields(log, *n);
      if (const auto* s = std::get_if<dns::SrvData>(&record.data)) srv_fields(log, *s);
    }
  }
  log.line("dns", "2", fmt::format("Added Dynamic DNS cache entry for {}({}) expires in {} seconds", host, type, ttl));
}

void negative(LogWriter& log, const dns::Answer& answer, const std::string& type, const std::string& host)
{
  log.line("dns", "3", fmt::format("DNS lookup for ({}) '{}' Server has no Answer", type, host));
  log.line("dns", "3", fmt::format("DNS lookup for ({}) '{}' found no match (err code: {})", type, host,
                                   err_code(answer.outcome)));
  log.line("dns", "2", fmt::format("doDnsLookupForList for record {}: no match found for '{}'", type, host));
  // A timeout leaves nothing to cache; a negative answer is cached for its SOA TTL.
  if (answer.negative_ttl) {
    log.line("dns", "2", fmt::format("Added Negative DNS cache entry for {}({}) expires in {} seconds", host, type,
                                     *answer.negative_ttl));
    log.line("dns", "2", fmt::format("Found DNS cache entry for {}({})", host, type));
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
      log.line("dns", "1", fmt::format("dnsSrv2A calling LookupForList(A) for '{}' port {}", host, port));
    } else if (answer.question.type == dns::RrType::a) {
      log.line("dns", "1", fmt::format("doDnsSrvLookupForARecordList({}): Doing DNS A lookup (port {})", transport,
                                       setting.port));
    }
    log.line("dns", "1", fmt::format("doDnsLookupForList for record {}: hostname '{}' attempting..", type, host));
    log.line("dns", "2", fmt::format("Miss in All DNS cache for {}({})", host, type));
    if (const auto shorter = short_name(host); !shorter.empty()) {
      log.line("dns", "2", fmt::format("Miss in All DNS cache for {}({})", shorter, type));
    }
    if (answer.elapsed) log.advance(*answer.elapsed);
    if (answer.outcome == dns::Outcome::noerror && !answer.data().empty()) {
      positive(log, answer, type, host);
      if (answer.question.type == dns::RrType::srv) srv_owner = without_dot(answer.question.name);
    } else {
      negative(log, answer, type, host);
      if (answer.question.type == dns::RrType::naptr) {
        log.line("sip", "4", fmt::format("NAPTR query for host '{}' returned no results", host));
      } else if (answer.question.type == dns::RrType::srv) {
        log.line("dns", "1", fmt::format("doDnsSrvLookupForARecordList({}): SRV lookup returned nothing", transport));
      }
    }
  }
  if (!srv_owner.empty() && !resolution.candidates.empty()) {
    log.line("dns", "1", fmt::format("dnsSrv2A for host '{}' returned OK", srv_owner));
  }
  if (const auto* first = handset::preferred_candidate(resolution)) {
    // The phone then looks up the server it will use, an IP by now (seed 000
    // success log, after "returned OK"): the log's sign of which server it took.
    log.line("dns", "1", fmt::format("doDnsLookupForList for record A: hostname '{}' attempting..", first->address));
    log.line("dns", "1", fmt::format("doDnsLookupForList(A): returning passed in ipAddress '{}'", first->address));
  }
  if (resolution.candidates.empty()) {
    log.line("sip", "4", fmt::format("doDnsListLookup({}): doDnsSrvLookupForARecordList '{}' found no records.",
                                     transport, without_dot(setting.address)));
    log.line("sip", "4", "Registration failed User: <user>, Error Code:480 Temporarily not available");
  }
  return log.take();
}

} // namespace sipfo::render
