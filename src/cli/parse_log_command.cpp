// `sipfo parse-log FILE...`: explain 84-Series app.log files (design §6, issue 4).

#include "command.hpp"
#include "output_options.hpp"
#include "parse_log_json.hpp"
#include "parse_log_nagios.hpp"
#include "parse_log_tally.hpp"
#include "parse_log_text.hpp"

#include "sipfo/applog/input_paths.hpp"
#include "sipfo/applog/log_batch.hpp"
#include "sipfo/applog/log_parser.hpp"
#include "sipfo/render/terminal.hpp"
#include "sipfo/util/input_error.hpp"
#include "sipfo/util/printable.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace sipfo::cli {

namespace {

enum class OutputFormat { text, brief, json, json_lines, nagios };

struct ParseLogOptions {
  std::vector<std::string> inputs;
  OutputOptions output;    // --json, --json-lines
  bool explain = false;    // bound to --explain
  bool brief = false;      // bound to --brief
  std::string time_format = "auto";
  unsigned jobs = 0; // 0 = one per core
};

OutputFormat output_format(const ParseLogOptions& options)
{
  const OutputForm form = options.output.form();
  if (options.brief && form != OutputForm::text) {
    throw util::InputError("", "--brief, --json, --json-lines and --format=nagios exclude each other", "pick one");
  }
  if (options.explain && form == OutputForm::format) {
    throw util::InputError("", "--format=nagios and --explain exclude each other", "pick one");
  }
  switch (form) {
  case OutputForm::json_lines: return OutputFormat::json_lines;
  case OutputForm::json: return OutputFormat::json;
  case OutputForm::format: return OutputFormat::nagios; // the one --format besides text
  case OutputForm::text: break;
  }
  return options.brief ? OutputFormat::brief : OutputFormat::text;
}

constexpr std::uint64_t progress_threshold_bytes = 64ull << 20; // about 1 s of work

std::uint64_t total_size(const std::vector<std::string>& paths)
{
  std::uint64_t total = 0;
  for (const std::string& path : paths) {
    struct stat info {};
    if (path != "-" && ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
      total += static_cast<std::uint64_t>(info.st_size);
    }
  }
  return total;
}

// "parse-log: 3/8 files, 120/512 MiB" on stderr, redrawn in place; only on a TTY.
class Progress {
public:
  Progress(std::size_t files, std::uint64_t bytes)
    : files_(files), bytes_(bytes), enabled_(render::is_terminal(STDERR_FILENO) && bytes >= progress_threshold_bytes)
  {
  }
  std::atomic<std::uint64_t>* counter() { return enabled_ ? &consumed_ : nullptr; }

  void show(std::size_t done)
  {
    if (!enabled_) return;
    fmt::print(stderr, "\rparse-log: {}/{} files, {}/{} MiB ", done, files_, consumed_.load() >> 20, bytes_ >> 20);
    shown_ = true;
  }
  void clear()
  {
    if (shown_) fmt::print(stderr, "\r\033[K");
    shown_ = false;
  }

private:
  std::size_t files_;
  std::uint64_t bytes_;
  bool enabled_;
  bool shown_ = false;
  std::atomic<std::uint64_t> consumed_{0};
};

void print_file_error(const applog::FileReport& report)
{
  if (report.error) fmt::print(stderr, "sipfo: {}\n", util::printable(*report.error));
}

// The last line over many files (or with --brief): what they come to together.
void print_tally(OutputFormat format, const ParseLogTally& tally)
{
  switch (format) {
  case OutputFormat::text:
    if (tally.files() > 1) fmt::print("\n{}\n", tally.line());
    break;
  case OutputFormat::brief: fmt::print("{}\n", tally.line()); break;
  case OutputFormat::json:
  case OutputFormat::json_lines:
  case OutputFormat::nagios: break;
  }
}

void run_parse_log(const ParseLogOptions& options, Context& context)
{
  const auto time_format = applog::parse_time_format(options.time_format);
  if (!time_format) {
    throw util::InputError("", fmt::format("unknown --time-format '{}'", options.time_format),
                           "use auto, 0 (HHMMSS.mmm since boot), 1 (YYMMDDHHMM) or 2 (MMDDHHMMSS)");
  }
  const std::vector<std::string> paths = applog::expand_inputs(options.inputs);
  const OutputFormat format = output_format(options);
  const bool color = color_output(context, STDOUT_FILENO);
  const TextStyle style{color, options.explain ? ExplainLines::yes : ExplainLines::no};
  const ExplainJson explain_json = options.explain ? ExplainJson::yes : ExplainJson::no;

  Progress progress(paths.size(), total_size(paths));
  applog::ParseOptions parse_options;
  parse_options.time_format = *time_format;
  parse_options.explanations = options.explain ? applog::Explanations::kept : applog::Explanations::dropped;
  parse_options.consumed = progress.counter();

  util::ExitStatus exit_status = util::ExitStatus::ok;
  std::vector<nlohmann::json> files;
  ParseLogTally tally;
  std::vector<std::string> nagios_lines;
  applog::BatchCallbacks callbacks;
  callbacks.on_tick = [&](std::size_t done) { progress.show(done); };
  callbacks.on_report = [&](std::size_t index, applog::FileReport report) {
    progress.clear();
    exit_status = util::worst(exit_status, report.exit_status);
    tally.add(report);
    print_file_error(report);
    switch (format) {
    case OutputFormat::text:
      if (report.error) break;
      fmt::print("{}{}", index == 0 ? "" : "\n", render_parse_log_text(report, style));
      break;
    case OutputFormat::brief:
      // One line per file, an unreadable one too (its reason is on stderr).
      fmt::print("{}", render_parse_log_brief(report, style));
      std::fflush(stdout);
      break;
    case OutputFormat::json_lines: {
      nlohmann::json line = parse_log_file_json(report, explain_json);
      line["schema_version"] = parse_log_schema_version;
      line["command"] = "parse-log";
      fmt::print("{}\n", dump_json(line, -1));
      std::fflush(stdout);
      break;
    }
    case OutputFormat::json: files.push_back(parse_log_file_json(report, explain_json)); break;
    case OutputFormat::nagios: nagios_lines.push_back(parse_log_nagios_line(report)); break;
    }
  };
  applog::parse_logs(paths, parse_options, options.jobs, callbacks);
  progress.clear();
  print_tally(format, tally);
  if (format == OutputFormat::json) fmt::print("{}\n", dump_json(parse_log_document(std::move(files), exit_status), 2));
  if (format == OutputFormat::nagios) fmt::print("{}", parse_log_nagios(tally, exit_status, nagios_lines));
  context.exit_status = exit_status;
}

} // namespace

void add_parse_log_command(CLI::App& app, Context& context)
{
  auto options = std::make_shared<ParseLogOptions>();
  CLI::App* command = app.add_subcommand(
    "parse-log", "Explain 84-Series app.log files: each registration attempt, its DNS chain and why it failed");
  command->add_option("FILE", options->inputs, "app.log files, directories (their *app.log files) or - for stdin; gzip is read transparently")
    ->required();
  add_output_options(*command, options->output,
                     {.json_lines = true,
                      .formats = {"nagios"},
                      .json_help = "One JSON document on stdout (shape in sipfo-parse-log(1))",
                      .json_lines_help = "One JSON object per file, in input order, as each finishes"});
  auto* explain = command->add_flag("--explain", options->explain, "Every relevant line with its line number and a one-line note");
  command->add_flag("--brief", options->brief, "One line per file (its outcome and root cause), then the tally")
    ->excludes(explain);
  command->add_option("--time-format", options->time_format,
                      "Timestamp type (log.render.type): auto, 0 (HHMMSS.mmm), 1 (YYMMDDHHMM), 2 (MMDDHHMMSS)")
    ->type_name("TYPE")
    ->check(CLI::IsMember({"auto", "0", "1", "2", "boot", "minute", "second"}));
  command->add_option("-j,--jobs", options->jobs, "Files parsed at once (default: one per core)")
    ->type_name("N")
    ->check(CLI::Range(0u, 1024u));
  command->callback([options, &context] {
    try {
      run_parse_log(*options, context);
    } catch (const util::InputError& error) {
      // Nagios reads stdout: say UNKNOWN there too (stderr gets the usual line).
      if (options->output.is_format("nagios")) fmt::print("SIP LOG UNKNOWN - {}\n", error.what_is_wrong());
      throw;
    }
  });
}

} // namespace sipfo::cli
