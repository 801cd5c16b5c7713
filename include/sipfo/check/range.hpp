#pragma once
// A threshold range in the Monitoring Plugins development guidelines' syntax
// (section "Threshold and ranges"), the form every -w/-c of a Nagios plugin takes:
//
//   10      alert when the value is < 0 or > 10   (start 0, end 10)
//   10:     alert when the value is < 10          (end +infinity)
//   ~:10    alert when the value is > 10          (start -infinity)
//   10:20   alert when the value is < 10 or > 20
//   @10:20  alert when the value is >= 10 and <= 20 (inside, ends included)

#include <optional>
#include <string>
#include <string_view>

namespace sipfo::check {

struct Range {
  std::optional<double> start; // nullopt: -infinity ("~")
  std::optional<double> end;   // nullopt: +infinity (nothing after ':')
  bool alert_inside = false;   // "@": alert inside the range, not outside
  std::string text;            // as written, for the perfdata warn/crit fields

  // True when `value` calls for the alert this range stands for.
  bool alerts(double value) const noexcept;
};

// The range `text` stands for; nullopt when it is not in the guidelines' syntax
// (empty, not a number, start greater than end).
std::optional<Range> parse_range(std::string_view text);

} // namespace sipfo::check
