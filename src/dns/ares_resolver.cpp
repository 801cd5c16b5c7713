#include "sipfo/dns/ares_resolver.hpp"

#include "answer_outcome.hpp"
#include "dns_message.hpp"
#include "server_address.hpp"

#include "sipfo/util/duration.hpp"
#include "sipfo/util/input_error.hpp"

#include <ares.h>
#include <arpa/inet.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <type_traits>

namespace sipfo::dns {

namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int class_in = 1;
// c-ares sends each question at most twice per server: after one per-try timeout
// t it asks again and waits 2t (c-ares 1.18 doubles the timeout each round), so
// one question takes at most 3·t·servers, which is fitted into AresOptions::timeout.
constexpr int tries_per_server = 2;

void init_ares_library()
{
  static std::once_flag once;
  std::call_once(once, [] {
    if (int status = ares_library_init(ARES_LIB_INIT_ALL); status != ARES_SUCCESS) {
      throw std::runtime_error(fmt::format("cannot initialise c-ares: {}", ares_strerror(status)));
    }
  });
}

struct ChannelFree {
  void operator()(ares_channel channel) const noexcept { ares_destroy(channel); }
};
using Channel = std::unique_ptr<std::remove_pointer_t<ares_channel>, ChannelFree>;

struct ServerListFree {
  void operator()(ares_addr_port_node* servers) const noexcept { ares_free_data(servers); }
};

// The transport a channel asks over.
enum class Transport { udp, tcp };

// A channel asking only the servers in `servers_csv` (empty: resolv.conf's),
// with SERVFAIL/REFUSED handed back as they are (NOCHECKRESP), no search list,
// and either UDP that returns truncated answers as they are (IGNTC) or TCP only.
Channel open_channel(Transport transport, milliseconds try_timeout, const std::string& servers_csv)
{
  ares_options options{};
  options.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH |
                  (transport == Transport::udp ? ARES_FLAG_IGNTC : ARES_FLAG_USEVC);
  options.timeout = static_cast<int>(try_timeout.count()); // ms, with ARES_OPT_TIMEOUTMS
  options.tries = tries_per_server;
  ares_channel raw = nullptr;
  int status = ares_init_options(&raw, &options, ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
  if (status != ARES_SUCCESS) {
    throw std::runtime_error(fmt::format("cannot start a DNS channel: {}", ares_strerror(status)));
  }
  Channel channel(raw);
  if (!servers_csv.empty()) {
    status = ares_set_servers_ports_csv(channel.get(), servers_csv.c_str());
    if (status != ARES_SUCCESS) {
      throw std::runtime_error(fmt::format("c-ares refused the servers '{}': {}", servers_csv, ares_strerror(status)));
    }
  }
  return channel;
}

// The servers resolv.conf gives (c-ares's reading of it, 127.0.0.1 when it names none).
std::vector<ServerAddress> system_servers()
{
  auto channel = open_channel(Transport::udp, milliseconds{1000}, {});
  ares_addr_port_node* raw = nullptr;
  if (int status = ares_get_servers_ports(channel.get(), &raw); status != ARES_SUCCESS) {
    throw std::runtime_error(fmt::format("cannot read the system's DNS servers: {}", ares_strerror(status)));
  }
  std::unique_ptr<ares_addr_port_node, ServerListFree> list(raw);
  std::vector<ServerAddress> servers;
  for (auto* node = list.get(); node; node = node->next) {
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(node->family, &node->addr, text, sizeof text);
    auto port = static_cast<std::uint16_t>(node->udp_port ? node->udp_port : 53); // 0: the default
    servers.push_back(ServerAddress{text, port, node->family == AF_INET6});
  }
  return servers;
}

std::vector<ServerAddress> parse_servers(const std::vector<std::string>& texts)
{
  std::vector<ServerAddress> servers;
  for (const auto& text : texts) {
    auto server = parse_server_address(text);
    if (!server) {
      throw util::InputError("", fmt::format("bad --dns-server '{}'", text),
                             "give an IP address with an optional port: 127.0.0.1, 127.0.0.1:5353, [::1]:5353");
    }
    servers.push_back(*server);
  }
  return servers;
}

std::string servers_csv(const std::vector<ServerAddress>& servers)
{
  std::string csv;
  for (const auto& server : servers) {
    if (!csv.empty()) csv += ',';
    csv += server_csv_entry(server);
  }
  return csv;
}

// The outcome of a c-ares status that came without a message (peers.md: c-ares
// 1.18 ares_query.c qcallback, ares_process.c).
Outcome outcome_of_status(int status, const Question& question)
{
  switch (status) {
  case ARES_ETIMEOUT:
  case ARES_ECANCELLED:
  case ARES_EDESTRUCTION: return Outcome::timeout;
  case ARES_ECONNREFUSED: return Outcome::unreachable;
  case ARES_ENODATA: return Outcome::nodata;
  case ARES_ENOTFOUND: return Outcome::nxdomain;
  case ARES_EREFUSED: return Outcome::refused;
  case ARES_ESERVFAIL:
  case ARES_EFORMERR:
  case ARES_ENOTIMP:
  case ARES_EBADRESP: return Outcome::servfail;
  case ARES_EBADNAME:
    throw util::InputError("", fmt::format("'{}' is not a valid DNS name", question.name),
                           "labels are 1 to 63 characters, the whole name at most 253");
  default: throw std::runtime_error(fmt::format("DNS query for {} failed: {}", question.name, ares_strerror(status)));
  }
}

// The questions of one resolve() call and the two channels they run on.
struct Batch;

// One question in flight.
struct Pending {
  Batch* batch = nullptr;
  Answer answer;
  SteadyClock::time_point sent;
  bool finished = false;
};

struct Batch {
  ares_channel udp = nullptr;
  ares_channel tcp = nullptr;
  std::vector<Pending> pending;
  std::size_t unfinished = 0;
  std::exception_ptr error; // the first exception a callback caught

  Batch(ares_channel udp_channel, ares_channel tcp_channel) : udp(udp_channel), tcp(tcp_channel) {}
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  // Whatever is still in flight is cancelled while the batch is alive, so no
  // c-ares callback ever sees a dangling Pending.
  ~Batch()
  {
    ares_cancel(udp);
    ares_cancel(tcp);
  }
};

void finish(Pending& pending, int status, std::span<const std::uint8_t> message, Carrier carrier)
{
  auto& answer = pending.answer;
  answer.carrier = carrier;
  answer.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - pending.sent);
  answer.size = message.size();
  if (message.empty()) {
    answer.outcome = outcome_of_status(status, answer.question);
  } else if (auto parsed = read_dns_message(message)) {
    answer.outcome = outcome_of(*parsed, answer.question);
    answer.records = std::move(parsed->answers);
    if (answer.outcome == Outcome::nxdomain || answer.outcome == Outcome::nodata) {
      answer.negative_ttl = parsed->negative_ttl;
    }
  } else {
    answer.outcome = Outcome::servfail; // a malformed answer: the server failed to answer
  }
}

// Runs `step` for a c-ares callback; nothing may be thrown through C code, so an
// exception is kept for resolve() to rethrow and the question counts as done.
template <typename Step>
void guarded(Pending& pending, Step step) noexcept
{
  try {
    step();
  } catch (...) {
    if (!pending.batch->error) pending.batch->error = std::current_exception();
    if (!pending.finished) {
      pending.finished = true;
      --pending.batch->unfinished;
    }
  }
}

std::span<const std::uint8_t> message_bytes(const unsigned char* abuf, int alen)
{
  if (!abuf || alen <= 0) return {};
  return {abuf, static_cast<std::size_t>(alen)};
}

void mark_finished(Pending& pending)
{
  pending.finished = true;
  --pending.batch->unfinished;
}

void on_tcp_answer(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) noexcept
{
  auto& pending = *static_cast<Pending*>(arg);
  guarded(pending, [&] {
    finish(pending, status, message_bytes(abuf, alen), Carrier::tcp);
    mark_finished(pending);
  });
}

// RFC 1035 4.2.1, RFC 7766 5: a truncated UDP answer is asked again over TCP.
void on_udp_answer(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) noexcept
{
  auto& pending = *static_cast<Pending*>(arg);
  guarded(pending, [&] {
    auto message = message_bytes(abuf, alen);
    auto header = read_dns_header(message);
    if (header && header->truncated) {
      pending.answer.truncated = true;
      const auto& question = pending.answer.question;
      ares_query(pending.batch->tcp, question.name.c_str(), class_in, static_cast<int>(question.type),
                 on_tcp_answer, &pending);
      return;
    }
    finish(pending, status, message, Carrier::udp);
    mark_finished(pending);
  });
}

// The sockets c-ares wants watched on `channel`, appended to `fds` with their channel.
void watch_sockets(ares_channel channel, std::vector<pollfd>& fds, std::vector<ares_channel>& owners)
{
  ares_socket_t sockets[ARES_GETSOCK_MAXNUM];
  const int bits = ares_getsock(channel, sockets, ARES_GETSOCK_MAXNUM);
  for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
    short events = 0;
    if (ARES_GETSOCK_READABLE(bits, i)) events |= POLLIN;
    if (ARES_GETSOCK_WRITABLE(bits, i)) events |= POLLOUT;
    if (!events) break;
    fds.push_back(pollfd{sockets[i], events, 0});
    owners.push_back(channel);
  }
}

timeval to_timeval(SteadyClock::duration duration)
{
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
  if (us < 0) us = 0;
  return timeval{static_cast<time_t>(us / 1'000'000), static_cast<suseconds_t>(us % 1'000'000)};
}

// Milliseconds until c-ares next needs attention or the deadline, rounded up.
int wait_ms(const Batch& batch, SteadyClock::time_point deadline)
{
  timeval until_deadline = to_timeval(deadline - SteadyClock::now());
  timeval udp_next{}, tcp_next{};
  timeval* next = ares_timeout(batch.udp, &until_deadline, &udp_next);
  next = ares_timeout(batch.tcp, next, &tcp_next);
  const long ms = static_cast<long>(next->tv_sec) * 1000 + (next->tv_usec + 999) / 1000;
  return static_cast<int>(std::min(ms, 60'000L)); // the loop looks again at least every minute
}

// One poll() loop drives both channels until every question is finished or the
// deadline passes; then whatever is left is cancelled and reads as TIMEOUT.
void drive(Batch& batch, SteadyClock::time_point deadline)
{
  std::vector<pollfd> fds;
  std::vector<ares_channel> owners;
  while (batch.unfinished > 0) {
    if (SteadyClock::now() >= deadline) {
      ares_cancel(batch.udp);
      ares_cancel(batch.tcp);
      break;
    }
    fds.clear();
    owners.clear();
    watch_sockets(batch.udp, fds, owners);
    watch_sockets(batch.tcp, fds, owners);
    if (poll(fds.data(), fds.size(), wait_ms(batch, deadline)) < 0 && errno != EINTR) {
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      const short ready = fds[i].revents;
      if (!ready) continue;
      auto readable = ready & (POLLIN | POLLERR | POLLHUP) ? fds[i].fd : ARES_SOCKET_BAD;
      auto writable = ready & POLLOUT ? fds[i].fd : ARES_SOCKET_BAD;
      ares_process_fd(owners[i], readable, writable);
    }
    ares_process_fd(batch.udp, ARES_SOCKET_BAD, ARES_SOCKET_BAD); // c-ares's own timeouts
    ares_process_fd(batch.tcp, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
  }
}

class AresResolver : public Resolver {
public:
  AresResolver(std::vector<ServerAddress> servers, bool from_system, milliseconds timeout)
    : servers_(std::move(servers)), from_system_(from_system), timeout_(timeout)
  {
    const auto csv = servers_csv(servers_);
    const auto count = static_cast<long>(std::max<std::size_t>(servers_.size(), 1));
    const auto per_try = std::clamp<long>(timeout_.count() / (3 * count), 1, std::numeric_limits<int>::max());
    const milliseconds try_timeout{per_try};
    udp_ = open_channel(Transport::udp, try_timeout, csv);
    tcp_ = open_channel(Transport::tcp, try_timeout, csv);
  }

  std::vector<Answer> resolve(std::span<const Question> questions) override
  {
    if (questions.empty()) return {};
    Batch batch(udp_.get(), tcp_.get());
    batch.pending.resize(questions.size());
    batch.unfinished = questions.size();
    const auto source = answer_source();
    for (std::size_t i = 0; i < questions.size(); ++i) {
      auto& pending = batch.pending[i];
      pending.batch = &batch;
      pending.answer.question = questions[i];
      pending.answer.source = source;
    }
    for (auto& pending : batch.pending) {
      const auto& question = pending.answer.question;
      pending.sent = SteadyClock::now();
      ares_query(batch.udp, question.name.c_str(), class_in, static_cast<int>(question.type), on_udp_answer,
                 &pending);
    }
    // All questions were sent within microseconds: one deadline, counted from
    // the last send, gives each of them at least its whole timeout.
    drive(batch, SteadyClock::now() + timeout_);
    if (batch.error) std::rethrow_exception(batch.error);
    std::vector<Answer> answers;
    answers.reserve(batch.pending.size());
    for (auto& pending : batch.pending) answers.push_back(std::move(pending.answer));
    return answers;
  }

  // "127.0.0.1@5353 (UDP, TCP on truncation), timeout 3 s"
  std::string describe() const override
  {
    std::string names;
    for (const auto& server : servers_) {
      if (!names.empty()) names += ", ";
      names += server_source(server);
    }
    return fmt::format("{}{} (UDP, TCP on truncation{}), timeout {}", names,
                       from_system_ ? " from /etc/resolv.conf" : "",
                       servers_.size() > 1 ? "; servers tried in order" : "",
                       util::format_duration(timeout_));
  }

private:
  // c-ares 1.18 does not say which server answered: with several, name the first.
  std::string answer_source() const
  {
    if (servers_.empty()) return {};
    auto first = server_source(servers_.front());
    return servers_.size() == 1 ? first : fmt::format("{} (first of {})", first, servers_.size());
  }

  std::vector<ServerAddress> servers_;
  bool from_system_ = false;
  milliseconds timeout_;
  Channel udp_;
  Channel tcp_;
};

} // namespace

std::unique_ptr<Resolver> make_ares_resolver(const AresOptions& options)
{
  auto servers = parse_servers(options.servers);
  init_ares_library();
  const bool from_system = servers.empty();
  if (from_system) servers = system_servers();
  const auto timeout = std::max(options.timeout, milliseconds{1});
  return std::make_unique<AresResolver>(std::move(servers), from_system, timeout);
}

} // namespace sipfo::dns
