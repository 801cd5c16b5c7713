// sipfo_silent_dns ADDR PORT: a "DNS server" on a loopback address that reads
// every UDP datagram and never answers, and accepts TCP connections and never
// answers on them either: the server a timeout test needs. Runs until killed.

#include "loopback.hpp"

#include <poll.h>

#include <cerrno>
#include <cstdio>
#include <vector>

int main(int argc, char** argv)
{
  using namespace sipfo::testing;
  auto endpoint = argc == 3 ? loopback_endpoint(argv[1], argv[2]) : std::nullopt;
  if (!endpoint) {
    std::fprintf(stderr, "usage: sipfo_silent_dns LOOPBACK_ADDR PORT\n");
    return 2;
  }
  const int udp = bound_socket(*endpoint, SOCK_DGRAM);
  const int tcp = bound_socket(*endpoint, SOCK_STREAM);
  if (udp < 0 || tcp < 0) {
    std::fprintf(stderr, "sipfo_silent_dns: cannot listen on %s port %s: %s\n", argv[1], argv[2], std::strerror(errno));
    return 1;
  }
  std::vector<pollfd> fds = {{udp, POLLIN, 0}, {tcp, POLLIN, 0}};
  char buffer[65536];
  for (;;) {
    if (poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) return 1;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == tcp) {
        if (int client = accept(tcp, nullptr, nullptr); client >= 0) fds.push_back({client, POLLIN, 0});
      } else if (recv(fds[i].fd, buffer, sizeof buffer, 0) <= 0 && fds[i].fd != udp) {
        close(fds[i].fd); // the peer closed its TCP connection
        fds[i].fd = -1;   // poll ignores negative descriptors
      }
    }
  }
}
