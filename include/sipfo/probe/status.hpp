#pragma once
// A candidate's status as a PIVOT handset shows it (CS-18-09, "Call server
// status"), as a pure function of its probe outcomes.

#include "sipfo/probe/exchange.hpp"

#include <optional>

namespace sipfo::probe {

enum class Status {
  up,      // CS-18-09 "Up": OPTIONS answered with a final response < 500 (408 excepted)
  down,    // CS-18-09 "Down": 408 or sipfo's own 503; also any 5xx/6xx from the server
           // (RFC 3261 21.5.4: try elsewhere; handset-models P-A1)
  failed,  // CS-18-09 "Failed": REGISTER answered 404, or 401/403 (bad account or credentials)
  unknown, // not probed
};

const char* status_name(Status status) noexcept; // "up", "down", "failed", "unknown"

// The status from the OPTIONS probe alone; unknown when there is none.
Status options_status(const std::optional<Exchange>& options) noexcept;

// True when the REGISTER (binding query or bind) got a 2xx.
bool is_registered(const std::optional<Exchange>& registration) noexcept;

// The REGISTER codes that mean the account or its credentials are bad (CS-18-09
// "Failed": 404, 401, 403; 407 is 401's proxy twin, RFC 3261 22.3). A final
// 401/407 means the credentials sent were refused, or none were available.
bool is_account_failure(int code) noexcept;

// Combined status: failed when the REGISTER says so, else from OPTIONS; when
// only a REGISTER was sent (no OPTIONS), from its code like an OPTIONS answer.
Status candidate_status(const std::optional<Exchange>& options,
                        const std::optional<Exchange>& registration) noexcept;

} // namespace sipfo::probe
