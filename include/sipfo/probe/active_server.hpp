#pragma once
// Which candidate the handset would be registered to (the `*` of CS-18-09's
// SIP status screen), and the exit status that follows (design §4).

#include "sipfo/probe/exchange.hpp"
#include "sipfo/probe/status.hpp"
#include "sipfo/util/exit_status.hpp"

#include <cstdint>
#include <optional>
#include <span>

namespace sipfo::probe {

enum class RegisterCheck { off, on }; // --user given: REGISTER probes were sent

// What the choice needs to know about one candidate.
struct Standing {
  int rank = 1;
  std::uint16_t priority = 1;
  Status status = Status::unknown;
  bool registered = false;
};

// Index of the active candidate: the most preferred (lowest rank, then lowest
// priority, then list order: handset-models §5) whose REGISTER succeeded, or
// without REGISTER checks the most preferred `up` one. Nullopt when none.
std::optional<std::size_t> choose_active(std::span<const Standing> candidates, RegisterCheck check) noexcept;

// Design §4: ok with an active server and every candidate up; warning with an
// active server but some candidate not up; critical without an active server.
util::ExitStatus probe_exit_status(std::span<const Standing> candidates, std::optional<std::size_t> active) noexcept;

} // namespace sipfo::probe
