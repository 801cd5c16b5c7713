#include "parse_log_text.hpp"

#include "parse_log_verdict.hpp"

#include "sipfo/applog/attempt_chain.hpp"
#include "sipfo/applog/root_cause.hpp"
#include "sipfo/render/terminal.hpp"
#include "sipfo/render/text_table.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sipfo::cli {

namespace {

using namespace sipfo::applog;
using render::Color;

// Log text is untrusted: control bytes (terminal escapes) and invalid UTF-8 are
// shown escaped, by the one function every command uses.
std::string printable(std::string_view text)
{
  return util::printable(text);
}

Color outcome_color(Outcome outcome)
{
  switch (outcome) {
  case Outcome::registered: return Color::green;
  case Outcome::failed: return Color::red;
  case Outcome::unknown: return Color::yellow;
  }
  return Color::none;
}

Color outcome_color(FileOutcome outcome)
{
  switch (outcome) {
  case FileOutcome::registered: return Color::green;
  case FileOutcome::recovered: return Color::yellow;
  case FileOutcome::failed: return Color::red;
  case FileOutcome::unknown: return Color::yellow;
  case FileOutcome::unreadable: return Color::red;
  }
  return Color::none;
}

// "PATH: FAILED  dns_name_missing", "PATH: RECOVERED after dns_name_missing".
std::string headline(const FileReport& report, bool color)
{
  const FileVerdict verdict = verdict_of(report);
  std::string text = printable(report.path) + ": " +
                     render::paint(headline_word(verdict.outcome), outcome_color(verdict.outcome), color);
  if (verdict.outcome == FileOutcome::recovered) {
    text += verdict.cause ? " after " + std::string(rule_of(*verdict.cause).code())
                          : std::string(" after a failure in a summarised boot");
  } else if (verdict.cause) {
    text += "  " + std::string(rule_of(*verdict.cause).code());
  }
  return text;
}

// Digits of the largest line number in the file: the line-number columns are this
// wide (at least as wide as they always were), so "L7472815" never runs into its text.
std::size_t line_number_digits(const FileReport& report)
{
  return std::to_string(report.stats.lines).size();
}

std::string join_lines(const std::vector<std::uint64_t>& lines)
{
  std::string text;
  for (std::uint64_t line : lines) text += (text.empty() ? "" : ", ") + std::to_string(line);
  return text;
}

class Writer {
public:
  Writer(const FileReport& report, const TextStyle& style) : report_(report), style_(style) {}

  std::string render()
  {
    header();
    if (report_.error) return out_;
    for (std::size_t i = 0; i < report_.boots.size(); ++i) {
      boot(report_.boots[i], report_.boots_dropped + i + 1);
    }
    verdict();
    return out_;
  }

private:
  std::string paint(std::string_view text, Color color) const { return render::paint(text, color, style_.color); }
  std::string stamp(const std::string& raw) const { return format_stamp(raw, report_.stats.time_format); }

  void line(std::size_t indent, std::string_view text)
  {
    out_.append(indent, ' ');
    out_ += text;
    out_ += '\n';
  }

  void header()
  {
    line(0, headline(report_, style_.color));
    if (report_.error) {
      line(2, printable(*report_.error));
      return;
    }
    const LogStats& s = report_.stats;
    const std::size_t boots = report_.boots.size() + report_.boots_dropped;
    line(2, fmt::format("{} lines, {} boot{}, timestamps {}{}", s.lines, boots, boots == 1 ? "" : "s",
                        describe_time_format(s.time_format), report_.snapshot ? ", snapshot (-now-app.log)" : ""));
    for (const std::string& warning : report_.warnings) line(2, paint("warning: ", Color::yellow) + printable(warning));
  }

  void boot(const Boot& b, std::size_t index)
  {
    out_ += '\n';
    line(0, paint(fmt::format("boot {}", index), Color::bold) +
              fmt::format("  lines {}-{}  ({})", b.first_line, b.last_line, to_string(b.start)));
    if (b.attempts_dropped > 0) {
      line(2, fmt::format("{} earlier attempt(s) not shown; {} failed attempt(s) in this boot", b.attempts_dropped,
                          b.failures));
    }
    if (style_.explain == ExplainLines::yes) {
      explain(b);
    } else {
      for (std::size_t i = 0; i < b.attempts.size(); ++i) {
        const Attempt& a = b.attempts[i];
        const bool full = !a.failures.empty() || i + 1 == b.attempts.size() || a.diagnosis.has_value();
        attempt(a, b.attempts_dropped + i + 1, full);
      }
      if (b.attempts.empty()) line(2, "no registration attempt logged");
    }
    if (b.ready_line != 0) line(2, fmt::format("L{}  ready for call after {} s", b.ready_line, b.uptime));
    if (b.diagnosis) {
      line(2, fmt::format("boot {}: {}  {}", index, paint(to_string(b.outcome), outcome_color(b.outcome)),
                          rule_of(b.diagnosis->cause).code()));
    }
  }

  std::string attempt_title(const Attempt& a, std::size_t index) const
  {
    std::string who;
    if (!a.user.empty()) who = " user " + printable(a.user);
    if (a.line_index >= 0) who += fmt::format(" (line index {})", a.line_index);
    if (!a.configured_name.empty()) who += ", server " + printable(a.configured_name);
    std::string result = paint(to_string(a.outcome), outcome_color(a.outcome));
    if (a.outcome == Outcome::registered && !a.active.empty()) {
      result += " to " + printable(a.active) + (a.success_inferred ? " (inferred)" : "");
    }
    if (a.outcome == Outcome::failed && !a.failures.empty()) {
      result += fmt::format(" {} {}", a.failures.back().code, printable(a.failures.back().reason));
    }
    const std::string name = index == 0 ? std::string("attempt") : fmt::format("attempt {}", index);
    return fmt::format("{}  L{}{}: {}", name, a.first_line, who, result);
  }

  void attempt(const Attempt& a, std::size_t index, bool full)
  {
    line(2, attempt_title(a, index));
    if (!full) return;
    struct Item {
      std::uint64_t line;
      std::vector<std::string> rows;
    };
    std::vector<Item> items;
    for (const DnsLookup& lookup : a.lookups) {
      items.push_back({lookup.start_line != 0 ? lookup.start_line : lookup.result_line, lookup_rows(lookup)});
    }
    if (a.register_line != 0) items.push_back({a.register_line, {"Sip Register"}});
    if (a.a_step_line != 0) items.push_back({a.a_step_line, {fmt::format("A lookup only, port {}", a.explicit_port)}});
    if (a.chain_done_line != 0) items.push_back({a.chain_done_line, {"name resolved: candidates ready"}});
    if (a.naptr_empty_line != 0) items.push_back({a.naptr_empty_line, {"sip: NAPTR gave no results"}});
    if (a.no_address_line != 0) {
      items.push_back({a.no_address_line, {"sip: no address found for " + printable(a.reported_host)}});
    }
    for (const SipStep& step : a.sip_steps) items.push_back({step.line, {"sip: " + printable(step.summary)}});
    for (const SipFailure& f : a.failures) {
      items.push_back({f.line, {paint(fmt::format("Registration failed {} {}", f.code, printable(f.reason)), Color::red)}});
    }
    if (a.success_line != 0) {
      items.push_back({a.success_line,
                       {paint(a.success_inferred ? "uses " + printable(a.active) + ": registered (inferred)"
                                                 : "registered to " + printable(a.active),
                              Color::green)}});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& x, const Item& y) { return x.line < y.line; });
    // "L" and the digits, then at least two blanks.
    const std::size_t width = std::max<std::size_t>(7, 1 + line_number_digits(report_) + 2);
    for (const Item& item : items) {
      const std::string number = item.line == 0 ? std::string("L?") : fmt::format("L{}", item.line);
      line(4, fmt::format("{:<{}}{}", number, width, item.rows.front()));
      for (std::size_t r = 1; r < item.rows.size(); ++r) line(4, fmt::format("{:<{}}  {}", "", width, item.rows[r]));
    }
    candidates(a);
    if (a.diagnosis) diagnosis(*a.diagnosis, 4);
  }

  std::vector<std::string> lookup_rows(const DnsLookup& lookup) const
  {
    std::string head = fmt::format("{} {}", to_string(lookup.type), printable(lookup.name));
    if (lookup.cache == CacheUse::miss) head += "  cache miss";
    if (lookup.cache == CacheUse::hit) head += fmt::format("  cache hit (expires in {} s)", lookup.cache_expires);
    std::string result;
    switch (lookup.outcome) {
    case DnsOutcome::answered:
      if (!lookup.addresses.empty()) {
        for (const std::string& address : lookup.addresses) result += (result.empty() ? "" : " ") + printable(address);
      } else {
        result = "NOERROR";
      }
      if (lookup.ttl >= 0) result += fmt::format(" TTL {}", lookup.ttl);
      break;
    case DnsOutcome::negative_cache:
      result = fmt::format("NEGATIVE CACHE hit (expires in {} s, no query)", lookup.cache_expires);
      break;
    case DnsOutcome::pending: result = "no result logged"; break;
    default:
      result = std::string(to_string(lookup.outcome));
      if (lookup.error_code >= 0) result += fmt::format(" (err code {})", lookup.error_code);
      break;
    }
    if (lookup.result_line != 0) result += fmt::format(" L{}", lookup.result_line);
    if (lookup.negative_ttl >= 0) result += fmt::format(", negative-cached {} s", lookup.negative_ttl);
    Color color = lookup.outcome == DnsOutcome::answered ? Color::none : Color::red;
    if (!lookup.related) {
      color = Color::dim;
      result += "  [unrelated to the SIP server]";
    }
    std::vector<std::string> rows{head + "  " + paint(result, color)};
    for (const NaptrRecord& r : lookup.naptr) {
      rows.push_back(fmt::format("NAPTR order {} pref {} flags '{}' service '{}' replacement '{}'", r.order, r.preference,
                                 printable(r.flags), printable(r.service), printable(r.replacement)));
    }
    for (const SrvRecord& r : lookup.srv) {
      rows.push_back(fmt::format("SRV priority {} weight {} port {} target {}", r.priority, r.weight, r.port,
                                 printable(r.target)));
    }
    return rows;
  }

  void candidates(const Attempt& a)
  {
    if (a.candidates.empty()) {
      if (!a.lookups.empty() || !a.failures.empty()) line(4, "candidates: none");
      return;
    }
    line(4, "candidates (try order):");
    render::TextTable table({"rank", "address", "port", "transport", "priority", "weight", "target"});
    std::size_t rank = 0;
    for (const Candidate& c : a.candidates) {
      const bool active = !a.active.empty() && c.address == a.active;
      table.add_row({fmt::format("{}{}", ++rank, active ? " *" : ""),
                     c.address.empty() ? paint("no address", Color::red) : printable(c.address), std::to_string(c.port),
                     std::string(transport_name(c.transport)), c.priority < 0 ? "-" : std::to_string(c.priority),
                     c.weight < 0 ? "-" : std::to_string(c.weight), printable(c.target)});
    }
    out_ += table.render(6);
  }

  void diagnosis(const Diagnosis& d, std::size_t indent)
  {
    const RootCauseRule& rule = rule_of(d.cause);
    const Color color = rule.severity() == Severity::error ? Color::red
                        : rule.severity() == Severity::warning ? Color::yellow
                                                             : Color::green;
    line(indent, fmt::format("root cause: {} ({})", paint(rule.code(), color), to_string(rule.severity())));
    line(indent + 2, printable(d.message));
    if (!d.evidence_lines.empty()) line(indent + 2, "evidence: lines " + join_lines(d.evidence_lines));
    if (!d.missing.empty()) line(indent + 2, "missing: " + d.missing);
    if (d.cause != RootCause::registered_ok) line(indent + 2, "fix: " + std::string(rule.fix()));
  }

  void explain(const Boot& b)
  {
    std::vector<const ExplainLine*> lines;
    for (const Attempt& a : b.attempts) {
      for (const ExplainLine& l : a.explain) lines.push_back(&l);
    }
    for (const ExplainLine& l : b.loose) lines.push_back(&l);
    std::stable_sort(lines.begin(), lines.end(), [](const ExplainLine* x, const ExplainLine* y) { return x->line < y->line; });
    const std::size_t width = std::max<std::size_t>(6, line_number_digits(report_));
    for (const ExplainLine* l : lines) {
      // Without timestamps (CS-14-17's stripped form) the first field is only a label.
      const bool timed = !l->stamp.empty() && report_.stats.time_format != TimeFormat::none;
      const std::string time = timed ? stamp(l->stamp) + " " : std::string();
      line(2, fmt::format("{:>{}}  {}{}|{}| {}", l->line, width, printable(time), printable(l->module), l->level,
                          printable(l->text)));
      line(2, fmt::format("{:>{}}  {}", "", width, paint("-> " + printable(l->note), Color::cyan)));
    }
    for (const Attempt& a : b.attempts) {
      if (a.explain_dropped > 0) line(2, fmt::format("({} more lines of the attempt at L{} not kept)", a.explain_dropped, a.first_line));
    }
    for (const Attempt& a : b.attempts) {
      if (a.diagnosis && (!a.failures.empty() || &a == &b.attempts.back())) {
        line(2, attempt_title(a, 0));
        diagnosis(*a.diagnosis, 4);
      }
    }
  }

  void verdict()
  {
    out_ += '\n';
    std::string text = fmt::format("verdict: {}", paint(to_string(report_.outcome), outcome_color(report_.outcome)));
    if (!report_.active.empty()) text += " (active server " + printable(report_.active) + ")";
    if (report_.failure_in_file && report_.outcome == Outcome::registered) text += ", after a failure";
    line(0, text);
    if (report_.diagnosis) diagnosis(*report_.diagnosis, 2);
  }

  const FileReport& report_;
  const TextStyle& style_;
  std::string out_;
};

} // namespace

std::string render_parse_log_text(const FileReport& report, const TextStyle& style)
{
  return Writer(report, style).render();
}

std::string render_parse_log_brief(const FileReport& report, const TextStyle& style)
{
  return headline(report, style.color) + "\n";
}

} // namespace sipfo::cli
