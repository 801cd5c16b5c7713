#pragma once
// The exit status of `sipfo resolve` (design §2): a pure function of the
// resolution, kept with the other verdicts in the check layer so the handset
// models only say what a phone would do, not how bad it is.

#include "sipfo/handset/resolution.hpp"
#include "sipfo/util/exit_status.hpp"

namespace sipfo::check {

// 2 when there is no candidate (the phone cannot register), 1 when a warning or
// error finding stands, 0 otherwise.
util::ExitStatus resolve_status(const handset::Resolution& resolution) noexcept;

} // namespace sipfo::check
