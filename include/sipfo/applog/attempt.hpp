#pragma once
// One registration attempt rebuilt from app.log: who registers, the DNS chain the
// phone walked (CS-14-17 "Parsing the Log"), the candidates in try order, what SIP
// said, and the diagnosis.

#include "sipfo/applog/diagnosis.hpp"
#include "sipfo/applog/dns_lookup.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sipfo::applog {

enum class Outcome { registered, failed, unknown };
std::string_view to_string(Outcome outcome) noexcept;

// A server the phone may register to, in the phone's try order.
struct Candidate {
  std::string target;  // SRV target or A name it came from
  std::string address; // IPv4/IPv6; "" when the target had no address
  std::int64_t port = 5060;
  Transport transport = Transport::udp;
  std::int64_t priority = -1; // from SRV; -1 when not from SRV
  std::int64_t weight = -1;
  std::uint64_t line = 0; // where the address (or the SRV record) was logged
};

// "Registration failed" (REAL) or a transaction timeout (SYN).
struct SipFailure {
  std::uint64_t line = 0;
  std::int64_t code = 0; // SIP status code
  std::string reason;
  std::string user;
  std::string server; // ip:port when the log names it
};

// A step of the SIP exchange for the tree view (request, response, failover...).
struct SipStep {
  std::uint64_t line = 0;
  std::string summary;
};

// "dnsSrv2A calling LookupForList(A) for 'T' port P": the phone resolves an SRV target.
struct SrvToA {
  std::string target;
  std::int64_t port = -1;
  std::uint64_t line = 0;
};

// "returning passed in ipAddress": the phone uses an address (no DNS involved).
struct UsedAddress {
  std::uint64_t line = 0;
  std::string address;
};

// A log line kept for --explain, with its note.
struct ExplainLine {
  std::uint64_t line = 0;
  std::string stamp;
  std::string module;
  char level = ' ';
  std::string text;
  std::string note;
  int lookup = -1; // index into Attempt::lookups, -1 when not about a lookup
};

struct Attempt {
  std::uint64_t first_line = 0;
  std::uint64_t last_line = 0;
  std::uint64_t register_line = 0; // "Sip Register" line; 0 for an attempt seen only through DNS
  std::string user;
  std::int64_t line_index = -1; // Inx
  bool starts_mid_chain = false; // opened by a result line whose lookup start is not in the log

  std::string configured_name;   // the server name the chain resolves (decided at close)
  std::vector<DnsLookup> lookups; // in start order
  std::vector<SrvToA> srv_to_a;
  std::vector<UsedAddress> used_addresses;
  std::string reported_host;           // the name sip-4 lines report ("NAPTR query for host 'H'")
  std::uint64_t chain_done_line = 0;   // "dnsSrv2A ... returned OK", or the A answer of the name
  std::int64_t explicit_port = -1;     // from "Doing DNS A lookup (port N)" before any NAPTR/SRV
  std::uint64_t a_step_line = 0;       // that line
  std::string a_step_name;             // the A lookup that followed the first "Doing DNS A lookup"
  std::uint64_t naptr_empty_line = 0;  // sip: NAPTR query ... returned no results
  std::uint64_t no_address_line = 0;   // sip: ... found no records.
  std::optional<Transport> transport;  // from the (udp)/(tcp) tags or the SRV name

  std::vector<Candidate> candidates;
  std::vector<SipStep> sip_steps;
  std::vector<SipFailure> failures;
  std::uint64_t explicit_success_line = 0; // a SIP line says registered (SYN texts)
  std::string explicit_server;             // the server that line names
  std::uint64_t success_line = 0; // explicit success, or the inferred one (decided at close)
  bool success_inferred = false;  // no sip success line: the chain resolved and the phone used the address
  std::string active;             // address (or ip:port) of the success

  Outcome outcome = Outcome::unknown;
  std::optional<Diagnosis> diagnosis; // set when the attempt closes
  std::vector<ExplainLine> explain;
  std::uint64_t explain_dropped = 0; // lines not kept (bounded memory)
  std::uint64_t lookups_dropped = 0;
};

} // namespace sipfo::applog
