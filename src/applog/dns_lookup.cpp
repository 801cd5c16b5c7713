#include "sipfo/applog/dns_lookup.hpp"

namespace sipfo::applog {

std::string_view to_string(DnsOutcome outcome) noexcept
{
  switch (outcome) {
  case DnsOutcome::pending: return "PENDING";
  case DnsOutcome::answered: return "NOERROR";
  case DnsOutcome::nodata: return "NODATA";
  case DnsOutcome::servfail: return "SERVFAIL";
  case DnsOutcome::nxdomain: return "NXDOMAIN";
  case DnsOutcome::refused: return "REFUSED";
  case DnsOutcome::unreachable: return "UNREACHABLE";
  case DnsOutcome::timeout: return "TIMEOUT";
  case DnsOutcome::failed: return "FAILED";
  case DnsOutcome::negative_cache: return "NEGATIVE_CACHE";
  }
  return "FAILED";
}

DnsOutcome outcome_of_error_code(std::int64_t code) noexcept
{
  switch (code) {
  case 1: return DnsOutcome::nodata;
  case 3: return DnsOutcome::servfail;
  case 4: return DnsOutcome::nxdomain;
  case 6: return DnsOutcome::refused;
  case 11: return DnsOutcome::unreachable;
  case 12: return DnsOutcome::timeout;
  default: return DnsOutcome::failed;
  }
}

bool is_negative_answer(DnsOutcome outcome) noexcept
{
  return outcome == DnsOutcome::nodata || outcome == DnsOutcome::nxdomain;
}

bool is_server_problem(DnsOutcome outcome) noexcept
{
  return outcome == DnsOutcome::servfail || outcome == DnsOutcome::refused || outcome == DnsOutcome::unreachable ||
         outcome == DnsOutcome::timeout;
}

} // namespace sipfo::applog
