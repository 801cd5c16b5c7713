#include "sipfo/handset/finding.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace sipfo::handset {

namespace {

// The registry. Codes are a contract with scripts: add, never rename.
constexpr std::array kinds{
  FindingKind{"name_missing", Severity::error,
              "the configured name does not exist in DNS (NXDOMAIN for every lookup)",
              "create the name with its NAPTR/SRV/A records, or fix the server address"},
  FindingKind{"no_address", Severity::error,
              "the name exists but has no A record, so the phone finds no server",
              "add an A record for the name, or SRV records pointing at named servers"},
  FindingKind{"no_aaaa_fallback", Severity::warning,
              "the name has only AAAA records; the handset asks for A records only",
              "add A records: this handset does not use IPv6 addresses from DNS"},
  FindingKind{"srv_target_no_address", Severity::warning,
              "an SRV target has no A record, so that server is skipped",
              "add an A record for the SRV target"},
  FindingKind{"srv_target_cname", Severity::warning,
              "an SRV target is a CNAME, which RFC 2782 forbids; sipfo followed it, a phone may not",
              "point the SRV record at the canonical name"},
  FindingKind{"srv_service_unavailable", Severity::error,
              "the SRV answer is a single record with target \".\": the service is declared not available",
              "publish real SRV targets, or remove the \".\" record"},
  FindingKind{"naptr_replacement_malformed", Severity::error,
              "a NAPTR replacement does not look like _service._proto.domain",
              "write the replacement as _sip._udp.<domain>. (or _sip._tcp / _sips._tcp)"},
  FindingKind{"naptr_no_sip_service", Severity::warning,
              "NAPTR records exist but none offers a SIP service this handset uses",
              "use flags \"S\" with service SIP+D2U, SIP+D2T or SIPS+D2T"},
  FindingKind{"naptr_dead_end", Severity::warning,
              "a NAPTR record points at an SRV name that gives no records",
              "create the SRV records at the NAPTR replacement, or fix the replacement"},
  FindingKind{"explicit_port_skips_srv", Severity::warning,
              "a non-zero port makes the phone skip NAPTR and SRV and look up A records only",
              "set the port to 0 (and the transport to DNSnaptr) to use NAPTR/SRV failover"},
  FindingKind{"single_server", Severity::warning,
              "only one candidate server: no redundancy, nothing to fail over to",
              "publish a second server (another SRV record or A record)"},
  FindingKind{"same_address", Severity::warning,
              "every candidate has the same address: the redundancy is false",
              "point the records at different servers"},
  FindingKind{"equal_priority_no_failback", Severity::info,
              "all SRV candidates share one priority: load balancing, so the phone never fails back",
              "give the preferred server a lower priority number if you want failback"},
  FindingKind{"srv_weight_zero_mixed", Severity::info,
              "weight 0 is mixed with non-zero weights at one priority: weight-0 targets are almost never chosen",
              "give every record at a priority a non-zero weight, or all zero"},
  FindingKind{"ttl_too_long_for_failover", Severity::warning,
              "a record's TTL is over an hour: a DNS change reaches phones only when their cached copy expires",
              "lower the TTL (minutes, not hours) on records you change to move phones between servers"},
  FindingKind{"serverspec_unresolved", Severity::warning,
              "a serverspec of a PIVOT server list resolves to no address, so that rank is empty",
              "fix the name or add its SRV/A records, or remove it from the SIP server field"},
  FindingKind{"static_cache_used", Severity::info,
              "an answer came from the phone's static DNS cache, not from DNS",
              "keep the static cache (dns_cache_*) in step with DNS, or remove it"},
  FindingKind{"config_spelling", Severity::warning,
              "the configuration uses a misspelt parameter name that the phone may ignore",
              "write the parameter as the vendor documents it (voIpProt, with a capital I)"},
  FindingKind{"transport_unknown", Severity::error,
              "the configured transport is not one the handset knows, so it falls back to its default",
              "set DNSnaptr, UDPOnly, TCPOnly, TCPpreferred or TLS (Yealink: 0-3)"},
  FindingKind{"truncated_answer", Severity::warning,
              "the UDP answer was truncated and had to be asked again over TCP",
              "make the answer smaller (fewer records) or make sure the phone can use DNS over TCP"},
  FindingKind{"dns_timeout", Severity::error,
              "a DNS query got no answer in time",
              "check the DNS server address, the network path and that the server runs"},
  FindingKind{"dns_failure", Severity::error,
              "a DNS server answered SERVFAIL or REFUSED, or its port was closed",
              "check that the server is authoritative for or can recurse to the name"},
};

} // namespace

const char* severity_name(Severity severity) noexcept
{
  switch (severity) {
  case Severity::info: return "info";
  case Severity::warning: return "warning";
  case Severity::error: return "error";
  }
  return "info";
}

std::span<const FindingKind> finding_kinds() noexcept
{
  return kinds;
}

const FindingKind& finding_kind(std::string_view code)
{
  for (const auto& kind : kinds) {
    if (kind.code == code) return kind;
  }
  throw std::logic_error("unregistered finding code: " + std::string(code));
}

Finding make_finding(std::string_view code, std::string message, std::string record)
{
  const auto& kind = finding_kind(code);
  return Finding{std::string(kind.code), kind.severity, std::move(message), std::move(record)};
}

} // namespace sipfo::handset
