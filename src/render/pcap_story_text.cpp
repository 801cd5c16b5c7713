#include "sipfo/render/pcap_story_text.hpp"

#include "sipfo/render/pcap_story_status.hpp"
#include "sipfo/render/pcap_story_words.hpp"
#include "sipfo/render/terminal.hpp"
#include "sipfo/render/text_wrap.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <tuple>

namespace sipfo::render {

namespace {

using namespace sipfo::wire;
using util::ExitStatus;
using util::Severity;

// Capture contents are untrusted: names, reasons and URIs are shown escaped.
std::string shown(std::string_view text) { return util::printable(text, 200); }
// A finding's own sentences are sipfo's, but they quote names and reason
// phrases from the wire: bounded and escaped too, with room for the sentence.
std::string shown_sentence(std::string_view text) { return util::printable(text, 1000); }

Color status_color(ExitStatus status)
{
  switch (status) {
  case ExitStatus::ok: return Color::green;
  case ExitStatus::warning: return Color::yellow;
  case ExitStatus::critical: return Color::red;
  case ExitStatus::unknown: return Color::yellow;
  }
  return Color::none;
}

Color severity_color(Severity severity)
{
  switch (severity) {
  case Severity::info: return Color::green;
  case Severity::warning: return Color::yellow;
  case Severity::error: return Color::red;
  }
  return Color::none;
}

Color end_color(TransactionEnd end)
{
  switch (end) {
  case TransactionEnd::success: return Color::green;
  case TransactionEnd::rejected:
  case TransactionEnd::timed_out: return Color::red;
  case TransactionEnd::unfinished: return Color::yellow;
  }
  return Color::none;
}

std::string endpoint(const pcap::Endpoint& where, pcap::IpProtocol protocol, bool tls = false)
{
  return where.to_string() + "/" + transport_word(protocol, tls);
}

// A one-line list of packets: "#3, #4".
std::string packet_list(const CaptureStory& story, const std::vector<PacketMark>& packets)
{
  std::string text;
  for (const PacketMark& packet : packets) text += (text.empty() ? "" : ", ") + packet_label(story, packet);
  return text;
}

// "in 1.203 ms" for a DNS round trip.
std::string round_trip(const std::optional<std::chrono::microseconds>& elapsed)
{
  if (!elapsed) return "";
  return fmt::format(" in {:.3f} ms", static_cast<double>(elapsed->count()) / 1000.0);
}

std::string final_response(const SipTransaction& transaction)
{
  for (auto response = transaction.responses.rbegin(); response != transaction.responses.rend(); ++response) {
    if (response->code >= 200) return fmt::format("{} {}", response->code, shown(response->reason));
  }
  return "";
}

class PhoneWriter {
public:
  PhoneWriter(const CaptureStory& story, const PhoneStory& phone, const PcapTextStyle& style)
    : story_(story), phone_(phone), style_(style), start_(story_start(phone))
  {
    // Packet labels are as wide as the widest one, so the text after them lines up.
    const std::string widest = packet_label(story_, PacketMark{0, last_number(), {}});
    label_width_ = std::max<std::size_t>(widest.size() + 2, 6);
  }

  std::string render()
  {
    headline();
    if (style_.packets == PacketLines::yes) packet_lines();
    dns();
    transactions();
    servers();
    changes();
    connections();
    findings();
    verdict();
    return out_;
  }

private:
  std::string paint(std::string_view text, Color color) const { return render::paint(text, color, style_.color); }
  std::string label(const PacketMark& packet) const { return packet_label(story_, packet); }
  std::string at(const PacketMark& packet) const { return "+" + seconds_between(start_, packet); }

  std::uint64_t last_number() const
  {
    std::uint64_t last = 0;
    for (const auto& e : phone_.dns) {
      for (const auto& q : e.queries) last = std::max(last, q.number);
      if (e.reply) last = std::max(last, e.reply->number);
    }
    for (const auto& t : phone_.transactions) {
      for (const auto& s : t.sends) last = std::max(last, s.number);
      for (const auto& r : t.responses) last = std::max(last, r.packet.number);
    }
    for (const auto& c : phone_.connections) {
      last = std::max(last, c.syn.number);
      if (c.closed) last = std::max(last, c.closed->number);
    }
    return last;
  }

  // `label` + `text` at `indent`, carried under the text at the terminal's
  // width (whole on a pipe, for grep).
  void wrapped(std::size_t indent, std::string_view label, std::string_view text)
  {
    out_ += wrap_text(std::string(indent, ' ') + std::string(label), text, indent + label.size());
  }

  void line(std::size_t indent, std::string_view text)
  {
    out_.append(indent, ' ');
    out_ += text;
    out_ += '\n';
  }

  // "#12    +0.500  text": a packet's row of a section.
  void packet_row(std::size_t indent, const PacketMark& packet, std::string_view text)
  {
    line(indent, fmt::format("{:<{}}{:<9} {}", label(packet), label_width_, at(packet), text));
  }
  // A row continuing the one above, under its text.
  void continued(std::size_t indent, std::string_view text) { line(indent + label_width_ + 10, text); }

  void headline()
  {
    const ExitStatus status = phone_status(phone_);
    std::string text = fmt::format("phone {}: {}", phone_.phone.to_string(), paint(verdict_words(phone_), status_color(status)));
    if (phone_.root_cause) {
      const auto& kind = util::finding_kind(*phone_.root_cause);
      text += phone_.verdict == PhoneVerdict::recovered ? " after " : "  ";
      text += kind.code;
    }
    line(0, text);
    std::string summary = fmt::format("from {} ({}); {} REGISTER transaction{}", label(start_),
                                      capture_clock(start_.time), phone_.registers, phone_.registers == 1 ? "" : "s");
    if (phone_.registrations_failed > 0) summary += fmt::format(", {} failed", phone_.registrations_failed);
    line(2, summary);
    if (const auto visit = registered_visit(phone_)) {
      line(2, "registered with " + endpoint(visit->server, visit->protocol, visit->tls));
    }
  }

  void dns()
  {
    if (phone_.dns.empty()) return;
    out_ += '\n';
    line(2, paint("DNS", Color::bold));
    if (phone_.omitted_dns > 0) {
      line(4, fmt::format("({} exchanges between the first and the last ones shown are counted, not kept)", phone_.omitted_dns));
    }
    for (const DnsExchange& e : phone_.dns) exchange(e);
  }

  void exchange(const DnsExchange& e)
  {
    if (e.queries.empty()) return;
    std::string text = fmt::format("{} {} to {}", dns::rr_type_name(e.question.type), shown(e.question.name),
                                   endpoint(e.server, e.protocol));
    if (e.answer) {
      const Color color = e.answer->outcome == dns::Outcome::noerror ? Color::green : Color::red;
      text += "  " + paint(dns::outcome_name(e.answer->outcome), color) + round_trip(e.answer->elapsed);
      if (e.reply) text += " (" + label(*e.reply) + ")";
    } else {
      text += "  " + paint("no reply", Color::red);
    }
    packet_row(4, e.queries.front(), text);
    if (e.queries.size() > 1) {
      std::string retries;
      for (std::size_t r = 1; r < e.queries.size(); ++r) {
        retries += fmt::format("{}{} +{}", retries.empty() ? "" : ", ", label(e.queries[r]),
                               seconds_between(e.queries.front(), e.queries[r]));
      }
      continued(4, fmt::format("{} retr{}: {}", e.queries.size() - 1, e.queries.size() == 2 ? "y" : "ies", retries));
    }
    if (!e.answer) return;
    for (const dns::Record& record : e.answer->records) continued(4, shown(dns::record_text(record)));
    if (e.answer->negative_ttl) continued(4, fmt::format("negative TTL {} s", *e.answer->negative_ttl));
    if (e.answer->truncated) continued(4, "truncated (TC): the question must be asked again over TCP");
    if (!e.answer->problem.empty()) continued(4, paint(shown(e.answer->problem), Color::red));
  }

  void transactions()
  {
    if (phone_.transactions.empty()) return;
    out_ += '\n';
    line(2, paint("SIP", Color::bold));
    if (phone_.omitted_transactions > 0) {
      line(4, fmt::format("({} transactions between the first and the last ones shown are counted, not kept)",
                          phone_.omitted_transactions));
    }
    for (const SipTransaction& t : phone_.transactions) transaction(t);
  }

  void transaction(const SipTransaction& t)
  {
    if (t.sends.empty()) return;
    std::string text = fmt::format("{} {} to {}  ", shown(t.method), shown(t.request_uri), endpoint(t.server, t.protocol));
    std::string end = transaction_end_name(t.end);
    const std::string final_code = final_response(t);
    if (!final_code.empty()) end += " " + final_code;
    packet_row(4, t.sends.front(), text + paint(end, end_color(t.end)));
    std::string sends;
    for (const PacketMark& send : t.sends) {
      sends += fmt::format("{}{} +{}", sends.empty() ? "" : ", ", label(send), seconds_between(t.sends.front(), send));
    }
    continued(4, fmt::format("{} send{}: {}", t.sends.size(), t.sends.size() == 1 ? "" : "s", sends));
    if (t.expires_asked) continued(4, fmt::format("expires asked {} s{}", *t.expires_asked, t.has_credentials ? ", with credentials" : ""));
    for (const SipResponseSeen& r : t.responses) {
      std::string response = fmt::format("{} +{}  {} {}", label(r.packet), seconds_between(t.sends.front(), r.packet),
                                         r.code, shown(r.reason));
      if (r.granted_expires) response += fmt::format("  expires {} s granted", *r.granted_expires);
      if (r.retry_after) response += fmt::format("  Retry-After {} s", *r.retry_after);
      if (r.challenge) response += "  challenge";
      continued(4, response);
    }
    if (t.responses.empty()) continued(4, "no response");
  }

  void servers()
  {
    if (phone_.visits.empty()) return;
    out_ += '\n';
    line(2, paint("servers in the order tried", Color::bold));
    if (phone_.omitted_visits > 0) line(4, fmt::format("({} stays between the first and the last ones shown are counted, not kept)", phone_.omitted_visits));
    std::size_t index = 0;
    for (const ServerVisit& v : phone_.visits) {
      std::string end = transaction_end_name(v.end);
      if (v.final_code != 0) end += fmt::format(" {}", v.final_code);
      line(4, fmt::format("{}  {}  {}-{}  {} REGISTER{}, last {}", ++index, endpoint(v.server, v.protocol, v.tls),
                          label(v.first), label(v.last), v.transactions, v.transactions == 1 ? "" : "s",
                          paint(end, end_color(v.end))));
    }
  }

  void changes()
  {
    if (phone_.changes.empty()) return;
    out_ += '\n';
    line(2, paint("failovers and failbacks", Color::bold));
    if (phone_.omitted_changes > 0) line(4, fmt::format("({} changes between the first and the last ones shown are counted, not kept)", phone_.omitted_changes));
    for (const ServerChange& c : phone_.changes) {
      const Color color = c.kind == ServerChangeKind::failover ? Color::yellow : Color::none;
      packet_row(4, c.packet, fmt::format("{} {} -> {}: {}", paint(server_change_kind_name(c.kind), color),
                                          c.from.to_string(), c.to.to_string(), shown(c.why)));
      continued(4, "at " + capture_clock(c.packet.time));
    }
  }

  void connections()
  {
    if (phone_.connections.empty()) return;
    out_ += '\n';
    line(2, paint("connections", Color::bold));
    if (phone_.omitted_connections > 0) line(4, fmt::format("({} connections between the first and the last ones shown are counted, not kept)", phone_.omitted_connections));
    for (const ConnectionAttempt& c : phone_.connections) {
      packet_row(4, c.syn, fmt::format("{} to {}", c.tls ? "TLS" : "TCP", c.server.to_string()));
      std::vector<std::string> steps;
      steps.push_back(c.established ? "connected (" + label(*c.established) + ")" : "no SYN-ACK");
      if (c.tls) {
        std::string hello = "ClientHello";
        if (!c.server_name.empty()) hello += " SNI " + shown(c.server_name);
        if (c.offered_version != 0) hello += ", offers up to " + pcap::tls_version_name(c.offered_version);
        steps.push_back(hello);
        if (c.server_hello) {
          steps.push_back(fmt::format("ServerHello {} ({})", pcap::tls_version_name(c.chosen_version), label(*c.server_hello)));
        } else {
          steps.push_back("no ServerHello");
        }
        if (c.alert) {
          const bool from_phone = c.alert->flow.source == c.client;
          steps.push_back(paint(fmt::format("{} from the {} ({})", tls_alert_text(*c.alert), from_phone ? "phone" : "server",
                                            label(PacketMark{c.syn.file, c.alert->packet.number, c.alert->packet.time})),
                                Color::red));
        }
      }
      if (c.closed) {
        steps.push_back(fmt::format("{} by the {} ({})", c.reset ? "reset" : "closed", c.closed_by_phone ? "phone" : "server",
                                    label(*c.closed)));
      }
      for (const std::string& step : steps) continued(4, step);
    }
  }

  void findings()
  {
    if (phone_.findings.empty()) return;
    out_ += '\n';
    line(2, paint("findings", Color::bold));
    for (const StoryFinding& f : phone_.findings) {
      const auto& kind = util::finding_kind(f.code);
      std::string head = fmt::format("{}  {}", paint(util::severity_name(f.severity), severity_color(f.severity)), kind.code);
      if (f.count > 1) head += fmt::format(" (x{})", f.count);
      if (!f.evidence.empty()) head += "  " + packet_list(story_, f.evidence);
      line(4, head);
      wrapped(6, "", f.text.empty() ? std::string(kind.summary) : shown_sentence(f.text));
      if (!f.observed.empty()) wrapped(6, "observed: ", shown_sentence(f.observed));
      if (!f.expected.empty()) wrapped(6, "expected: ", shown_sentence(f.expected));
      wrapped(6, "source:   ", f.source.empty() ? std::string(kind.source) : shown_sentence(f.source));
      wrapped(6, "fix:      ", std::string(kind.fix));
    }
  }

  void verdict()
  {
    out_ += '\n';
    const ExitStatus status = phone_status(phone_);
    std::string text = "verdict: " + paint(verdict_words(phone_), status_color(status));
    if (const auto visit = registered_visit(phone_)) text += " (registered with " + visit->server.to_string() + ")";
    line(2, text);
    if (!phone_.root_cause) return;
    const auto& kind = util::finding_kind(*phone_.root_cause);
    const Severity severity = kind.severity_in(util::Reporter::parse_pcap);
    line(2, fmt::format("root cause: {} ({})", paint(kind.code, severity_color(severity)), util::severity_name(severity)));
    line(4, std::string(kind.summary));
    if (*phone_.root_cause != util::FindingCode::registered_ok) line(4, "fix: " + std::string(kind.fix));
  }

  // --explain: every packet of the story in capture order, each with its note.
  struct PacketLine {
    PacketMark packet;
    std::string what;
    std::string note;
  };

  void packet_lines()
  {
    std::vector<PacketLine> lines;
    for (const DnsExchange& e : phone_.dns) dns_lines(e, lines);
    for (const SipTransaction& t : phone_.transactions) sip_lines(t, lines);
    for (const ConnectionAttempt& c : phone_.connections) connection_lines(c, lines);
    std::stable_sort(lines.begin(), lines.end(), [](const PacketLine& x, const PacketLine& y) {
      return std::tie(x.packet.file, x.packet.number) < std::tie(y.packet.file, y.packet.number);
    });
    out_ += '\n';
    line(2, paint("packets", Color::bold));
    for (const PacketLine& l : lines) {
      packet_row(4, l.packet, l.what);
      continued(4, paint("-> " + l.note, Color::cyan));
    }
  }

  void dns_lines(const DnsExchange& e, std::vector<PacketLine>& lines) const
  {
    const std::string question = fmt::format("{} {}", dns::rr_type_name(e.question.type), shown(e.question.name));
    for (std::size_t i = 0; i < e.queries.size(); ++i) {
      const std::string what = fmt::format("{} -> {}  DNS query {}", e.client.to_string(), e.server.to_string(), question);
      const std::string note = i == 0 ? fmt::format("the phone asks {} for {} (id {})", e.server.to_string(), question, e.id)
                                      : fmt::format("retry {}: no reply {} s after the first query", i,
                                                    seconds_between(e.queries.front(), e.queries[i]));
      lines.push_back({e.queries[i], what, note});
    }
    if (e.reply && e.answer) {
      const std::string what = fmt::format("{} -> {}  DNS reply {}, {} record{}", e.server.to_string(), e.client.to_string(),
                                           dns::outcome_name(e.answer->outcome), e.answer->records.size(),
                                           e.answer->records.size() == 1 ? "" : "s");
      std::string note = fmt::format("answers {}{}", question, round_trip(e.answer->elapsed));
      if (const auto ttl = e.answer->ttl()) note += fmt::format("; a cache keeps it {} s", *ttl);
      lines.push_back({*e.reply, what, note});
    }
  }

  void sip_lines(const SipTransaction& t, std::vector<PacketLine>& lines) const
  {
    for (std::size_t i = 0; i < t.sends.size(); ++i) {
      const std::string what = fmt::format("{} -> {}  {} {} CSeq {}", t.client.to_string(), t.server.to_string(),
                                           shown(t.method), shown(t.request_uri), t.cseq);
      const std::string note = i == 0 ? fmt::format("new {} transaction to {} (branch {})", shown(t.method),
                                                    endpoint(t.server, t.protocol), shown(t.branch))
                                      : fmt::format("retransmission {}, {} s after the first send", i,
                                                    seconds_between(t.sends.front(), t.sends[i]));
      lines.push_back({t.sends[i], what, note});
    }
    for (const SipResponseSeen& r : t.responses) {
      const std::string what = fmt::format("{} -> {}  {} {}", t.server.to_string(), t.client.to_string(), r.code, shown(r.reason));
      std::string note;
      if (r.code < 200) {
        note = "provisional: the server is working on the " + shown(t.method);
      } else if (r.challenge) {
        note = "challenge: the phone must send the request again with credentials";
      } else if (r.code < 300) {
        note = "success" + (r.granted_expires ? fmt::format(": registered for {} s", *r.granted_expires) : std::string());
      } else {
        note = fmt::format("the server refuses the {}", shown(t.method));
      }
      lines.push_back({r.packet, what, fmt::format("{} ({} s after the first send)", note, seconds_between(t.sends.front(), r.packet))});
    }
  }

  void connection_lines(const ConnectionAttempt& c, std::vector<PacketLine>& lines) const
  {
    const std::string kind = c.tls ? "TLS" : "TCP";
    lines.push_back({c.syn, fmt::format("{} -> {}  SYN", c.client.to_string(), c.server.to_string()),
                     fmt::format("the phone opens a {} connection to {}", kind, c.server.to_string())});
    if (c.established) {
      lines.push_back({*c.established, fmt::format("{} -> {}  SYN-ACK", c.server.to_string(), c.client.to_string()),
                       "the server accepts the connection"});
    }
    if (c.server_hello) {
      lines.push_back({*c.server_hello, fmt::format("{} -> {}  TLS ServerHello", c.server.to_string(), c.client.to_string()),
                       "the server chose " + pcap::tls_version_name(c.chosen_version)});
    }
    if (c.alert) {
      const bool from_phone = c.alert->flow.source == c.client;
      lines.push_back({PacketMark{c.syn.file, c.alert->packet.number, c.alert->packet.time},
                       fmt::format("{} -> {}  TLS {}", c.alert->flow.source.to_string(), c.alert->flow.destination.to_string(),
                                   tls_alert_text(*c.alert)),
                       fmt::format("the {} ends the handshake", from_phone ? "phone" : "server")});
    }
    if (c.closed) {
      const auto& from = c.closed_by_phone ? c.client : c.server;
      const auto& to = c.closed_by_phone ? c.server : c.client;
      lines.push_back({*c.closed, fmt::format("{} -> {}  {}", from.to_string(), to.to_string(), c.reset ? "RST" : "FIN"),
                       fmt::format("the {} closes the connection", c.closed_by_phone ? "phone" : "server")});
    }
  }

  const CaptureStory& story_;
  const PhoneStory& phone_;
  const PcapTextStyle& style_;
  PacketMark start_;
  std::size_t label_width_ = 6;
  std::string out_;
};

} // namespace

std::string capture_clock(const pcap::CaptureTime& time)
{
  const auto ns = time.time_since_epoch().count();
  const std::time_t seconds = static_cast<std::time_t>(ns / 1'000'000'000);
  const auto millis = static_cast<int>((ns % 1'000'000'000) / 1'000'000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03} UTC", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

std::string pcap_phone_text(const CaptureStory& story, const PhoneStory& phone, const PcapTextStyle& style)
{
  return PhoneWriter(story, phone, style).render();
}

std::string pcap_phone_tally(const CaptureStory& story)
{
  // Verdicts in the order parse-log's tally uses: how well it went, best first.
  constexpr PhoneVerdict order[] = {PhoneVerdict::registered, PhoneVerdict::recovered, PhoneVerdict::failed,
                                    PhoneVerdict::no_registration, PhoneVerdict::unfinished};
  std::string text = fmt::format("{} phone{}:", story.phones.size(), story.phones.size() == 1 ? "" : "s");
  bool first = true;
  for (PhoneVerdict verdict : order) {
    std::size_t count = 0;
    std::map<std::string, std::size_t> causes;
    for (const PhoneStory& phone : story.phones) {
      if (phone.verdict != verdict) continue;
      ++count;
      if (verdict != PhoneVerdict::registered && phone.root_cause) ++causes[std::string(util::finding_kind(*phone.root_cause).code)];
    }
    if (count == 0) continue;
    std::vector<std::pair<std::string, std::size_t>> sorted(causes.begin(), causes.end());
    // Most frequent first; ties by code, so the line never depends on capture order.
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    std::string named;
    for (const auto& [code, n] : sorted) named += fmt::format("{}{} {}", named.empty() ? "" : ", ", code, n);
    std::string word = verdict_code(verdict);
    std::replace(word.begin(), word.end(), '_', ' ');
    text += fmt::format("{} {} {}{}", first ? "" : ",", count, word, named.empty() ? "" : " (" + named + ")");
    first = false;
  }
  return text;
}

std::string pcap_story_text(const CaptureStory& story, const PcapTextStyle& style)
{
  std::string out;
  std::string files;
  for (const std::string& file : story.files) files += (files.empty() ? "" : ", ") + shown(file);
  out += fmt::format("capture {}: {} packets, {} DNS and {} SIP messages, {} phone{}\n", files, story.packets,
                     story.dns_messages, story.sip_messages, story.phones.size(), story.phones.size() == 1 ? "" : "s");
  for (const CaptureNote& note : story.notes) {
    out += fmt::format("  {}: {}: {}\n", packet_label(story, note.packet), pcap::note_kind_name(note.kind), shown(note.text));
  }
  if (story.omitted_notes > 0) out += fmt::format("  ({} more notes counted, not kept)\n", story.omitted_notes);
  if (story.phones_not_followed > 0) {
    out += fmt::format("  {} more SIP client addresses not followed (the limit of phones per run)\n", story.phones_not_followed);
  }
  if (story.phones.empty()) {
    const auto& kind = util::finding_kind(util::FindingCode::capture_no_sip);
    out += fmt::format("\nno phone: {}\n  {}\n  fix: {}\n", kind.code, kind.summary, kind.fix);
  }
  for (const PhoneStory& phone : story.phones) out += "\n" + pcap_phone_text(story, phone, style);
  if (story.phones.size() > 1) out += "\n" + pcap_phone_tally(story) + "\n";
  return out;
}

} // namespace sipfo::render
