#include "sipfo/dns/ares_resolver.hpp"

#include "sipfo/dns/answer_outcome.hpp"
#include "sipfo/dns/dns_message.hpp"
#include "server_address.hpp"
#include "zone_name.hpp"
#include "zone_presentation.hpp"

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
#include <span>
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
  case ARES_ENOTIMP: return Outcome::servfail;
  case ARES_EBADRESP: return Outcome::malformed;
  case ARES_EBADNAME:
    throw util::InputError("", fmt::format("'{}' is not a valid DNS name", question.name),
                           "labels are 1 to 63 characters, the whole name at most 253");
  default: throw std::runtime_error(fmt::format("DNS query for {} failed: {}", question.name, ares_strerror(status)));
  }
}

// A question's name twice: as c-ares 1.18 ares_query takes it, and in sipfo's
// presentation form (zone_name.hpp name_text), the form names read from the
// wire come back in.
struct QueryName {
  std::string for_ares;
  std::string canonical;
};

// c-ares 1.18 (ares_create_query.c) reads `\X` as the octet X but knows no
// `\DDD`: `a\032b` would be asked as the label "a032b". So the name is read
// here (RFC 1035 5.1 escapes) into octets, and only `.` and `\` inside a label
// are escaped again for c-ares; every other octet is passed as it is.
QueryName query_name(const std::string& name)
{
  auto read = read_name(absolute_name(name));
  if (!read.error.empty()) {
    throw util::InputError("", fmt::format("'{}' is not a valid DNS name: {}", text_for_message(name), read.error),
                           "labels are 1 to 63 octets; write a dot inside a label as \\. and other octets as \\DDD");
  }
  QueryName out{{}, name_text(read.labels)};
  for (const auto& label : read.labels) {
    for (char octet : label) {
      if (octet == '\0') {
        throw util::InputError("", fmt::format("'{}' has a zero octet (\\000) in a label", text_for_message(name)),
                               "the DNS library sipfo uses cannot ask for such a name");
      }
      if (octet == '.' || octet == '\\') out.for_ares += '\\';
      out.for_ares += octet;
    }
    out.for_ares += '.';
  }
  if (out.for_ares.empty()) out.for_ares = ".";
  return out;
}

// One configured server and the two channels that ask only it, so every
// answer is credited to the server that sent it (c-ares 1.18 does not say
// which of a channel's servers answered).
struct ServerChannels {
  std::string source; // "127.0.0.1@53"
  Channel udp;
  Channel tcp;
};

// The questions of one resolve() call and the channels they run on.
struct Batch;

// One question in flight.
struct Pending {
  Batch* batch = nullptr;
  Answer answer;
  QueryName name;
  std::size_t server = 0;              // the server being asked, an index into Batch::servers
  SteadyClock::time_point sent;        // when that server was asked
  bool finished = false;
};

struct Batch {
  std::span<ServerChannels> servers;
  std::vector<Pending> pending;
  std::size_t unfinished = 0;
  std::exception_ptr error; // the first exception a callback caught

  explicit Batch(std::span<ServerChannels> all) : servers(all) {}
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  // Whatever is still in flight is cancelled while the batch is alive, so no
  // c-ares callback ever sees a dangling Pending.
  ~Batch() { cancel(); }
  void cancel()
  {
    for (auto& server : servers) {
      ares_cancel(server.udp.get());
      ares_cancel(server.tcp.get());
    }
  }
};

// RFC 4343: names compare ASCII case-insensitively.
bool same_question(const Question& asked, const std::string& canonical_name, const Question& replied)
{
  return asked.type == replied.type && same_name(canonical_name, replied.name);
}

// A reply that reads but is no answer to this question; c-ares 1.18 already
// drops replies with another ID or another question section (ares_process.c
// same_questions), but not one with QR=0.
std::string not_an_answer(const DnsMessage& message, const Pending& pending)
{
  if (!message.header.response) {
    return "the reply has QR=0: it is a query, not a response (RFC 1035 4.1.1)";
  }
  const auto& question = pending.answer.question;
  if (message.question && !same_question(question, pending.name.canonical, *message.question)) {
    return fmt::format("the reply is for {} {}, not for the question asked", rr_type_name(message.question->type),
                       message.question->name);
  }
  return {};
}

void finish(Pending& pending, int status, std::span<const std::uint8_t> message, Carrier carrier)
{
  auto& answer = pending.answer;
  answer.carrier = carrier;
  answer.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - pending.sent);
  answer.size = message.size();
  answer.source = pending.batch->servers[pending.server].source;
  if (message.empty()) {
    answer.outcome = outcome_of_status(status, answer.question);
    if (answer.outcome == Outcome::malformed) answer.problem = "the DNS library could not read the reply";
    if ((answer.outcome == Outcome::timeout || answer.outcome == Outcome::unreachable) && !answer.missed.empty()) {
      // No server answered: name them all, in the order they were asked.
      std::string all;
      for (const auto& miss : answer.missed) all += miss.source + ", ";
      answer.source = all + answer.source;
      answer.missed.clear();
    }
    return;
  }
  std::string why;
  auto parsed = read_dns_message(message, why);
  if (!parsed) {
    answer.outcome = Outcome::malformed;
    answer.problem = "the reply could not be read: " + why;
    return;
  }
  if (auto wrong = not_an_answer(*parsed, pending); !wrong.empty()) {
    answer.outcome = Outcome::malformed;
    answer.problem = std::move(wrong);
    return;
  }
  fill_from_reply(answer, std::move(*parsed), Question{pending.name.canonical, answer.question.type});
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

void on_udp_answer(void* arg, int status, int timeouts, unsigned char* abuf, int alen) noexcept;

// Asks the pending question of the server it is at, over UDP.
void ask(Pending& pending)
{
  pending.sent = SteadyClock::now();
  ares_query(pending.batch->servers[pending.server].udp.get(), pending.name.for_ares.c_str(), class_in,
             static_cast<int>(pending.answer.question.type), on_udp_answer, &pending);
}

// A server that gave nothing back (no reply in time, its port closed) is passed
// over for the next one in the list, as c-ares does with several servers on one
// channel; what it cost is kept. A reply of any kind, even SERVFAIL, is final
// (ARES_FLAG_NOCHECKRESP: sipfo reports what the server said).
bool ask_next_server(Pending& pending, int status, std::span<const std::uint8_t> message)
{
  if (!message.empty() || (status != ARES_ETIMEOUT && status != ARES_ECONNREFUSED)) return false;
  if (pending.server + 1 >= pending.batch->servers.size()) return false;
  const auto waited = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - pending.sent);
  pending.answer.missed.push_back(ServerMiss{pending.batch->servers[pending.server].source,
                                             outcome_of_status(status, pending.answer.question), waited});
  ++pending.server;
  ask(pending);
  return true;
}

void on_tcp_answer(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) noexcept
{
  auto& pending = *static_cast<Pending*>(arg);
  guarded(pending, [&] {
    finish(pending, status, message_bytes(abuf, alen), Carrier::tcp);
    mark_finished(pending);
  });
}

// RFC 1035 4.2.1, RFC 7766 5: a truncated UDP answer is asked again over TCP,
// of the same server.
void on_udp_answer(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) noexcept
{
  auto& pending = *static_cast<Pending*>(arg);
  guarded(pending, [&] {
    auto message = message_bytes(abuf, alen);
    if (ask_next_server(pending, status, message)) return;
    auto header = read_dns_header(message);
    if (header && header->truncated && header->response) {
      pending.answer.truncated = true;
      const auto& question = pending.answer.question;
      ares_query(pending.batch->servers[pending.server].tcp.get(), pending.name.for_ares.c_str(), class_in,
                 static_cast<int>(question.type), on_tcp_answer, &pending);
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
  timeval* next = &until_deadline;
  std::vector<timeval> scratch(batch.servers.size() * 2);
  for (std::size_t i = 0; i < batch.servers.size(); ++i) {
    next = ares_timeout(batch.servers[i].udp.get(), next, &scratch[2 * i]);
    next = ares_timeout(batch.servers[i].tcp.get(), next, &scratch[2 * i + 1]);
  }
  const long ms = static_cast<long>(next->tv_sec) * 1000 + (next->tv_usec + 999) / 1000;
  return static_cast<int>(std::min(ms, 60'000L)); // the loop looks again at least every minute
}

// One poll() loop drives every channel until every question is finished or the
// deadline passes; then whatever is left is cancelled and reads as TIMEOUT.
void drive(Batch& batch, SteadyClock::time_point deadline)
{
  std::vector<pollfd> fds;
  std::vector<ares_channel> owners;
  while (batch.unfinished > 0) {
    if (SteadyClock::now() >= deadline) {
      batch.cancel();
      break;
    }
    fds.clear();
    owners.clear();
    for (auto& server : batch.servers) {
      watch_sockets(server.udp.get(), fds, owners);
      watch_sockets(server.tcp.get(), fds, owners);
    }
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
    for (auto& server : batch.servers) { // c-ares's own timeouts
      ares_process_fd(server.udp.get(), ARES_SOCKET_BAD, ARES_SOCKET_BAD);
      ares_process_fd(server.tcp.get(), ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    }
  }
}

class AresResolver : public Resolver {
public:
  AresResolver(std::vector<ServerAddress> servers, bool from_system, milliseconds timeout)
    : servers_(std::move(servers)), from_system_(from_system), timeout_(timeout)
  {
    // Each server gets an equal share of the bound: c-ares asks it twice, t then
    // 2t, before the question moves on to the next server.
    const auto count = static_cast<long>(std::max<std::size_t>(servers_.size(), 1));
    const auto per_try = std::clamp<long>(timeout_.count() / (3 * count), 1, std::numeric_limits<int>::max());
    const milliseconds try_timeout{per_try};
    for (const auto& server : servers_) {
      const auto csv = server_csv_entry(server);
      channels_.push_back(ServerChannels{server_source(server), open_channel(Transport::udp, try_timeout, csv),
                                         open_channel(Transport::tcp, try_timeout, csv)});
    }
  }

  std::vector<Answer> resolve(std::span<const Question> questions) override
  {
    if (questions.empty()) return {};
    if (channels_.empty()) throw std::runtime_error("no DNS server to ask");
    Batch batch(channels_);
    batch.pending.resize(questions.size());
    batch.unfinished = questions.size();
    for (std::size_t i = 0; i < questions.size(); ++i) {
      auto& pending = batch.pending[i];
      pending.batch = &batch;
      pending.answer.question = questions[i];
      pending.name = query_name(questions[i].name);
    }
    for (auto& pending : batch.pending) ask(pending);
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
  std::vector<ServerAddress> servers_;
  bool from_system_ = false;
  milliseconds timeout_;
  std::vector<ServerChannels> channels_;
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
