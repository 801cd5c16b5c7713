// The DNS questions the phone asked and the servers it tried, against its handset
// profile run over the answers the same capture holds (CapturedResolver).
#include "captured_resolver.hpp"
#include "model_check_parts.hpp"

#include "sipfo/handset/profile.hpp"
#include "sipfo/util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace sipfo::wire::model_check_detail {

namespace {

using dns::RrType;

// Where each profile's resolution rules are written down.
std::string dns_source(replay::Model model)
{
  switch (model) {
  case replay::Model::rfc3263: return "RFC 3263 4.1-4.2";
  case replay::Model::spectralink84: return "CS-14-17, DNS Configuration, Step 1";
  case replay::Model::pivot: return "CS-18-09, Identifying the redundant call servers";
  case replay::Model::yealink: return "Yealink Server Redundancy, Appendix A";
  }
  return "";
}

// How each profile orders servers of one SRV priority (design §3).
std::string order_source(replay::Model model)
{
  switch (model) {
  case replay::Model::rfc3263: return "RFC 2782 Usage rules; RFC 3263 4.4";
  case replay::Model::spectralink84:
    return "CS-14-17, DNS Configuration, Step 1 (priority, then weight; ties in answer order: sipfo's assumption)";
  case replay::Model::pivot: return "CS-18-09, Call Server Redundancy (preference by serverspec, then SRV priority)";
  case replay::Model::yealink: return "Yealink Server Redundancy, Appendix A (priority, then higher weight first)";
  }
  return "";
}

std::string question_text(const dns::Question& question)
{
  auto name = question.name;
  if (name.size() > 1 && name.back() == '.') name.pop_back();
  return fmt::format("{} {}", dns::rr_type_name(question.type), name);
}

std::string questions_text(const std::vector<dns::Question>& questions)
{
  if (questions.empty()) return "none";
  std::string out;
  for (const auto& question : questions) out += (out.empty() ? "" : ", ") + question_text(question);
  return out;
}

bool is_address_type(RrType type) noexcept
{
  return type == RrType::a || type == RrType::aaaa;
}

// The name a question was asked for: an SRV name without its "_service._proto." labels.
std::string base_name(const dns::Question& question)
{
  std::string name = question.name;
  if (question.type == RrType::srv) {
    while (name.starts_with("_")) {
      const auto dot = name.find('.');
      if (dot == std::string::npos) break;
      name.erase(0, dot + 1);
    }
  }
  if (name.size() > 1 && name.back() == '.') name.pop_back();
  return name;
}

// The names an answer leads on to: SRV targets, NAPTR replacements, CNAME targets.
std::vector<std::string> names_led_to(const dns::Answer& answer)
{
  std::vector<std::string> out;
  for (const auto& record : answer.records) {
    if (const auto* srv = std::get_if<dns::SrvData>(&record.data)) out.push_back(srv->target);
    if (const auto* naptr = std::get_if<dns::NaptrData>(&record.data)) out.push_back(naptr->replacement);
    if (const auto* name = std::get_if<dns::NameData>(&record.data); name && record.type == RrType::cname) {
      out.push_back(name->name);
    }
  }
  return out;
}

bool answer_has_address(const dns::Answer& answer, const std::string& address)
{
  for (const auto& record : answer.records) {
    const auto* data = std::get_if<dns::AddressData>(&record.data);
    if (data && data->address == address) return true;
  }
  return false;
}

// The first REGISTER's server (the start of the lookup that led to it), if any.
const SipTransaction* first_register(const PhoneStory& phone)
{
  for (const auto& transaction : phone.transactions) {
    if (transaction.method == "REGISTER" && !transaction.sends.empty()) return &transaction;
  }
  return nullptr;
}

// The exchange whose question started the lookup that led to the first REGISTER:
// walk back from the A answer holding its address to the SRV that named that
// host and the NAPTR that named that SRV. Without such a chain, the first
// NAPTR, SRV or A question.
const DnsExchange* origin_question(const PhoneStory& phone)
{
  const DnsExchange* origin = nullptr;
  if (const auto* reg = first_register(phone)) {
    const auto address = reg->server.address.to_string();
    for (const auto& exchange : phone.dns) {
      if (is_address_type(exchange.question.type) && exchange.answer && answer_has_address(*exchange.answer, address)) {
        origin = &exchange;
        break;
      }
    }
    for (int hop = 0; origin && hop < 4; ++hop) {
      const DnsExchange* parent = nullptr;
      for (const auto& exchange : phone.dns) {
        if (!exchange.answer || &exchange == origin) continue;
        const auto led = names_led_to(*exchange.answer);
        if (std::any_of(led.begin(), led.end(), [&](const std::string& n) { return dns::same_name(n, origin->question.name); })) {
          parent = &exchange;
          break;
        }
      }
      if (!parent) break;
      origin = parent;
    }
  }
  if (origin) return origin;
  for (const auto& exchange : phone.dns) {
    const auto type = exchange.question.type;
    if (type == RrType::naptr || type == RrType::srv || type == RrType::a) return &exchange;
  }
  return nullptr;
}

// The setting that explains the phone's first question (the capture does not say
// what the phone was configured with): a NAPTR question means DNSnaptr, port 0;
// an SRV question the transport of its "_proto" label, port 0; an A question the
// port and transport its first REGISTER used.
handset::ServerSetting inferred_setting(const PhoneStory& phone, const dns::Question& question)
{
  handset::ServerSetting setting;
  setting.address = base_name(question);
  const auto lower = util::to_lower(question.name);
  switch (question.type) {
  case RrType::naptr: setting.transport = handset::TransportSetting::naptr; break;
  case RrType::srv:
    setting.transport = lower.starts_with("_sips._tcp.") ? handset::TransportSetting::tls
                        : lower.starts_with("_sip._tcp.") ? handset::TransportSetting::tcp
                                                          : handset::TransportSetting::udp;
    break;
  default: {
    const auto* reg = first_register(phone);
    setting.port = reg ? reg->server.port : 5060;
    setting.transport = reg && reg->protocol == pcap::IpProtocol::tcp ? handset::TransportSetting::tcp
                                                                      : handset::TransportSetting::udp;
    break;
  }
  }
  return setting;
}

std::string setting_text(const handset::ServerSetting& setting)
{
  return fmt::format("{}, transport {}, port {}", setting.address, handset::transport_setting_name(setting.transport),
                     setting.port);
}

// The questions of the lookup: from the origin question to the first REGISTER,
// only those about the configured name and the names its answers led to (a
// phone asks for its NTP or provisioning server too).
std::vector<const DnsExchange*> asked(const PhoneStory& phone, const DnsExchange& origin, const std::string& base)
{
  const auto* reg = first_register(phone);
  std::vector<std::string> related{base};
  const auto is_related = [&](const std::string& name) {
    const auto lower = util::to_lower(dns::absolute_name(name));
    return std::any_of(related.begin(), related.end(), [&](const std::string& r) {
      const auto stem = util::to_lower(dns::absolute_name(r));
      return lower == stem || lower.ends_with("." + stem);
    });
  };
  std::vector<const DnsExchange*> out;
  bool started = false;
  for (const auto& exchange : phone.dns) {
    if (&exchange == &origin) started = true;
    if (!started || exchange.queries.empty()) continue;
    if (reg && exchange.queries.front().time > reg->sends.front().time) break;
    if (!is_related(exchange.question.name)) continue;
    out.push_back(&exchange);
    if (exchange.answer) {
      for (auto& name : names_led_to(*exchange.answer)) related.push_back(std::move(name));
    }
  }
  return out;
}

// Sorts each run of consecutive A/AAAA questions by name and type (and `purposes` along).
void sort_address_runs(std::vector<dns::Question>& questions, std::vector<std::string>* purposes = nullptr)
{
  const auto key = [](const dns::Question& q) {
    return std::pair(util::to_lower(dns::absolute_name(q.name)), static_cast<int>(q.type));
  };
  std::size_t start = 0;
  while (start < questions.size()) {
    std::size_t end = start;
    while (end < questions.size() && is_address_type(questions[end].type)) ++end;
    if (end == start) {
      ++start;
      continue;
    }
    std::vector<std::size_t> order(end - start);
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = start + i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return key(questions[x]) < key(questions[y]); });
    std::vector<dns::Question> sorted;
    std::vector<std::string> sorted_purposes;
    for (const auto i : order) {
      sorted.push_back(questions[i]);
      if (purposes) sorted_purposes.push_back((*purposes)[i]);
    }
    std::copy(sorted.begin(), sorted.end(), questions.begin() + static_cast<std::ptrdiff_t>(start));
    if (purposes) std::copy(sorted_purposes.begin(), sorted_purposes.end(), purposes->begin() + static_cast<std::ptrdiff_t>(start));
    start = end;
  }
}

void check_questions(const Check& check, const std::vector<const DnsExchange*>& observed_exchanges,
                     const handset::Resolution& resolution, const CapturedResolver& resolver,
                     const std::string& setting_note)
{
  std::vector<dns::Question> observed;
  for (const auto* exchange : observed_exchanges) observed.push_back(exchange->question);
  const auto was_asked = [&](const dns::Question& question) {
    return std::any_of(observed.begin(), observed.end(), [&](const dns::Question& q) { return same_question(q, question); });
  };
  std::vector<dns::Question> expected;
  std::vector<std::string> purposes;
  std::vector<dns::Question> not_in_capture;
  for (const auto& query : resolution.queries) {
    if (query.asked_by != handset::Asker::handset) continue;
    const auto& question = query.answer.question;
    // A question the capture has no reply to and the phone did not ask: the
    // phone may have had it cached, or the capture began after it. Not a deviation.
    if (!resolver.answered(question) && !was_asked(question)) {
      not_in_capture.push_back(question);
      continue;
    }
    expected.push_back(question);
    purposes.push_back(query.purpose);
  }
  if (check.model == replay::Model::rfc3263) {
    // RFC 2782's draw orders the SRV targets, and so the address questions after
    // them: only which names were asked counts, not their order within one run.
    sort_address_runs(observed);
    sort_address_runs(expected, &purposes);
  }
  std::size_t first_difference = 0;
  while (first_difference < observed.size() && first_difference < expected.size() &&
         same_question(observed[first_difference], expected[first_difference])) {
    ++first_difference;
  }
  if (first_difference == observed.size() && first_difference == expected.size()) return;

  std::string text;
  std::vector<PacketMark> evidence;
  if (first_difference < observed.size()) {
    // The exchange of that question (observed may have been sorted for rfc3263).
    for (const auto* exchange : observed_exchanges) {
      if (same_question(exchange->question, observed[first_difference])) {
        evidence.push_back(exchange->queries.front());
        break;
      }
    }
    text = first_difference < expected.size()
             ? fmt::format("question {} was {}; {}'s profile asks {} ({})", first_difference + 1,
                           question_text(observed[first_difference]), model_name(check.model),
                           question_text(expected[first_difference]), purposes[first_difference])
             : fmt::format("asked {} after every question {}'s profile asks", question_text(observed[first_difference]),
                           model_name(check.model));
  } else {
    if (!observed_exchanges.empty()) evidence.push_back(observed_exchanges.back()->queries.front());
    text = fmt::format("never asked {}, which {}'s profile asks next ({})", question_text(expected[first_difference]),
                       model_name(check.model), purposes[first_difference]);
  }
  text += setting_note;
  if (!not_in_capture.empty()) {
    text += fmt::format("; not in the capture, so left out: {}", questions_text(not_in_capture));
  }
  add_finding(check,
              make_finding(util::FindingCode::model_dns_questions, std::move(text), questions_text(observed),
                           questions_text(expected), dns_source(check.model), std::move(evidence)),
              "dns");
}

// --- server order ---------------------------------------------------------------

std::string candidate_key(const handset::Candidate& candidate)
{
  return fmt::format("{}:{}/{}", candidate.address, candidate.port, handset::transport_name(candidate.transport));
}

std::string visit_key(const ServerVisit& visit)
{
  return fmt::format("{}:{}/{}", visit.server.address.to_string(), visit.server.port,
                     visit.tls ? "tls" : visit.protocol == pcap::IpProtocol::udp ? "udp" : "tcp");
}

// The servers of the phone's first pass over its list: its visits until the first
// that succeeded, or until it came back to a server it had tried (a new pass).
std::vector<const ServerVisit*> first_pass(const PhoneStory& phone)
{
  std::vector<const ServerVisit*> out;
  std::set<std::string> tried;
  for (const auto& visit : phone.visits) {
    if (!tried.insert(visit_key(visit)).second) break;
    out.push_back(&visit);
    if (visit.end == TransactionEnd::success) break;
  }
  return out;
}

struct Expected {
  std::vector<handset::Candidate> order; // in the order the phone should try them
  std::vector<std::size_t> group;        // candidates with the same group may come in any order
};

Expected expected_order(replay::Model model, const handset::Resolution& resolution)
{
  Expected out;
  out.order = resolution.candidates;
  if (resolution.rank_style == handset::RankStyle::serverspec) {
    // PIVOT registers with the most preferred: (rank, priority), ties in list order.
    std::stable_sort(out.order.begin(), out.order.end(), [](const handset::Candidate& a, const handset::Candidate& b) {
      return std::pair(a.rank, a.priority) < std::pair(b.rank, b.priority);
    });
  }
  std::size_t group = 0;
  for (std::size_t i = 0; i < out.order.size(); ++i) {
    // RFC 2782: within one priority of one SRV RRset the order is a weighted
    // random draw, so any order of the group is the model's.
    const bool free_order = model == replay::Model::rfc3263 && i > 0 &&
                            out.order[i].priority == out.order[i - 1].priority &&
                            out.order[i].srv_name == out.order[i - 1].srv_name;
    if (i > 0 && !free_order) ++group;
    out.group.push_back(group);
  }
  return out;
}

std::string expected_text(const Expected& expected, replay::Model model)
{
  std::string out;
  for (std::size_t i = 0; i < expected.order.size(); ++i) {
    const auto& candidate = expected.order[i];
    out += (out.empty() ? "" : ", then ") + candidate_key(candidate);
    if (candidate.origin == handset::Origin::srv) out += fmt::format(" (priority {}, weight {})", candidate.priority, candidate.weight);
  }
  if (model == replay::Model::rfc3263) out += "; equal priorities in any order (RFC 2782 weighted random)";
  return out;
}

void check_order(const Check& check, const handset::Resolution& resolution, const std::string& setting_note)
{
  const auto pass = first_pass(check.phone);
  if (pass.empty() || resolution.candidates.empty()) return;
  const auto expected = expected_order(check.model, resolution);
  // PIVOT registers with the most preferred candidate its OPTIONS found up, so
  // it may pass over candidates; the others try them in order.
  const bool may_skip = resolution.rank_style == handset::RankStyle::serverspec;
  std::vector<bool> used(expected.order.size(), false);
  std::string observed;
  for (const auto* visit : pass) observed += (observed.empty() ? "" : ", then ") + visit_key(*visit);
  for (std::size_t v = 0; v < pass.size(); ++v) {
    const auto key = visit_key(*pass[v]);
    std::optional<std::size_t> at;
    for (std::size_t i = 0; i < expected.order.size() && !at; ++i) {
      if (!used[i] && candidate_key(expected.order[i]) == key) at = i;
    }
    bool in_order = false;
    if (at) {
      // Every candidate of an earlier group must have been tried (unless PIVOT may skip).
      bool earlier_left = false;
      for (std::size_t i = 0; i < expected.order.size(); ++i) {
        if (!used[i] && expected.group[i] < expected.group[*at]) earlier_left = true;
      }
      in_order = may_skip || !earlier_left;
    }
    if (at && in_order) {
      used[*at] = true;
      continue;
    }
    const auto text = at ? fmt::format("registration went to {} before the servers {}'s profile ranks ahead of it{}", key,
                                       model_name(check.model), setting_note)
                         : fmt::format("registration went to {}, which {}'s profile does not list from the DNS answers in "
                                       "the capture{}",
                                       key, model_name(check.model), setting_note);
    add_finding(check,
                make_finding(util::FindingCode::model_server_order, text, observed,
                             expected_text(expected, check.model), order_source(check.model), {pass[v]->first}),
                "order");
    return;
  }
}

} // namespace

void check_dns_and_order(const Check& check)
{
  const auto& phone = check.phone;
  if (phone.dns.empty()) return; // no lookup in the capture: nothing to compare
  const auto* profile = check.expectation.profile ? check.expectation.profile
                                                  : handset::find_profile(replay::model_id(check.model));
  if (!profile) return;
  const auto* origin = origin_question(phone);
  if (!origin) return;
  std::string setting_note;
  handset::ServerSetting setting;
  if (check.expectation.setting) {
    setting = *check.expectation.setting;
  } else {
    setting = inferred_setting(phone, origin->question);
    setting_note = fmt::format(" (server setting inferred from the phone's first question: {}; --config "
                               "gives the real one)",
                               setting_text(setting));
  }
  CapturedResolver resolver(phone.dns);
  handset::ProfileOptions options;
  options.seed = 0; // RFC 2782's draw: any order within a priority is accepted below
  const auto resolution = profile->resolve(setting, resolver, options);
  // The phone's questions from the one about the configured name on.
  const DnsExchange* start = origin;
  for (const auto& exchange : phone.dns) {
    if (&exchange == origin) break;
    if (base_name(exchange.question) == handset::strip_brackets(setting.address) && !exchange.queries.empty()) {
      start = &exchange;
      break;
    }
  }
  const auto observed = asked(phone, *start, setting.address);
  const bool profile_asks = std::any_of(resolution.queries.begin(), resolution.queries.end(),
                                        [](const handset::Query& q) { return q.asked_by == handset::Asker::handset; });
  if (observed.empty() && profile_asks) {
    // The configured name (--config) is not what the phone looked up.
    add_finding(check,
                make_finding(util::FindingCode::model_dns_questions,
                             fmt::format("the phone's lookup began with {}, and it asked nothing about the configured "
                                         "server {}",
                                         question_text(origin->question), setting.address),
                             questions_text({origin->question}),
                             fmt::format("questions about {} ({})", setting.address, setting_text(setting)),
                             dns_source(check.model), {origin->queries.front()}),
                "dns");
  } else {
    check_questions(check, observed, resolution, resolver, setting_note);
  }
  check_order(check, resolution, setting_note);
  check.candidates = resolution.candidates;
}

} // namespace sipfo::wire::model_check_detail
