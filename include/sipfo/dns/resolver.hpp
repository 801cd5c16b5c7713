#pragma once
// What profile code asks DNS through. A live server (c-ares), zone files and a
// handset's static cache all answer through this one interface, so the same
// profile code runs against each of them and inside the replay simulator.

#include "sipfo/dns/answer.hpp"

#include <span>
#include <string>
#include <vector>

namespace sipfo::dns {

class Resolver {
public:
  virtual ~Resolver() = default;

  // Answers every question, in question order. The questions are independent, so
  // a live resolver asks them concurrently: the wall time is that of the slowest.
  virtual std::vector<Answer> resolve(std::span<const Question> questions) = 0;

  // One line saying where answers come from: "127.0.0.1@5353 (UDP, TCP on truncation)".
  virtual std::string describe() const = 0;

  Answer resolve_one(const Question& question);
};

} // namespace sipfo::dns
