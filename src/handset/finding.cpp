#include "sipfo/handset/finding.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace sipfo::handset {

namespace {

// The registry. Codes are a contract with scripts: add, never rename.
constexpr std::array kinds{
  FindingKind{FindingCode::name_missing, "name_missing", Severity::error,
              "the configured name does not exist in DNS (NXDOMAIN for every lookup)",
              "create the name with its NAPTR/SRV/A records, or fix the server address"},
  FindingKind{FindingCode::no_address, "no_address", Severity::error,
              "the name exists but has no A record, so the phone finds no server",
              "add an A record for the name, or SRV records pointing at named servers"},
  FindingKind{FindingCode::no_aaaa_fallback, "no_aaaa_fallback", Severity::warning,
              "the name has only AAAA records; the handset asks for A records only",
              "add A records: this handset does not use IPv6 addresses from DNS"},
  FindingKind{FindingCode::srv_target_no_address, "srv_target_no_address", Severity::warning,
              "an SRV target has no A record, so that server is skipped",
              "add an A record for the SRV target"},
  FindingKind{FindingCode::srv_target_cname, "srv_target_cname", Severity::warning,
              "an SRV target is a CNAME, which RFC 2782 forbids; sipfo followed it, a phone may not",
              "point the SRV record at the canonical name"},
  FindingKind{FindingCode::srv_service_unavailable, "srv_service_unavailable", Severity::error,
              "the SRV answer is a single record with target \".\": the service is declared not available",
              "publish real SRV targets, or remove the \".\" record"},
  FindingKind{FindingCode::naptr_replacement_malformed, "naptr_replacement_malformed", Severity::error,
              "a NAPTR replacement does not look like _service._proto.domain",
              "write the replacement as _sip._udp.<domain>. (or _sip._tcp / _sips._tcp)"},
  FindingKind{FindingCode::naptr_no_sip_service, "naptr_no_sip_service", Severity::warning,
              "NAPTR records exist but none offers a SIP service this handset uses",
              "use flags \"S\" with service SIP+D2U, SIP+D2T or SIPS+D2T"},
  FindingKind{FindingCode::naptr_dead_end, "naptr_dead_end", Severity::warning,
              "a NAPTR record points at an SRV name that gives no records",
              "create the SRV records at the NAPTR replacement, or fix the replacement"},
  FindingKind{FindingCode::explicit_port_skips_srv, "explicit_port_skips_srv", Severity::warning,
              "a non-zero port makes the phone skip NAPTR and SRV and look up A records only",
              "set the port to 0 (and the transport to DNSnaptr) to use NAPTR/SRV failover"},
  FindingKind{FindingCode::single_server, "single_server", Severity::warning,
              "only one candidate server: no redundancy, nothing to fail over to",
              "publish a second server (another SRV record or A record)"},
  FindingKind{FindingCode::same_address, "same_address", Severity::warning,
              "every candidate has the same address: the redundancy is false",
              "point the records at different servers"},
  FindingKind{FindingCode::equal_priority_no_failback, "equal_priority_no_failback", Severity::info,
              "all SRV candidates share one priority: load balancing, so the phone never fails back",
              "give the preferred server a lower priority number if you want failback"},
  FindingKind{FindingCode::srv_weight_zero_mixed, "srv_weight_zero_mixed", Severity::info,
              "weight 0 is mixed with non-zero weights at one priority: weight-0 targets are almost never chosen",
              "give every record at a priority a non-zero weight, or all zero"},
  FindingKind{FindingCode::ttl_too_long_for_failover, "ttl_too_long_for_failover", Severity::warning,
              "a record's TTL is over an hour: a DNS change reaches phones only when their cached copy expires",
              "lower the TTL (minutes, not hours) on records you change to move phones between servers"},
  FindingKind{FindingCode::serverspec_unresolved, "serverspec_unresolved", Severity::warning,
              "a serverspec of a PIVOT server list resolves to no address, so that rank is empty",
              "fix the name or add its SRV/A records, or remove it from the SIP server field"},
  FindingKind{FindingCode::naptr_walk_limit, "naptr_walk_limit", Severity::warning,
              "more usable NAPTR records than sipfo follows (8, rfc3263 profile): the rest were ignored",
              "publish one NAPTR record per SIP service (SIP+D2U, SIP+D2T, SIPS+D2T)"},
  FindingKind{FindingCode::static_cache_used, "static_cache_used", Severity::info,
              "an answer came from the phone's static DNS cache, not from DNS",
              "keep the static cache (dns_cache_*) in step with DNS, or remove it"},
  FindingKind{FindingCode::config_spelling, "config_spelling", Severity::warning,
              "the configuration uses a misspelt parameter name that the phone may ignore",
              "write the parameter as the vendor documents it (voIpProt, with a capital I)"},
  FindingKind{FindingCode::transport_unknown, "transport_unknown", Severity::error,
              "the configured transport is not one the handset knows, so it falls back to its default",
              "set DNSnaptr, UDPOnly, TCPOnly, TCPpreferred or TLS (Yealink: 0-3)"},
  FindingKind{FindingCode::truncated_answer, "truncated_answer", Severity::warning,
              "the UDP answer was truncated and had to be asked again over TCP",
              "make the answer smaller (fewer records) or make sure the phone can use DNS over TCP"},
  FindingKind{FindingCode::dns_timeout, "dns_timeout", Severity::error,
              "a DNS query got no answer in time",
              "check the DNS server address, the network path and that the server runs"},
  FindingKind{FindingCode::dns_failure, "dns_failure", Severity::error,
              "a DNS server answered SERVFAIL or REFUSED, or its port was closed",
              "check that the server is authoritative for or can recurse to the name"},
  FindingKind{FindingCode::dns_malformed_answer, "dns_malformed_answer", Severity::error,
              "a DNS reply could not be read (cut short, a bad name) or was no answer (QR=0), so it was not used",
              "check the DNS server software and anything on the path that rewrites DNS (a firewall's DNS inspection)"},
  FindingKind{FindingCode::dns_nxdomain_with_data, "dns_nxdomain_with_data", Severity::warning,
              "an NXDOMAIN reply also carried answer records; a name that does not exist has none, so they were not used",
              "fix the DNS server: an NXDOMAIN answer holds at most the CNAME chain to the missing name (RFC 6604)"},
  FindingKind{FindingCode::dns_server_unanswered, "dns_server_unanswered", Severity::warning,
              "a configured DNS server gave no answer (timeout or closed port) and the next one answered",
              "repair or remove the dead server, or list a server that answers first: the phone waits on it every lookup"},
  // Issue 10/16, the handset layer: SRV port 0, numeric targets, the static cache,
  // CNAME loops, addresses that are no server, the 84's documents at odds.
  FindingKind{FindingCode::srv_port_zero, "srv_port_zero", Severity::warning,
              "an SRV record has port 0, where nothing can be sent; the handset uses its default port or skips it",
              "publish the port the server listens on (5060, 5061 for TLS) in the SRV record"},
  FindingKind{FindingCode::srv_target_numeric, "srv_target_numeric", Severity::info,
              "an SRV target is a numeric IP address; the handset uses it without an A query, RFC 2782 wants a name",
              "point the SRV record at a host name with an A record, as RFC 2782 asks"},
  FindingKind{FindingCode::static_cache_unused, "static_cache_unused", Severity::warning,
              "a static DNS cache entry is one the phone never asks for with this setting, so it cannot help",
              "name the entry as the phone asks for it, or change the setting (naptr_build, transport_type, port)"},
  FindingKind{FindingCode::cname_loop, "cname_loop", Severity::error,
              "a CNAME chain loops or is too long to follow, so the name has no address",
              "point the CNAME at a name with A records, or replace it with A records"},
  FindingKind{FindingCode::unusable_address, "unusable_address", Severity::warning,
              "an address is 0.0.0.0, ::, a broadcast or a multicast address, which no SIP server can have",
              "publish the server's unicast address"},
  FindingKind{FindingCode::srv_other_transport_unused, "srv_other_transport_unused", Severity::warning,
              "SRV records exist for a transport the handset does not ask for with this setting",
              "publish a NAPTR record pointing at those SRV records, or set the transport to theirs"},
  FindingKind{FindingCode::vendor_documents_disagree, "vendor_documents_disagree", Severity::info,
              "the vendor documents disagree on what the phone does with this setting; sipfo follows the one named",
              "use the setting both documents agree on (84-Series: transport DNSnaptr with port 0)"},
  // `sipfo probe`: what the SIP probes found (design §4; seed 001 "Call server status").
  FindingKind{FindingCode::tls_cert_expired, "tls_cert_expired", Severity::error,
              "a TLS server's certificate has expired, so the handset refuses the connection",
              "renew the server certificate"},
  FindingKind{FindingCode::tls_cert_not_yet_valid, "tls_cert_not_yet_valid", Severity::error,
              "a TLS server's certificate is not valid yet (or the clocks disagree)",
              "check the certificate's notBefore date and the server's and the phone's clocks"},
  FindingKind{FindingCode::tls_name_mismatch, "tls_name_mismatch", Severity::error,
              "a TLS server's certificate names neither the host name nor the address that was asked for",
              "issue the certificate with a subjectAltName for the SRV target or host name the phones use"},
  FindingKind{FindingCode::tls_unknown_ca, "tls_unknown_ca", Severity::error,
              "a TLS server's certificate chain does not end at a trusted CA",
              "install the issuing CA on the phones (and give sipfo --ca-file), or use a certificate from a trusted CA"},
  FindingKind{FindingCode::tls_cert_invalid, "tls_cert_invalid", Severity::error,
              "a TLS server's certificate failed verification for another reason",
              "read the detail and fix the certificate or its chain"},
  FindingKind{FindingCode::sip_no_response, "sip_no_response", Severity::warning,
              "a server sent no SIP response before Timer F (64*T1): the handset counts it as down (408)",
              "check that the server runs and that the network and firewalls let SIP through to it"},
  FindingKind{FindingCode::sip_transport_failure, "sip_transport_failure", Severity::warning,
              "the connection failed (ICMP unreachable, TCP refused or reset, TLS handshake): a local 503, down",
              "check that the server listens on that port and transport"},
  FindingKind{FindingCode::sip_server_error, "sip_server_error", Severity::warning,
              "a server answered OPTIONS with 408 or a 5xx/6xx response: the handset treats it as down",
              "look at the server's state (overload, maintenance); Retry-After says how long it asks to be left alone"},
  FindingKind{FindingCode::register_rejected, "register_rejected", Severity::error,
              "a REGISTER was refused (404, or 401/403 after credentials were sent): the server is failed for this account",
              "check the user, the authentication user, the domain and the password on the server and the phone"},
  FindingKind{FindingCode::register_no_password, "register_no_password", Severity::warning,
              "a REGISTER was challenged but sipfo had no password to answer with",
              "give the password with --password-file or SIPFO_PASSWORD"},
  FindingKind{FindingCode::sip_malformed_response, "sip_malformed_response", Severity::warning,
              "a server sent SIP messages sipfo could not parse or match to its request; they were ignored",
              "capture the traffic and check the server's responses (Via, CSeq, framing)"},
  FindingKind{FindingCode::unregister_failed, "unregister_failed", Severity::warning,
              "with --register-mode=bind, removing the probe's contact again failed; it expires on its own",
              "check the registrar's bindings for the sipfo-probe contact"},
  FindingKind{FindingCode::tls_handshake_timeout, "tls_handshake_timeout", Severity::warning,
              "a TLS server accepted the TCP connection but the TLS handshake did not complete before Timer F: "
              "no SIP request reached it, the handset counts it as down",
              "check that the port runs TLS (not plain SIP over TCP) and that the server's TLS stack answers"},
  FindingKind{FindingCode::tcp_connect_timeout, "tcp_connect_timeout", Severity::warning,
              "a TCP or TLS connection was not established before Timer F (no SYN-ACK, no refusal): "
              "no SIP request reached the server, the handset counts it as down",
              "check that the server runs and that firewalls let the connection through"},
  FindingKind{FindingCode::register_algorithm_unsupported, "register_algorithm_unsupported", Severity::warning,
              "a REGISTER was challenged with a digest algorithm sipfo does not implement (it knows MD5, "
              "SHA-256, SHA-512-256 and their -sess forms, RFC 7616 3.3), so the account was not checked",
              "check the account by hand, or offer MD5 or SHA-256 too, which the handsets use"},
  FindingKind{FindingCode::register_challenge_malformed, "register_challenge_malformed", Severity::error,
              "a REGISTER was answered 401/407 with a challenge that cannot be answered (missing, not Digest, "
              "an unterminated quote, no nonce): the phone cannot register",
              "fix the server's WWW-Authenticate / Proxy-Authenticate header (RFC 7616 3.3)"},
  FindingKind{FindingCode::register_redirected, "register_redirected", Severity::error,
              "a REGISTER was redirected (3xx) to another address: the phone does not register with this server "
              "(sipfo's assumption; the vendor documents do not say whether the handsets follow it)",
              "configure the phones with the server the redirect names, or stop redirecting REGISTER"},
  FindingKind{FindingCode::register_refused, "register_refused", Severity::error,
              "a REGISTER was answered with a 4xx other than 401/403/404/407/408: the phone does not register "
              "with this server",
              "read the status code and reason, and fix the request or the server's policy (e.g. 423: expiry)"},
};

// The table is indexed by FindingCode: entry i is the kind of code i.
constexpr bool in_code_order()
{
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (static_cast<std::size_t>(kinds[i].id) != i) return false;
  }
  return true;
}
static_assert(kinds.size() == finding_code_count, "every FindingCode has one entry in the table");
static_assert(in_code_order(), "the table lists the kinds in FindingCode order");

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

const FindingKind& finding_kind(FindingCode code) noexcept
{
  return kinds[static_cast<std::size_t>(code)];
}

Finding make_finding(FindingCode code, std::string message, std::string record)
{
  const auto& kind = finding_kind(code);
  return Finding{std::string(kind.code), kind.severity, std::move(message), std::move(record)};
}

} // namespace sipfo::handset
