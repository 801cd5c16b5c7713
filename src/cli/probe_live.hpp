#pragma once
// Live rows for `sipfo probe` on a terminal (design §2, §4): the header at once,
// then one row per target as its result arrives, in arrival order; when the
// run ends the rows are erased and the ordered table takes their place (if
// they scrolled off the screen, the table follows them instead). Only for text
// output on a terminal; --sip-trace is its own live view and turns it off.

#include "probe_progress.hpp"

#include "sipfo/probe/target_result.hpp"

#include <cstddef>
#include <cstdio>
#include <string>

namespace sipfo::cli {

// "  P1:1  10.0.0.1:5060/udp  up  OPTIONS 200 OK 12ms  REGISTER 401 ... 3ms":
// one target's row before the active server is known (no `*` yet).
// `pivot`: ranks as P<n> (CS-18-09's SIP status screen).
std::string live_row(const probe::TargetResult& result, bool pivot);

class LiveRows {
public:
  // Shows rows when `enabled` and `out` is a terminal; `progress` is erased
  // before each row, since both share the screen.
  LiveRows(std::FILE* out, bool enabled, bool color, bool pivot, ProgressLine& progress);

  bool active() const noexcept { return enabled_; }
  // Prints `text` (the header) at once.
  void print(const std::string& text);
  void add(const probe::TargetResult& result);
  // Takes the rows off the screen, when they are all still on it.
  void erase();

private:
  std::FILE* out_;
  bool enabled_;
  bool color_;
  bool pivot_;
  ProgressLine& progress_;
  std::size_t rows_ = 0;     // lines printed by add()
  std::size_t columns_ = 80; // the terminal's size, rows are cut to fit one line
  std::size_t height_ = 24;
};

} // namespace sipfo::cli
