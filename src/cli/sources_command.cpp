// `sipfo sources`: the vendor documents and RFCs behind sipfo's rules, under the
// names its output cites them by (issue 14: no internal tag a reader cannot look up).

#include "command.hpp"
#include "source_documents.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdio>

namespace sipfo::cli {

namespace {

constexpr std::array documents{
  SourceDocument{"CS-14-17", "Spectralink Technical Bulletin CS-14-17, \"84-Series Failover Configuration Using DNS\"",
                 "84-Series resolution rules (NAPTR, SRV, A; port and transport), the app.log walkthrough"},
  SourceDocument{"CS-18-09", "Spectralink Technical Bulletin CS-18-09, \"Spectralink PIVOT Call Server Redundancy\"",
                 "PIVOT serverspecs, the candidate list, up/down/failed, preferred and load-balancing modes"},
  SourceDocument{"Lync Interoperability Guide",
                 "\"Spectralink 84-Series Wireless Telephone - Microsoft Lync Server 2013 Interoperability Guide\"",
                 "the Lync base profile's registerRetry values, TLS"},
  SourceDocument{"Yealink Server Redundancy", "Yealink, \"Server Redundancy on Yealink IP Phones\" (both editions)",
                 "transport types, failover and fallback, failback modes, the static DNS cache"},
  SourceDocument{"84-Series Administration Guide",
                 "Spectralink 84-Series Wireless Telephone Administration Guide, 1725-86984-000 Rev P",
                 "failOver.failBack.mode and .timeout (pp.231-232), the static DNS cache (p.253)"},
  SourceDocument{"Polycom UC Software 4.1.6 guide",
                 "Polycom VVX Expansion Module Administrator's Guide Addendum, UC Software 4.1.6 (2200-46350-025)",
                 "reg.x.server.y.* defaults and ranges (pp.47-51)"},
  SourceDocument{"Polycom SoundPoint IP SIP 3.1 guide", "Polycom SoundPoint IP Administrator's Guide, SIP 3.1 (and 2.2)",
                 "behaviour when the primary server fails, the DNS-timeout warning"},
  SourceDocument{"Yealink Administrator's Guide", "Yealink IP Phones Administrator's Guide (SIP-T2/T4/T5 series)",
                 "failback modes, registration retry timers, reg_surge_prevention, register_expires_overlap"},
  SourceDocument{"RFC 3261", "RFC 3261, SIP: Session Initiation Protocol", "transactions, timers T1/T2/F, REGISTER"},
  SourceDocument{"RFC 3263", "RFC 3263, Locating SIP Servers", "NAPTR/SRV/A resolution, next server on failure"},
  SourceDocument{"RFC 2782", "RFC 2782, A DNS RR for specifying the location of services (DNS SRV)",
                 "SRV priority and weighted choice"},
  SourceDocument{"RFC 3403", "RFC 3403, Dynamic Delegation Discovery System Part Three (NAPTR)", "NAPTR records"},
  SourceDocument{"RFC 5626", "RFC 5626, Managing Client-Initiated Connections in SIP (outbound)",
                 "registration backoff after every server failed"},
  SourceDocument{"RFC 7616", "RFC 7616, HTTP Digest Access Authentication", "REGISTER digest authentication"},
};

void run_sources()
{
  for (const auto& document : documents) {
    fmt::print("{}\n    {}\n    used for: {}\n", document.cited_as, document.title, document.used_for);
  }
}

} // namespace

std::span<const SourceDocument> source_documents() { return documents; }

void add_sources_command(CLI::App& app, Context&)
{
  auto* command = app.add_subcommand("sources", "List the vendor documents and RFCs that sipfo's rules cite");
  command->callback([] { run_sources(); });
}

} // namespace sipfo::cli
