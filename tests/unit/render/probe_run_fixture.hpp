#pragma once
// A probe run built by hand for the renderer tests: a PIVOT server list of
// three candidates probed with --user 1512: one active, one down by the
// server's own 503, one down by sipfo's local 503.

#include "sipfo/probe/report.hpp"
#include "sipfo/check/probe_check.hpp"
#include "sipfo/render/probe_report.hpp"

#include <chrono>

namespace sipfo::test {

inline probe::Exchange server_answer(int code, std::string reason, int rtt_ms, bool credentials = false)
{
  probe::Exchange e;
  e.code = code;
  e.reason = std::move(reason);
  e.origin = probe::Origin::server;
  e.rtt = std::chrono::milliseconds(rtt_ms);
  e.credentials_sent = credentials;
  return e;
}

inline probe::Exchange local_answer(int code, std::string reason, int rtt_ms)
{
  probe::Exchange e = server_answer(code, std::move(reason), rtt_ms);
  e.origin = probe::Origin::local;
  return e;
}

inline probe::TargetResult target_result(std::string address, std::uint16_t port, sip::Transport transport, int rank)
{
  probe::TargetResult r;
  r.target.endpoint = {std::move(address), port, transport};
  r.target.rank = rank;
  r.target.priority = 1;
  return r;
}

inline handset::Candidate literal_candidate(std::string address, std::uint16_t port, handset::Transport transport,
                                            int rank)
{
  handset::Candidate c;
  c.address = address;
  c.port = port;
  c.transport = transport;
  c.rank = rank;
  c.priority = 1;
  c.target = address;
  c.origin = handset::Origin::literal;
  return c;
}

// P1 10.0.0.1 UDP: 200 / 200 (active). P2 10.0.0.2 UDP: the server's 503 with
// Retry-After 30 / 503. P3 10.0.0.3 TCP: connection refused (sipfo's 503).
inline render::ProbeRun pivot_run()
{
  render::ProbeRun run;
  run.input.spec = "lab.test; 10.0.0.1; 10.0.0.2; 10.0.0.3";
  run.input.profile = "pivot";
  run.input.setting = {run.input.spec, 0, handset::TransportSetting::udp};
  run.input.user = "1512";
  run.resolution.rank_style = handset::RankStyle::serverspec;
  run.resolution.candidates = {literal_candidate("10.0.0.1", 5060, handset::Transport::udp, 1),
                               literal_candidate("10.0.0.2", 5060, handset::Transport::udp, 2),
                               literal_candidate("10.0.0.3", 5060, handset::Transport::tcp, 3)};

  auto p1 = target_result("10.0.0.1", 5060, sip::Transport::udp, 1);
  p1.options = server_answer(200, "OK", 12);
  p1.registration = server_answer(200, "OK", 30, true);
  auto p2 = target_result("10.0.0.2", 5060, sip::Transport::udp, 2);
  p2.options = server_answer(503, "Service Unavailable", 5);
  p2.options->retry_after = std::chrono::seconds(30);
  p2.registration = server_answer(503, "Service Unavailable", 6);
  auto p3 = target_result("10.0.0.3", 5060, sip::Transport::tcp, 3);
  p3.options = local_answer(503, "connection refused", 0);
  p3.registration = local_answer(503, "connection refused", 0);
  run.probe = probe::make_report({p1, p2, p3}, probe::RegisterCheck::on);
  const auto findings = check::probe_findings(run.probe);
  run.resolution.findings = findings;
  run.exit_status = check::probe_status(run.probe, {{}, findings});
  return run;
}

// 2026-01-02T03:04:05Z
inline std::chrono::system_clock::time_point fixed_time()
{
  using namespace std::chrono;
  return sys_days{year{2026} / January / 2} + hours{3} + minutes{4} + seconds{5};
}

} // namespace sipfo::test
