#pragma once
// How one run probes its targets: timers, the account for REGISTER, the
// REGISTER mode (design §4).

#include "sipfo/probe/message_trace.hpp"
#include "sipfo/sip/transaction_timers.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace sipfo::probe {

enum class RegisterMode {
  query, // default: REGISTER without Contact, a binding query (RFC 3261 10.2.3)
  bind,  // --register-mode=bind: register a probe Contact, then remove it (Expires: 0)
};

// The account REGISTER checks (--user and friends). The password is only ever
// used inside the digest computation; nothing prints it.
struct Account {
  std::string user;       // user part of the address of record (--user)
  std::string auth_user;  // digest user name (--auth-user); empty: `user`
  std::string domain;     // --domain; empty: the target's server name, else its address
  // --password-file / SIPFO_PASSWORD; nullopt: no credentials, so a 401 ends
  // the REGISTER as "failed" (design §4).
  std::optional<std::string> password;
};

struct ProbeSettings {
  sip::TimerSettings timers;
  std::optional<Account> account; // REGISTER probes only when set
  RegisterMode register_mode = RegisterMode::query;
  std::chrono::seconds bind_expires{60}; // Expires of the probe Contact in bind mode
  // What an SBC's ACL looks at. From of the OPTIONS (--from; empty:
  // "sip:sipfo@<local address>"); a REGISTER keeps From = To = the address of
  // record, as a phone sends it (RFC 3261 10.2). User-Agent of every request
  // (--user-agent; empty: "sipfo/<version>").
  std::string from_uri;
  std::string user_agent;
  MessageTrace trace; // --sip-trace: called for every message; empty: no trace
};

} // namespace sipfo::probe
