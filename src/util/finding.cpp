#include "sipfo/util/finding.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

namespace sipfo::util {

namespace {

constexpr unsigned dns = Reporter::resolve | Reporter::probe; // probe resolves a SPEC first
constexpr unsigned sip = static_cast<unsigned>(Reporter::probe);
constexpr unsigned app_log = static_cast<unsigned>(Reporter::parse_log);
constexpr unsigned dns_and_log = dns | app_log;
constexpr unsigned capture = static_cast<unsigned>(Reporter::parse_pcap);
// parse-pcap names a registration's cause in parse-log's words where the meaning is the same.
constexpr unsigned log_and_capture = app_log | capture;

// The registry, in FindingCode order. Codes are a contract with scripts: add,
// never rename.
constexpr std::array kinds{
  FindingKind{FindingCode::name_missing, "name_missing", Severity::error, dns,
              "the configured name does not exist in DNS (NXDOMAIN for every lookup)",
              "create the name with its NAPTR/SRV/A records, or fix the server address",
              "Technical Bulletin CS-14-17, Failed Registration Log"},
  FindingKind{FindingCode::no_address, "no_address", Severity::error, dns,
              "the name exists but has no A record, so the phone finds no server",
              "add an A record for the name, or SRV records pointing at named servers",
              "Technical Bulletin CS-14-17, DNS Configuration, Step 1"},
  FindingKind{FindingCode::no_aaaa_fallback, "no_aaaa_fallback", Severity::warning, dns,
              "the name has only AAAA records; the handset asks for A records only",
              "add A records: this handset does not use IPv6 addresses from DNS",
              "sipfo's assumption (the documents name A records only; RFC 3263 4.2 allows AAAA)"},
  FindingKind{FindingCode::srv_target_no_address, "srv_target_no_address", Severity::warning, dns_and_log,
              "an SRV target has no A record, so that server is skipped",
              "add an A record for the SRV target",
              "Technical Bulletin CS-14-17, DNS Configuration, Option 1",
              Severity::error},
  FindingKind{FindingCode::srv_target_cname, "srv_target_cname", Severity::warning, dns,
              "an SRV target is a CNAME, which RFC 2782 forbids; sipfo followed it, a phone may not",
              "point the SRV record at the canonical name",
              "RFC 2782 (the target must not be an alias); sipfo's assumption that the phone follows it"},
  FindingKind{FindingCode::srv_service_unavailable, "srv_service_unavailable", Severity::error, dns,
              "the SRV answer is a single record with target \".\": the service is declared not available",
              "publish real SRV targets, or remove the \".\" record",
              "RFC 2782 (a target of \".\")"},
  FindingKind{FindingCode::naptr_replacement_malformed, "naptr_replacement_malformed", Severity::error, dns,
              "a NAPTR replacement does not look like _service._proto.domain",
              "write the replacement as _sip._udp.<domain>. (or _sip._tcp / _sips._tcp)",
              "RFC 3263 4.1; RFC 3403"},
  FindingKind{FindingCode::naptr_no_sip_service, "naptr_no_sip_service", Severity::warning, dns,
              "NAPTR records exist but none offers a SIP service this handset uses",
              "use flags \"S\" with service SIP+D2U, SIP+D2T or SIPS+D2T",
              "RFC 3263 4.1; Yealink Server Redundancy, Specify DNS NAPTR Parameters"},
  FindingKind{FindingCode::naptr_dead_end, "naptr_dead_end", Severity::warning, dns,
              "a NAPTR record points at an SRV name that gives no records",
              "create the SRV records at the NAPTR replacement, or fix the replacement",
              "RFC 3263 4.1; sipfo's assumption that the phone carries on as if there were no NAPTR"},
  FindingKind{FindingCode::explicit_port_skips_srv, "explicit_port_skips_srv", Severity::warning, dns_and_log,
              "a non-zero port makes the phone skip NAPTR and SRV and look up A records only",
              "set the port to 0 (and the transport to DNSnaptr) to use NAPTR/SRV failover",
              "Technical Bulletin CS-14-17, DNS Configuration, Step 1; Yealink Server Redundancy, Server Domain Name Resolution",
              Severity::error},
  FindingKind{FindingCode::single_server, "single_server", Severity::warning, dns,
              "only one candidate server: no redundancy, nothing to fail over to",
              "publish a second server (another SRV record or A record)",
              "Technical Bulletin CS-18-09, The redundant environment"},
  FindingKind{FindingCode::same_address, "same_address", Severity::warning, dns,
              "every candidate has the same address: the redundancy is false",
              "point the records at different servers",
              "sipfo's assumption (the documents assume distinct servers)"},
  FindingKind{FindingCode::equal_priority_no_failback, "equal_priority_no_failback", Severity::info, dns,
              "all SRV candidates share one priority: load balancing, so the phone never fails back",
              "give the preferred server a lower priority number if you want failback",
              "Technical Bulletin CS-18-09, Method 4: Load balancing; RFC 2782"},
  FindingKind{FindingCode::srv_weight_zero_mixed, "srv_weight_zero_mixed", Severity::info, dns,
              "weight 0 is mixed with non-zero weights at one priority: weight-0 targets are almost never chosen",
              "give every record at a priority a non-zero weight, or all zero",
              "RFC 2782 (weight 0)"},
  FindingKind{FindingCode::ttl_too_long_for_failover, "ttl_too_long_for_failover", Severity::warning, dns,
              "a record's TTL is over an hour: a DNS change reaches phones only when their cached copy expires",
              "lower the TTL (minutes, not hours) on records you change to move phones between servers",
              "sipfo's assumption (the documents do not say when phones ask DNS again; RFC 1035 TTL)"},
  FindingKind{FindingCode::serverspec_unresolved, "serverspec_unresolved", Severity::warning, dns,
              "a serverspec of a PIVOT server list resolves to no address, so that rank is empty",
              "fix the name or add its SRV/A records, or remove it from the SIP server field",
              "Technical Bulletin CS-18-09, SIP server field entries"},
  FindingKind{FindingCode::naptr_walk_limit, "naptr_walk_limit", Severity::warning, dns,
              "more usable NAPTR records than sipfo follows (8, rfc3263 profile): the rest were ignored",
              "publish one NAPTR record per SIP service (SIP+D2U, SIP+D2T, SIPS+D2T)",
              "sipfo's assumption (RFC 3263 4.1 sets no limit)"},
  FindingKind{FindingCode::static_cache_used, "static_cache_used", Severity::info, dns,
              "an answer came from the phone's static DNS cache, not from DNS",
              "keep the static cache (dns_cache_*) in step with DNS, or remove it",
              "Yealink Server Redundancy, Specify DNS A Parameters; 84-Series Administration Guide p.253"},
  FindingKind{FindingCode::config_spelling, "config_spelling", Severity::warning, dns,
              "the configuration uses a misspelt parameter name that the phone may ignore",
              "write the parameter as the vendor documents it (voIpProt, with a capital I)",
              "Technical Bulletin CS-14-17, DNS Configuration, Step 1 (the example configuration)"},
  FindingKind{FindingCode::transport_unknown, "transport_unknown", Severity::error, dns,
              "the configured transport is not one the handset knows, so it falls back to its default",
              "set DNSnaptr, UDPOnly, TCPOnly, TCPpreferred or TLS (Yealink: 0-3)",
              "Technical Bulletin CS-14-17, DNS Configuration, Step 1; Yealink Server Redundancy, Configuring Server Redundancy Using Configuration Files"},
  FindingKind{FindingCode::truncated_answer, "truncated_answer", Severity::warning, dns,
              "the UDP answer was truncated and had to be asked again over TCP",
              "make the answer smaller (fewer records) or make sure the phone can use DNS over TCP",
              "RFC 1035 4.2.1; sipfo's assumption that the phone retries over TCP"},
  FindingKind{FindingCode::dns_timeout, "dns_timeout", Severity::error, dns,
              "a DNS query got no answer in time",
              "check the DNS server address, the network path and that the server runs",
              "Technical Bulletin CS-14-17, Parsing the Log (err code 12)"},
  FindingKind{FindingCode::dns_failure, "dns_failure", Severity::error, dns,
              "a DNS server answered SERVFAIL or REFUSED, or its port was closed",
              "check that the server is authoritative for or can recurse to the name",
              "Technical Bulletin CS-14-17, Parsing the Log (err codes 3 and 6)"},
  FindingKind{FindingCode::dns_malformed_answer, "dns_malformed_answer", Severity::error, dns,
              "a DNS reply could not be read (cut short, a bad name) or was no answer (QR=0), so it was not used",
              "check the DNS server software and anything on the path that rewrites DNS (a firewall's DNS inspection)",
              "RFC 1035 4.1.1"},
  FindingKind{FindingCode::dns_nxdomain_with_data, "dns_nxdomain_with_data", Severity::warning, dns,
              "an NXDOMAIN reply also carried answer records; a name that does not exist has none, so they were not used",
              "fix the DNS server: an NXDOMAIN answer holds at most the CNAME chain to the missing name (RFC 6604)",
              "RFC 6604"},
  FindingKind{FindingCode::dns_server_unanswered, "dns_server_unanswered", Severity::warning, dns,
              "a configured DNS server gave no answer (timeout or closed port) and the next one answered",
              "repair or remove the dead server, or list a server that answers first: the phone waits on it every lookup",
              "sipfo's assumption (the documents do not say how the phone moves between DNS servers)"},
  // Issue 10/16, the handset layer: SRV port 0, numeric targets, the static cache,
  // CNAME loops, addresses that are no server, the 84's documents at odds.
  FindingKind{FindingCode::srv_port_zero, "srv_port_zero", Severity::warning, dns,
              "an SRV record has port 0, where nothing can be sent; the handset uses its default port or skips it",
              "publish the port the server listens on (5060, 5061 for TLS) in the SRV record",
              "RFC 2782; sipfo's assumption for what the phone does with it"},
  FindingKind{FindingCode::srv_target_numeric, "srv_target_numeric", Severity::info, dns,
              "an SRV target is a numeric IP address; the handset uses it without an A query, RFC 2782 wants a name",
              "point the SRV record at a host name with an A record, as RFC 2782 asks",
              "RFC 2782 (the target is a domain name); sipfo's assumption that the phone uses it"},
  FindingKind{FindingCode::static_cache_unused, "static_cache_unused", Severity::warning, dns,
              "a static DNS cache entry is one the phone never asks for with this setting, so it cannot help",
              "name the entry as the phone asks for it, or change the setting (naptr_build, transport_type, port)",
              "Yealink Server Redundancy, Specify DNS SRV Parameters"},
  FindingKind{FindingCode::cname_loop, "cname_loop", Severity::error, dns,
              "a CNAME chain loops or is too long to follow, so the name has no address",
              "point the CNAME at a name with A records, or replace it with A records",
              "RFC 1034 3.6.2; sipfo's assumption for the length bound"},
  FindingKind{FindingCode::unusable_address, "unusable_address", Severity::warning, dns,
              "an address is 0.0.0.0, ::, a broadcast or a multicast address, which no SIP server can have",
              "publish the server's unicast address",
              "sipfo's assumption (no unicast server can have these addresses)"},
  FindingKind{FindingCode::srv_other_transport_unused, "srv_other_transport_unused", Severity::warning, dns,
              "SRV records exist for a transport the handset does not ask for with this setting",
              "publish a NAPTR record pointing at those SRV records, or set the transport to theirs",
              "Technical Bulletin CS-14-17, DNS Configuration, Step 1; Yealink Server Redundancy, Specify DNS SRV Parameters"},
  FindingKind{FindingCode::vendor_documents_disagree, "vendor_documents_disagree", Severity::info, dns,
              "the vendor documents disagree on what the phone does with this setting; sipfo follows the one named",
              "use the setting both documents agree on (84-Series: transport DNSnaptr with port 0)",
              "Technical Bulletin CS-14-17, DNS Configuration, Step 1; 84-Series Administration Guide"},
  // `sipfo probe`: what the SIP probes found (design §4; CS-18-09, Call server status).
  FindingKind{FindingCode::tls_cert_expired, "tls_cert_expired", Severity::error, sip,
              "a TLS server's certificate has expired, so the handset refuses the connection",
              "renew the server certificate",
              "Lync Interoperability Guide, Security Certificates for Remote Workers"},
  FindingKind{FindingCode::tls_cert_not_yet_valid, "tls_cert_not_yet_valid", Severity::error, sip,
              "a TLS server's certificate is not valid yet (or the clocks disagree)",
              "check the certificate's notBefore date and the server's and the phone's clocks",
              "Lync Interoperability Guide, Security Certificates for Remote Workers"},
  FindingKind{FindingCode::tls_name_mismatch, "tls_name_mismatch", Severity::error, sip,
              "a TLS server's certificate names neither the host name nor the address that was asked for",
              "issue the certificate with a subjectAltName for the SRV target or host name the phones use",
              "Lync Interoperability Guide, Security Certificates for Remote Workers"},
  FindingKind{FindingCode::tls_unknown_ca, "tls_unknown_ca", Severity::error, sip,
              "a TLS server's certificate chain does not end at a trusted CA",
              "install the issuing CA on the phones (and give sipfo --ca-file), or use a certificate from a trusted CA",
              "Lync Interoperability Guide, Security Certificates for Remote Workers"},
  FindingKind{FindingCode::tls_cert_invalid, "tls_cert_invalid", Severity::error, sip,
              "a TLS server's certificate failed verification for another reason",
              "read the detail and fix the certificate or its chain",
              "Lync Interoperability Guide, Security Certificates for Remote Workers"},
  FindingKind{FindingCode::sip_no_response, "sip_no_response", Severity::warning, sip,
              "a server sent no SIP response before Timer F (64*T1): the handset counts it as down (408)",
              "check that the server runs and that the network and firewalls let SIP through to it",
              "Technical Bulletin CS-18-09, Call server status (Down); RFC 3261 17.1.1.2"},
  FindingKind{FindingCode::sip_transport_failure, "sip_transport_failure", Severity::warning, sip | capture,
              "the connection failed (ICMP unreachable, TCP refused or reset, TLS handshake): a local 503, down",
              "check that the server listens on that port and transport",
              "Technical Bulletin CS-18-09, Call server status (Down); RFC 3261 8.1.3.1"},
  FindingKind{FindingCode::sip_server_error, "sip_server_error", Severity::warning, sip,
              "a server answered OPTIONS with 408 or a 5xx/6xx response: the handset treats it as down",
              "look at the server's state (overload, maintenance); Retry-After says how long it asks to be left alone",
              "Technical Bulletin CS-18-09, Call server status (Down)"},
  FindingKind{FindingCode::register_rejected, "register_rejected", Severity::error, sip,
              "a REGISTER was refused (404, or 401/403 after credentials were sent): the server is failed for this account",
              "check the user, the authentication user, the domain and the password on the server and the phone",
              "Technical Bulletin CS-18-09, Call server status (Failed)"},
  FindingKind{FindingCode::register_no_password, "register_no_password", Severity::warning, sip,
              "a REGISTER was challenged but sipfo had no password to answer with",
              "give the password with --password-file or SIPFO_PASSWORD",
              "Technical Bulletin CS-18-09, Call server status (Failed); RFC 7616"},
  FindingKind{FindingCode::sip_malformed_response, "sip_malformed_response", Severity::warning, sip,
              "a server sent SIP messages sipfo could not parse or match to its request; they were ignored",
              "capture the traffic and check the server's responses (Via, CSeq, framing)",
              "RFC 3261 17.1.3 and 18.1.2"},
  FindingKind{FindingCode::unregister_failed, "unregister_failed", Severity::warning, sip,
              "with --register-mode=bind, removing the probe's contact again failed; it expires on its own",
              "check the registrar's bindings for the sipfo-probe contact",
              "RFC 3261 10.2.2"},
  FindingKind{FindingCode::tls_handshake_timeout, "tls_handshake_timeout", Severity::warning, sip,
              "a TLS server accepted the TCP connection but the TLS handshake did not complete before Timer F: no SIP request reached it, the handset counts it as down",
              "check that the port runs TLS (not plain SIP over TCP) and that the server's TLS stack answers",
              "sipfo's assumption (Timer F for the handshake, as for a silent server); RFC 3261 17.1.1.2"},
  FindingKind{FindingCode::tcp_connect_timeout, "tcp_connect_timeout", Severity::warning, sip,
              "a TCP or TLS connection was not established before Timer F (no SYN-ACK, no refusal): no SIP request reached the server, the handset counts it as down",
              "check that the server runs and that firewalls let the connection through",
              "sipfo's assumption (Timer F for the connection, as for a silent server); RFC 3261 17.1.1.2"},
  FindingKind{FindingCode::register_algorithm_unsupported, "register_algorithm_unsupported", Severity::warning, sip,
              "a REGISTER was challenged with a digest algorithm sipfo does not implement (it knows MD5, SHA-256, SHA-512-256 and their -sess forms, RFC 7616 3.3), so the account was not checked",
              "check the account by hand, or offer MD5 or SHA-256 too, which the handsets use",
              "RFC 7616 3.3"},
  FindingKind{FindingCode::register_challenge_malformed, "register_challenge_malformed", Severity::error, sip,
              "a REGISTER was answered 401/407 with a challenge that cannot be answered (missing, not Digest, an unterminated quote, no nonce): the phone cannot register",
              "fix the server's WWW-Authenticate / Proxy-Authenticate header (RFC 7616 3.3)",
              "RFC 7616 3.3"},
  FindingKind{FindingCode::register_redirected, "register_redirected", Severity::error, sip,
              "a REGISTER was redirected (3xx) to another address: the phone does not register with this server (sipfo's assumption; the vendor documents do not say whether the handsets follow it)",
              "configure the phones with the server the redirect names, or stop redirecting REGISTER",
              "sipfo's assumption (the documents do not say whether the handsets follow a 3xx)"},
  FindingKind{FindingCode::register_refused, "register_refused", Severity::error, sip,
              "a REGISTER was answered with a 4xx other than 401/403/404/407/408: the phone does not register with this server",
              "read the status code and reason, and fix the request or the server's policy (e.g. 423: expiry)",
              "sipfo's assumption (the documents name 404, 401 and 403 only)"},
  // `sipfo parse-log`: the root cause of a boot's registration (applog-format.md
  // section 7; the fix is the one parse-log prints unless RootCauseRule words it
  // for a log).
  FindingKind{FindingCode::registered_ok, "registered_ok", Severity::info, log_and_capture,
              "the handset registered and no registration failure was logged in that boot",
              "nothing to do",
              "Technical Bulletin CS-14-17, Successful Registration Log"},
  FindingKind{FindingCode::dns_name_missing, "dns_name_missing", Severity::error, log_and_capture,
              "the configured server name does not exist in DNS, so the phone found no server to register to",
              "create the name: its SRV records (_sip._udp.NAME) and A records for the SRV targets, or an A record for NAME",
              "Technical Bulletin CS-14-17, Failed Registration Log"},
  FindingKind{FindingCode::dns_records_missing, "dns_records_missing", Severity::error, log_and_capture,
              "the name exists in DNS but has no SRV or A record the phone can use",
              "publish _sip._udp SRV records (and A records for their targets) or an A record for the name",
              "sipfo's assumption (err code 1 read as the resolver's \"no data\"; Technical Bulletin CS-14-17, "
              "Parsing the Log, shows err code 4 only)"},
  FindingKind{FindingCode::naptr_replacement_broken, "naptr_replacement_broken", Severity::error, app_log,
              "the NAPTR record points to an SRV name that does not exist",
              "fix the NAPTR replacement (it must name an existing _sip._udp/_sip._tcp/_sips._tcp SRV record) or remove "
              "the NAPTR record",
              "Technical Bulletin CS-14-17, Parsing the Log; RFC 3263 4.1"},
  FindingKind{FindingCode::transport_mismatch, "transport_mismatch", Severity::error, app_log,
              "the configured transport makes the phone skip NAPTR and ask only for that transport's SRV record, which "
              "does not exist",
              "publish the SRV record for that transport (_sip._tcp, _sips._tcp) or set the transport to DNSnaptr",
              "Technical Bulletin CS-14-17, DNS Configuration, Step 1 (another transport skips NAPTR)"},
  FindingKind{FindingCode::dns_unreachable, "dns_unreachable", Severity::error, log_and_capture,
              "the phone could not get an answer from its DNS servers",
              "check the DNS server addresses the phone uses (DHCP option 6 or tcpIpApp.dns.server), and that they answer",
              "sipfo's assumption (err codes 3, 6, 11 and 12 read as the resolver's failures; Technical Bulletin "
              "CS-14-17, Parsing the Log, shows err code 4 only)"},
  FindingKind{FindingCode::negative_cache_stale, "negative_cache_stale", Severity::error, app_log,
              "the phone reused a cached \"does not exist\" answer instead of asking DNS again",
              "wait until the negative entry expires (its TTL, 36 s in the seed) or reboot the phone after fixing DNS",
              "Technical Bulletin CS-14-17, Failed Registration Log (the 36 s negative cache entry)"},
  FindingKind{FindingCode::auth_rejected, "auth_rejected", Severity::error, log_and_capture,
              "the server rejected the phone's credentials",
              "fix the line's authentication user id and password (reg.N.auth.userId, reg.N.auth.password)",
              "Technical Bulletin CS-18-09, Call server status (Failed); RFC 3261 22"},
  FindingKind{FindingCode::user_unknown, "user_unknown", Severity::error, log_and_capture,
              "the server does not know the registering user",
              "create the extension on the call server or fix reg.N.address",
              "Technical Bulletin CS-18-09, Call server status (Failed)"},
  FindingKind{FindingCode::server_timeout_failover, "server_timeout_failover", Severity::warning, log_and_capture,
              "a call server did not answer; the phone failed over",
              "check the server that timed out; failover itself works",
              "Technical Bulletin CS-18-09, Call server status (Down); RFC 3263 4.3"},
  FindingKind{FindingCode::server_rejected, "server_rejected", Severity::error, log_and_capture,
              "the call server refused the registration",
              "read the code and reason; check the call server's configuration",
              "sipfo's assumption (the documents name 401, 403, 404 and 408 only)"},
  FindingKind{FindingCode::insufficient_logging, "insufficient_logging", Severity::warning, app_log,
              "the log does not hold the DNS detail needed to tell the cause",
              "set log.level.change.dns=\"1\" and log.render.level=\"0\" (Technical Bulletin CS-14-17, Troubleshooting), "
              "reboot the phone, then upload <MAC>-app.log again (keys 1-5-9)",
              "Technical Bulletin CS-14-17, Troubleshooting"},
  FindingKind{FindingCode::log_incomplete, "log_incomplete", Severity::warning, app_log,
              "the file does not contain the part of the log that shows what happened",
              "upload the full <MAC>-app.log (keys 1-5-9), not the -now-app.log snapshot",
              "sipfo's assumption (the documents show whole logs only)"},
  // `sipfo parse-pcap`: what only a capture shows.
  FindingKind{FindingCode::sip_retransmit_schedule, "sip_retransmit_schedule", Severity::warning, capture,
              "the phone's retransmissions of a request do not follow RFC 3261's timers (T1 doubling up to T2)",
              "compare the phone's SIP timer settings (T1, T2, the 84's reg.N.server.M.retryTimeOut) with the server's",
              "RFC 3261 17.1.1.2 (INVITE), 17.1.2.2 (non-INVITE)"},
  FindingKind{FindingCode::server_abandoned_early, "server_abandoned_early", Severity::warning, capture,
              "the phone gave up on a server that had not answered before Timer F (64*T1) ran out",
              "if the phone's documented rule says so (84 retryMaxCount), run with --profile; else check its timer "
              "settings",
              "RFC 3261 17.1.2.2 (Timer F); RFC 3263 4.3"},
  FindingKind{FindingCode::server_not_in_dns, "server_not_in_dns", Severity::warning, capture,
              "the phone sent SIP to an address that no DNS answer in the capture gave it",
              "check the phone's static server list or DNS cache, or start the capture before the phone boots so "
              "its lookups are in it",
              "RFC 3263 4.2 (the client uses the addresses DNS gives)"},
  FindingKind{FindingCode::tls_handshake_failed, "tls_handshake_failed", Severity::error, capture,
              "a TLS handshake with the server did not complete (an alert, or the connection closed first)",
              "check the server's certificate and TLS versions against what the phone offers (the alert says which)",
              "RFC 8446 6.2; RFC 5246 7.2"},
  FindingKind{FindingCode::capture_incomplete, "capture_incomplete", Severity::warning, capture,
              "the capture lost or cut packets the story needs (snaplen, lost TCP segments, missing fragments)",
              "capture whole packets (tcpdump -s 0) on the phone's port, without drops",
              "sipfo's assumption (what is not in a capture cannot be read from it)"},
  FindingKind{FindingCode::capture_no_sip, "capture_no_sip", Severity::warning, capture,
              "the capture holds no SIP request from the phone, so nothing of its registration can be told",
              "capture on the phone's switch port or the SBC with a filter that keeps ports 53, 5060 and 5061",
              "sipfo's assumption (a registration shows on the wire only as SIP)"},
  // `sipfo parse-pcap --profile`: each names the rule it checks and that rule's
  // own source; the registry's source is where the rules are listed.
  FindingKind{FindingCode::model_dns_questions, "model_dns_questions", Severity::warning, capture,
              "the phone asked DNS other questions (names, types or order) than its profile predicts",
              "check the server setting and transport (they decide which records the phone asks for)",
              "RFC 3263 4.1; CS-14-17, CS-18-09, Yealink Server Redundancy by profile (the finding names the section)"},
  FindingKind{FindingCode::model_server_order, "model_server_order", Severity::warning, capture,
              "the phone tried servers in another order than its profile predicts from the DNS answers it got",
              "check SRV priorities and weights, and the phone's server settings",
              "RFC 2782; RFC 3263 4.4; CS-14-17, CS-18-09, Yealink Server Redundancy "
              " by profile (the finding names the section)"},
  FindingKind{FindingCode::model_sip_timers, "model_sip_timers", Severity::warning, capture,
              "T1, T2 or Timer F measured on the wire differ from the model's",
              "check the phone's timer settings against the values the model names",
              "RFC 3261 17.1.2.2; the model's own values per sipfo-replay(1) MODELS (the finding names the source)"},
  FindingKind{FindingCode::model_retry_count, "model_retry_count", Severity::warning, capture,
              "the phone sent a request another number of times before trying the next server than its rule says",
              "check the phone's retry setting (the 84's reg.N.server.M.retryMaxCount)",
              "Polycom UC Software 4.1.6 guide (retryMaxCount), Yealink Server Redundancy "
              " by model (the finding names the source)"},
  FindingKind{FindingCode::model_registration_period, "model_registration_period", Severity::warning, capture,
              "the phone renewed its registration at another time than the granted expiry and its model predict",
              "check the phone's expires and overlap settings and what the server granted",
              "RFC 3261 10.2.4; the model's overlap per sipfo-replay(1) MODELS (the finding names the source)"},
  FindingKind{FindingCode::model_failback, "model_failback", Severity::warning, capture,
              "the phone went back to its first server at another time than its failback mode predicts, or never",
              "check the phone's failback mode and timeout",
              "84-Series Administration Guide (failOver.failBack.mode), Yealink Server Redundancy "
              " by model (the finding names the source)"},
  FindingKind{FindingCode::model_retry_backoff, "model_retry_backoff", Severity::warning, capture,
              "after every server failed, the phone waited another time before retrying than its model's rule",
              "check the phone's registration retry settings",
              "RFC 5626 4.5; the model's retry rule per sipfo-replay(1) MODELS (the finding names the source)"},
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

// Where a log and DNS or a SIP probe show the same thing under different codes
// (parse-pcap reuses parse-log's codes, so these pairs are its bridge to resolve's).
constexpr std::pair<FindingCode, FindingCode> same_meaning_pairs[] = {
  {FindingCode::dns_name_missing, FindingCode::name_missing},
  {FindingCode::dns_records_missing, FindingCode::no_address},
  {FindingCode::naptr_replacement_broken, FindingCode::naptr_dead_end},
  {FindingCode::transport_mismatch, FindingCode::srv_other_transport_unused},
  {FindingCode::dns_unreachable, FindingCode::dns_timeout},
  {FindingCode::dns_unreachable, FindingCode::dns_failure},
  {FindingCode::auth_rejected, FindingCode::register_rejected},
  {FindingCode::user_unknown, FindingCode::register_rejected},
  {FindingCode::server_timeout_failover, FindingCode::sip_no_response},
  {FindingCode::server_rejected, FindingCode::register_refused},
  {FindingCode::server_rejected, FindingCode::sip_server_error},
};

} // namespace

const char* severity_name(Severity severity) noexcept
{
  switch (severity) {
  case Severity::info: return "info";
  case Severity::warning: return "warning";
  case Severity::error: return "error";
  }
  return "error";
}

std::string_view to_string(Severity severity) noexcept { return severity_name(severity); }

std::string_view reporter_name(Reporter reporter) noexcept
{
  switch (reporter) {
  case Reporter::resolve: return "resolve";
  case Reporter::probe: return "probe";
  case Reporter::parse_log: return "parse-log";
  case Reporter::parse_pcap: return "parse-pcap";
  }
  return "resolve";
}

std::span<const FindingKind> finding_kinds() noexcept { return kinds; }

const FindingKind& finding_kind(FindingCode code) noexcept { return kinds[static_cast<std::size_t>(code)]; }

const FindingKind* find_finding_kind(std::string_view code) noexcept
{
  for (const auto& kind : kinds) {
    if (kind.code == code) return &kind;
  }
  return nullptr;
}

const FindingKind& finding_kind(std::string_view code)
{
  if (const auto* kind = find_finding_kind(code)) return *kind;
  throw std::logic_error("unregistered finding code: " + std::string(code));
}

std::vector<FindingCode> same_meaning(FindingCode code)
{
  std::vector<FindingCode> out;
  for (const auto& [a, b] : same_meaning_pairs) {
    if (a == code) out.push_back(b);
    if (b == code) out.push_back(a);
  }
  return out;
}

} // namespace sipfo::util
