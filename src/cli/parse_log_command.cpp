// `sipfo parse-log FILE...`: explain 84-Series app.log files (design §6, issue 4).

#include "command.hpp"
#include "output_options.hpp"
#include "parse_log_json.hpp"
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

enum class OutputFormat { text, json, json_lines };

struct ParseLogOptions {
  std::vector<std::string> inputs;
  OutputOptions output;    // --json, --json-lines
  bool explain = false;    // bound to --explain
  std::string time_format = "auto";
  unsigned jobs = 0; // 0 = one per core
};

OutputFormat output_format(const ParseLogOptions& options)
{
  switch (options.output.form()) {
  case OutputForm::json_lines: return OutputFormat::json_lines;
  case OutputForm::json: return OutputFormat::json;
  default: return OutputFormat::text;
  }
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
  parse_options.consumed = progress.counter();

  util::ExitStatus exit_status = util::ExitStatus::ok;
  std::vector<nlohmann::json> files;
  applog::BatchCallbacks callbacks;
  callbacks.on_tick = [&](std::size_t done) { progress.show(done); };
  callbacks.on_report = [&](std::size_t index, applog::FileReport report) {
    progress.clear();
    exit_status = util::worst(exit_status, report.exit_status);
    print_file_error(report);
    switch (format) {
    case OutputFormat::text:
      if (report.error) break;
      fmt::print("{}{}", index == 0 ? "" : "\n", render_parse_log_text(report, style));
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
    }
  };
  applog::parse_logs(paths, parse_options, options.jobs, callbacks);
  progress.clear();
  if (format == OutputFormat::json) fmt::print("{}\n", dump_json(parse_log_document(std::move(files), exit_status), 2));
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
                      .formats = {},
                      .json_help = "One JSON document on stdout (shape in sipfo-parse-log(1))",
                      .json_lines_help = "One JSON object per file, in input order, as each finishes"});
  command->add_flag("--explain", options->explain, "Every relevant line with its line number and a one-line note");
  command->add_option("--time-format", options->time_format,
                      "Timestamp type (log.render.type): auto, 0 (HHMMSS.mmm), 1 (YYMMDDHHMM), 2 (MMDDHHMMSS)")
    ->type_name("TYPE")
    ->check(CLI::IsMember({"auto", "0", "1", "2", "boot", "minute", "second"}));
  command->add_option("-j,--jobs", options->jobs, "Files parsed at once (default: one per core)")
    ->type_name("N")
    ->check(CLI::Range(0u, 1024u));
  command->callback([options, &context] { run_parse_log(*options, context); });
}

} // namespace sipfo::cli
