// sipfo_delay_proxy LISTEN_ADDR LISTEN_PORT UPSTREAM_ADDR UPSTREAM_PORT [DELAY_MS]
//
// A DNS forwarder on loopback that makes a fast local server look far away: every
// query (UDP or TCP, on the same port) is passed to the upstream server at once,
// and its answer is held for DELAY_MS (default 50) after it arrives before it is
// sent back. Each query has its own timer, so concurrent queries are delayed
// side by side, not one after another; a client that asks three questions at
// once waits one delay, not three. One poll() loop, no threads. Runs until killed.

#include "loopback.hpp"

#include <fcntl.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace sipfo::testing;
using Clock = std::chrono::steady_clock;

// An exchange with the upstream server that nobody answered is dropped after this.
constexpr auto upstream_patience = std::chrono::seconds(10);

// A client's TCP connection: bytes read but not yet a whole framed message.
struct TcpClient {
  int fd = -1;
  std::string unread;
};

// One query forwarded upstream, waiting for its answer.
struct Exchange {
  int upstream = -1;       // UDP (connected) or TCP socket to the upstream server
  bool tcp = false;
  Endpoint client;         // UDP: where the answer goes
  std::uint64_t client_id; // TCP: the connection it goes back on
  std::string unread;      // TCP: the framed answer so far
  Clock::time_point started;
};

// An answer held back until `at`.
struct Release {
  Clock::time_point at;
  bool tcp = false;
  Endpoint client;
  std::uint64_t client_id = 0;
  std::string message; // TCP: with its 2-byte length prefix
};

class DelayProxy {
public:
  DelayProxy(int udp, int tcp, Endpoint upstream, std::chrono::milliseconds delay)
    : udp_(udp), tcp_(tcp), upstream_(upstream), delay_(delay)
  {
  }

  [[noreturn]] void run()
  {
    for (;;) {
      poll_once();
      send_due_releases();
      drop_stale_exchanges();
    }
  }

private:
  void poll_once()
  {
    std::vector<pollfd> fds = {{udp_, POLLIN, 0}, {tcp_, POLLIN, 0}};
    for (auto& [id, client] : clients_) fds.push_back({client.fd, POLLIN, 0});
    for (auto& exchange : exchanges_) fds.push_back({exchange.upstream, POLLIN, 0});
    if (poll(fds.data(), fds.size(), next_wait_ms()) < 0 && errno != EINTR) {
      std::perror("sipfo_delay_proxy: poll");
      std::exit(1);
    }
    std::vector<int> ready;
    for (auto& fd : fds) {
      if (fd.revents) ready.push_back(fd.fd);
    }
    for (int fd : ready) dispatch(fd);
  }

  void dispatch(int fd)
  {
    if (fd == udp_) return read_udp_query();
    if (fd == tcp_) return accept_client();
    for (auto it = clients_.begin(); it != clients_.end(); ++it) {
      if (it->second.fd == fd) return read_tcp_queries(it);
    }
    for (auto it = exchanges_.begin(); it != exchanges_.end(); ++it) {
      if (it->upstream == fd) return read_upstream(it);
    }
  }

  int next_wait_ms() const
  {
    auto wait = std::chrono::milliseconds(1000);
    const auto now = Clock::now();
    for (const auto& release : releases_) {
      auto until = std::chrono::ceil<std::chrono::milliseconds>(release.at - now);
      wait = std::min(wait, std::max(until, std::chrono::milliseconds(0)));
    }
    return static_cast<int>(wait.count());
  }

  void read_udp_query()
  {
    char buffer[65536];
    Endpoint client;
    client.length = sizeof client.address;
    auto size = recvfrom(udp_, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&client.address), &client.length);
    if (size <= 0) return; // nothing after all (the socket does not block)
    int upstream = socket(upstream_.family(), SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (upstream < 0 || connect(upstream, upstream_.get(), upstream_.length) != 0 ||
        send(upstream, buffer, static_cast<std::size_t>(size), 0) != size) {
      if (upstream >= 0) close(upstream);
      return;
    }
    exchanges_.push_back(Exchange{upstream, false, client, 0, {}, Clock::now()});
  }

  void accept_client()
  {
    int fd = accept4(tcp_, nullptr, nullptr, SOCK_NONBLOCK);
    if (fd >= 0) clients_[next_client_id_++] = TcpClient{fd, {}};
  }

  // Reads what the client sent; forwards every whole framed query on its own
  // upstream connection (RFC 7766 allows pipelined queries on one connection).
  void read_tcp_queries(std::map<std::uint64_t, TcpClient>::iterator it)
  {
    char buffer[65536];
    auto size = recv(it->second.fd, buffer, sizeof buffer, 0);
    if (size < 0 && would_block()) return;
    if (size <= 0) {
      close(it->second.fd);
      clients_.erase(it);
      return;
    }
    auto& unread = it->second.unread;
    unread.append(buffer, static_cast<std::size_t>(size));
    while (auto framed = take_framed(unread)) forward_tcp_query(it->first, *framed);
  }

  void forward_tcp_query(std::uint64_t client_id, const std::string& framed)
  {
    int upstream = socket(upstream_.family(), SOCK_STREAM, 0);
    if (upstream < 0 || connect(upstream, upstream_.get(), upstream_.length) != 0 ||
        send(upstream, framed.data(), framed.size(), 0) != static_cast<ssize_t>(framed.size()) ||
        fcntl(upstream, F_SETFL, O_NONBLOCK) != 0) {
      if (upstream >= 0) close(upstream);
      return;
    }
    exchanges_.push_back(Exchange{upstream, true, {}, client_id, {}, Clock::now()});
  }

  void read_upstream(std::list<Exchange>::iterator it)
  {
    char buffer[65536];
    auto size = recv(it->upstream, buffer, sizeof buffer, 0);
    if (size < 0 && would_block()) return;
    if (size <= 0) return finish(it);
    Release release{Clock::now() + delay_, it->tcp, it->client, it->client_id, {}};
    if (!it->tcp) {
      release.message.assign(buffer, static_cast<std::size_t>(size));
    } else {
      it->unread.append(buffer, static_cast<std::size_t>(size));
      auto framed = take_framed(it->unread);
      if (!framed) return; // more to come
      release.message = *framed;
    }
    releases_.push_back(std::move(release));
    finish(it);
  }

  void finish(std::list<Exchange>::iterator it)
  {
    close(it->upstream);
    exchanges_.erase(it);
  }

  void send_due_releases()
  {
    const auto now = Clock::now();
    for (auto it = releases_.begin(); it != releases_.end();) {
      if (it->at > now) {
        ++it;
        continue;
      }
      if (!it->tcp) {
        sendto(udp_, it->message.data(), it->message.size(), 0, it->client.get(), it->client.length);
      } else if (auto client = clients_.find(it->client_id); client != clients_.end()) {
        send(client->second.fd, it->message.data(), it->message.size(), MSG_NOSIGNAL);
      }
      it = releases_.erase(it);
    }
  }

  void drop_stale_exchanges()
  {
    const auto now = Clock::now();
    for (auto it = exchanges_.begin(); it != exchanges_.end();) {
      auto current = it++;
      if (now - current->started > upstream_patience) finish(current);
    }
  }

  // Every socket but a fresh upstream TCP one is non-blocking: a descriptor number
  // reused within one poll round must never stall the loop.
  static bool would_block() { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR; }

  // RFC 1035 4.2.2: a 2-byte length, then the message. Removes and returns one
  // whole framed message (prefix included) from the front of `buffer`.
  static std::optional<std::string> take_framed(std::string& buffer)
  {
    if (buffer.size() < 2) return std::nullopt;
    const auto length = static_cast<std::size_t>(static_cast<unsigned char>(buffer[0]) << 8 |
                                                 static_cast<unsigned char>(buffer[1]));
    if (buffer.size() < 2 + length) return std::nullopt;
    std::string framed = buffer.substr(0, 2 + length);
    buffer.erase(0, 2 + length);
    return framed;
  }

  int udp_;
  int tcp_;
  Endpoint upstream_;
  std::chrono::milliseconds delay_;
  std::map<std::uint64_t, TcpClient> clients_;
  std::uint64_t next_client_id_ = 1;
  std::list<Exchange> exchanges_;
  std::list<Release> releases_;
};

} // namespace

int main(int argc, char** argv)
{
  auto listen = argc >= 5 ? loopback_endpoint(argv[1], argv[2]) : std::nullopt;
  auto upstream = argc >= 5 ? loopback_endpoint(argv[3], argv[4]) : std::nullopt;
  auto delay_ms = argc == 6 ? parse_port(argv[5]) : std::optional<std::uint16_t>{50};
  if (!listen || !upstream || !delay_ms || argc > 6) {
    std::fprintf(stderr, "usage: sipfo_delay_proxy LISTEN_ADDR LISTEN_PORT UPSTREAM_ADDR UPSTREAM_PORT [DELAY_MS]\n"
                         "       (loopback addresses only; DELAY_MS 1..65535, default 50)\n");
    return 2;
  }
  const int udp = bound_socket(*listen, SOCK_DGRAM | SOCK_NONBLOCK);
  const int tcp = bound_socket(*listen, SOCK_STREAM | SOCK_NONBLOCK);
  if (udp < 0 || tcp < 0) {
    std::fprintf(stderr, "sipfo_delay_proxy: cannot listen on %s port %s: %s\n", argv[1], argv[2],
                 std::strerror(errno));
    return 1;
  }
  DelayProxy(udp, tcp, *upstream, std::chrono::milliseconds(*delay_ms)).run();
}
