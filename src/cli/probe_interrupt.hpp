#pragma once
// Ctrl-C (SIGINT) and SIGTERM as a file descriptor (signalfd), so `probe
// --watch` can sleep until the next round and still end cleanly on Ctrl-C,
// with no signal handler and no global state. While an InterruptWatch lives,
// the two signals are blocked in the calling thread and only read from it.

#include <signal.h>

#include <chrono>

namespace sipfo::cli {

class InterruptWatch {
public:
  InterruptWatch();
  ~InterruptWatch(); // restores the previous signal mask
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  // Waits up to `timeout` (0: just looks); true once an interrupt has arrived.
  bool wait(std::chrono::milliseconds timeout);
  // Readable while an interrupt waits to be read: for the probe engine's poll().
  int fd() const noexcept { return fd_; }
  // The signal that arrived (SIGINT, SIGTERM); 0 before.
  int signal_number() const noexcept { return signal_; }
  // After the first interrupt: give the signals their default action back, so
  // a second Ctrl-C ends the process at once.
  void release();

private:
  int fd_ = -1;
  bool interrupted_ = false;
  bool released_ = false;
  int signal_ = 0;
  sigset_t old_mask_{};
};

} // namespace sipfo::cli
