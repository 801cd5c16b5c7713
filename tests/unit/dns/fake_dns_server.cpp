#include "fake_dns_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace sipfo::testing {

namespace {

sockaddr_in loopback(std::uint16_t port)
{
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

int bound(int type, std::uint16_t port)
{
  int fd = socket(AF_INET, type, 0);
  auto address = loopback(port);
  if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return fd;
  if (fd >= 0) close(fd);
  return -1;
}

bool read_exactly(int fd, std::uint8_t* into, std::size_t count)
{
  while (count > 0) {
    pollfd watch{fd, POLLIN, 0};
    if (poll(&watch, 1, 2000) <= 0) return false;
    auto got = recv(fd, into, count, 0);
    if (got <= 0) return false;
    into += got;
    count -= static_cast<std::size_t>(got);
  }
  return true;
}

} // namespace

FakeDnsServer::FakeDnsServer(Responder responder) : responder_(std::move(responder))
{
  for (int attempt = 0; attempt < 20 && tcp_ < 0; ++attempt) {
    if (udp_ >= 0) close(udp_);
    udp_ = bound(SOCK_DGRAM, 0);
    sockaddr_in address{};
    socklen_t length = sizeof address;
    getsockname(udp_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    tcp_ = bound(SOCK_STREAM, port_);
  }
  if (tcp_ < 0 || listen(tcp_, 8) != 0) throw std::runtime_error("fake DNS server: no free loopback port");
  thread_ = std::thread([this] { serve(); });
}

FakeDnsServer::~FakeDnsServer()
{
  stop_ = true;
  thread_.join();
  close(udp_);
  close(tcp_);
}

void FakeDnsServer::serve()
{
  while (!stop_) {
    pollfd fds[2] = {{udp_, POLLIN, 0}, {tcp_, POLLIN, 0}};
    if (poll(fds, 2, 20) <= 0) continue;
    if (fds[0].revents) {
      Bytes query(65536);
      sockaddr_in client{};
      socklen_t length = sizeof client;
      auto got = recvfrom(udp_, query.data(), query.size(), 0, reinterpret_cast<sockaddr*>(&client), &length);
      if (got <= 0) continue;
      query.resize(static_cast<std::size_t>(got));
      ++udp_queries_;
      if (auto answer = responder_(query, Via::udp)) {
        sendto(udp_, answer->data(), answer->size(), 0, reinterpret_cast<sockaddr*>(&client), length);
      }
    }
    if (fds[1].revents) {
      if (int fd = accept(tcp_, nullptr, nullptr); fd >= 0) {
        serve_tcp_connection(fd);
        close(fd);
      }
    }
  }
}

// RFC 1035 4.2.2: 2-byte length prefix; queries answered until the client closes.
void FakeDnsServer::serve_tcp_connection(int fd)
{
  while (!stop_) {
    std::uint8_t prefix[2];
    if (!read_exactly(fd, prefix, 2)) return;
    Bytes query(static_cast<std::size_t>(prefix[0] << 8 | prefix[1]));
    if (!read_exactly(fd, query.data(), query.size())) return;
    ++tcp_queries_;
    auto answer = responder_(query, Via::tcp);
    if (!answer) continue;
    Bytes framed = {static_cast<std::uint8_t>(answer->size() >> 8), static_cast<std::uint8_t>(answer->size())};
    framed.insert(framed.end(), answer->begin(), answer->end());
    send(fd, framed.data(), framed.size(), MSG_NOSIGNAL);
  }
}

DnsAnswerBuilder::DnsAnswerBuilder(const Bytes& query, std::uint8_t rcode, std::uint16_t an, std::uint16_t ns,
                                   std::uint16_t flags)
{
  u8(query.at(0)).u8(query.at(1));
  u16(static_cast<std::uint16_t>(0x8400 | flags | rcode)).u16(1).u16(an).u16(ns).u16(0);
  bytes.insert(bytes.end(), query.begin() + 12, query.end()); // the question as asked
}

DnsAnswerBuilder& DnsAnswerBuilder::u8(std::uint8_t v)
{
  bytes.push_back(v);
  return *this;
}
DnsAnswerBuilder& DnsAnswerBuilder::u16(std::uint16_t v)
{
  return u8(static_cast<std::uint8_t>(v >> 8)).u8(static_cast<std::uint8_t>(v));
}
DnsAnswerBuilder& DnsAnswerBuilder::u32(std::uint32_t v)
{
  return u16(static_cast<std::uint16_t>(v >> 16)).u16(static_cast<std::uint16_t>(v));
}
DnsAnswerBuilder& DnsAnswerBuilder::label(const std::string& text)
{
  u8(static_cast<std::uint8_t>(text.size()));
  bytes.insert(bytes.end(), text.begin(), text.end());
  return *this;
}
DnsAnswerBuilder& DnsAnswerBuilder::pointer(std::uint16_t offset)
{
  return u16(static_cast<std::uint16_t>(0xC000 | offset));
}
DnsAnswerBuilder& DnsAnswerBuilder::rr(std::uint16_t owner, std::uint16_t type, std::uint32_t ttl,
                                       std::uint16_t rdlength)
{
  return pointer(owner).u16(type).u16(1).u32(ttl).u16(rdlength);
}

} // namespace sipfo::testing
