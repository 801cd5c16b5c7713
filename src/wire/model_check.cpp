// parse-pcap --profile: the phone's story against its handset profile and replay
// model. Each part is in its own file (model_check_parts.hpp); this one runs them
// and holds what they share.
#include "sipfo/wire/model_check.hpp"

#include "model_check_parts.hpp"

#include "sipfo/replay/parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>

namespace sipfo::wire {

namespace model_check_detail {

SimTime between(pcap::CaptureTime from, pcap::CaptureTime to) noexcept
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

SimTime between(const PacketMark& from, const PacketMark& to) noexcept
{
  return between(from.time, to.time);
}

std::string offsets_text(const std::vector<SimTime>& offsets)
{
  std::string out;
  for (const auto ms : offsets) {
    std::string seconds = fmt::format("{:.3f}", static_cast<double>(ms) / 1000.0);
    while (seconds.back() == '0') seconds.pop_back();
    if (seconds.back() == '.') seconds += '0';
    out += out.empty() ? seconds : ", " + seconds;
  }
  return out + " s";
}

std::string span(SimTime ms)
{
  return ms == 0 ? std::string("0 s") : replay::span_text(ms);
}

std::string model_name(replay::Model model)
{
  switch (model) {
  case replay::Model::rfc3263: return "RFC 3263";
  case replay::Model::spectralink84: return "the 84";
  case replay::Model::pivot: return "PIVOT";
  case replay::Model::yealink: return "Yealink";
  }
  return "?";
}

std::string knob_source(replay::Model model, std::string_view key)
{
  const auto* spec = replay::find_parameter(model, key);
  if (!spec) return "";
  return fmt::format("{}, {}", spec->key, spec->source);
}

bool close(SimTime observed, SimTime expected, SimTime floor, double fraction) noexcept
{
  const auto slack = std::max<SimTime>(floor, static_cast<SimTime>(std::llround(std::abs(static_cast<double>(expected)) * fraction)));
  return std::llabs(observed - expected) <= slack;
}

std::string server_text(const pcap::Endpoint& server, pcap::IpProtocol protocol, bool tls)
{
  return fmt::format("{}/{}", server.to_string(), tls ? "tls" : protocol == pcap::IpProtocol::udp ? "udp" : "tcp");
}

StoryFinding make_finding(util::FindingCode code, std::string text, std::string observed, std::string expected,
                          std::string source, std::vector<PacketMark> evidence)
{
  StoryFinding finding;
  finding.code = code;
  finding.severity = util::finding_kind(code).severity_in(util::Reporter::parse_pcap);
  finding.text = std::move(text);
  finding.observed = std::move(observed);
  finding.expected = std::move(expected);
  finding.source = std::move(source);
  if (evidence.size() > 6) evidence.resize(6); // the first few packets that show it
  finding.evidence = std::move(evidence);
  return finding;
}

void add_finding(const Check& check, StoryFinding finding, std::string_view key)
{
  auto& keys = check.keys;
  for (std::size_t i = 0; i < check.findings.size(); ++i) {
    if (check.findings[i].code == finding.code && keys[i] == key) {
      ++check.findings[i].count;
      return;
    }
  }
  check.findings.push_back(std::move(finding));
  keys.emplace_back(key);
}

std::vector<Line> register_lines(const PhoneStory& phone)
{
  std::vector<Line> lines;
  for (const auto& transaction : phone.transactions) {
    if (transaction.method != "REGISTER" || transaction.sends.empty()) continue;
    auto it = std::find_if(lines.begin(), lines.end(),
                           [&](const Line& line) { return line.address_of_record == transaction.address_of_record; });
    if (it == lines.end()) {
      lines.push_back(Line{transaction.address_of_record, {}});
      it = lines.end() - 1;
    }
    it->registers.push_back(&transaction);
  }
  return lines;
}

std::vector<int> passes(const Line& line)
{
  std::vector<int> out;
  std::vector<const SipTransaction*> tried;
  int pass = 0;
  for (std::size_t i = 0; i < line.registers.size(); ++i) {
    const auto& tx = *line.registers[i];
    bool fresh = i == 0;
    if (i > 0) {
      const auto& previous = *line.registers[i - 1];
      const auto end = register_end(previous);
      const bool resend = end == RegisterEnd::challenge && same_server(previous, tx);
      const bool again = std::any_of(tried.begin(), tried.end(), [&](const SipTransaction* t) { return same_server(*t, tx); });
      fresh = end == RegisterEnd::success || (again && !resend);
    }
    if (fresh) {
      if (i > 0) ++pass;
      tried.clear();
    }
    tried.push_back(&tx);
    out.push_back(pass);
  }
  return out;
}

const SipResponseSeen* final_response(const SipTransaction& transaction) noexcept
{
  const SipResponseSeen* last = nullptr;
  for (const auto& response : transaction.responses) {
    if (response.code >= 200) last = &response;
  }
  return last;
}

RegisterEnd register_end(const SipTransaction& transaction) noexcept
{
  const auto* response = final_response(transaction);
  if (!response) return RegisterEnd::next_server;
  if (response->code < 300) return RegisterEnd::success;
  if (response->code == 503) return RegisterEnd::next_server;
  if ((response->code == 401 || response->code == 407) && response->challenge) return RegisterEnd::challenge;
  return RegisterEnd::final;
}

bool directly_after(const PhoneStory& phone, const SipTransaction& previous, const SipTransaction& next) noexcept
{
  if (!previous.call_id.empty() && previous.call_id == next.call_id) return next.cseq == previous.cseq + 1;
  return phone.omitted_transactions == 0;
}

bool same_server(const SipTransaction& a, const SipTransaction& b) noexcept
{
  return a.server == b.server && a.protocol == b.protocol;
}

pcap::CaptureTime last_seen(const PhoneStory& phone) noexcept
{
  pcap::CaptureTime last{};
  for (const auto& transaction : phone.transactions) {
    for (const auto& send : transaction.sends) last = std::max(last, send.time);
    for (const auto& response : transaction.responses) last = std::max(last, response.packet.time);
  }
  for (const auto& exchange : phone.dns) {
    for (const auto& query : exchange.queries) last = std::max(last, query.time);
    if (exchange.reply) last = std::max(last, exchange.reply->time);
  }
  return last;
}

} // namespace model_check_detail

std::vector<StoryFinding> check_against_model(const PhoneStory& phone, const ModelExpectation& expectation)
{
  using namespace model_check_detail;
  std::vector<StoryFinding> findings;
  std::vector<std::string> keys;
  std::vector<handset::Candidate> candidates;
  const Check check{phone, candidates, expectation, expectation.model, expectation.parameters, findings, keys};
  check_dns_and_order(check);
  check_timers(check);
  check_renewal(check);
  // In order of first evidence (a finding without evidence last).
  std::stable_sort(findings.begin(), findings.end(), [](const StoryFinding& a, const StoryFinding& b) {
    if (a.evidence.empty() || b.evidence.empty()) return !a.evidence.empty() && b.evidence.empty();
    const auto& x = a.evidence.front();
    const auto& y = b.evidence.front();
    if (x.file != y.file) return x.file < y.file;
    return x.number < y.number;
  });
  return findings;
}

} // namespace sipfo::wire
