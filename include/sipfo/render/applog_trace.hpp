#pragma once
// `sipfo resolve --trace=applog`: the query trace written the way an 84-Series
// writes its DNS work into app.log (module dns at levels 1-3, sip at 4), so an
// admin can hold sipfo's expectation beside the phone's real log. The message
// shapes are those of the bulletin's walkthrough (CS-14-17) that parse-log reads.

#include "sipfo/handset/resolution.hpp"
#include "sipfo/handset/server_setting.hpp"

#include <string>

namespace sipfo::render {

// Lines in the real app.log format, `HHMMSS.mmm|dns  |1|00|text` (log.render.type
// 0: time since boot), the clock starting at 000000.000 and advancing by each
// answer's round-trip time.
std::string applog_trace(const handset::ServerSetting& setting, const handset::Resolution& resolution);

} // namespace sipfo::render
