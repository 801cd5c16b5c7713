#include "probe_watch.hpp"

#include "probe_interrupt.hpp"

#include <fmt/format.h>

#include <string>

namespace sipfo::cli {

namespace {

void write(std::FILE* out, const std::string& text)
{
  std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
}

std::string round_output(const render::ProbeRun& run, const render::ProbeRun* previous, int round,
                         const WatchSettings& settings)
{
  const auto transitions = render::probe_transitions(previous ? &previous->probe : nullptr, run.probe);
  const auto now = std::chrono::system_clock::now();
  if (settings.output == ProbeOutput::json_lines) return render::transitions_json_lines(run, transitions, now, round);
  if (previous == nullptr) return render::probe_text(run, settings.color);
  return render::transitions_text(run, transitions, now, settings.color);
}

} // namespace

bool was_interrupted(const render::ProbeRun& run) noexcept
{
  for (const auto& c : run.probe.candidates) {
    if (c.result.not_probed == probe::NotProbed::interrupted) return true;
  }
  return false;
}

util::ExitStatus interrupted_status(int signal_number) noexcept
{
  return static_cast<util::ExitStatus>(128 + (signal_number > 0 ? signal_number : SIGINT));
}

util::ExitStatus watch_probes(const ProbeRound& round, const WatchSettings& settings, std::FILE* out,
                              std::FILE* notes)
{
  InterruptWatch interrupt;
  const RoundStop stop{interrupt.fd(), [&interrupt] { return interrupt.wait(std::chrono::milliseconds(0)); }};
  std::optional<render::ProbeRun> previous;
  for (int number = 1;; ++number) {
    const auto started = std::chrono::steady_clock::now();
    render::ProbeRun run = round(stop);
    if (was_interrupted(run)) {
      if (previous) {
        fmt::print(notes, "sipfo: interrupted; round {} was cut short and is not shown\n", number);
        break;
      }
      run.exit_status = interrupted_status(interrupt.signal_number());
      write(out, round_output(run, nullptr, number, settings));
      return run.exit_status;
    }
    write(out, round_output(run, previous ? &*previous : nullptr, number, settings));
    if (settings.written) settings.written(run);
    previous = std::move(run);
    if (settings.count && number >= *settings.count) break;
    const auto next = started + settings.period;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - std::chrono::steady_clock::now());
    if (interrupt.wait(std::max(wait, std::chrono::milliseconds(0)))) break;
  }
  return previous->exit_status;
}

} // namespace sipfo::cli
