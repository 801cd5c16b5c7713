#include "probe_interrupt.hpp"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>

namespace sipfo::cli {

namespace {

sigset_t interrupt_signals()
{
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

} // namespace

InterruptWatch::InterruptWatch()
{
  const sigset_t set = interrupt_signals();
  pthread_sigmask(SIG_BLOCK, &set, &old_mask_);
  fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

InterruptWatch::~InterruptWatch()
{
  if (fd_ >= 0) ::close(fd_);
  if (!released_) pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

bool InterruptWatch::wait(std::chrono::milliseconds timeout)
{
  if (interrupted_ || fd_ < 0) return interrupted_;
  pollfd pfd{fd_, POLLIN, 0};
  const auto ms = static_cast<int>(std::clamp<long long>(timeout.count(), 0, 24LL * 3600 * 1000));
  if (::poll(&pfd, 1, ms) > 0 && (pfd.revents & POLLIN) != 0) {
    signalfd_siginfo info{};
    if (::read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      interrupted_ = true;
      signal_ = static_cast<int>(info.ssi_signo);
    }
  }
  return interrupted_;
}

void InterruptWatch::release()
{
  if (released_) return;
  released_ = true;
  const sigset_t set = interrupt_signals();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

} // namespace sipfo::cli
