// libFuzzer target for the DNS response reader (RFC 1035 4.1) that reads what a
// DNS server sent, unchecked by c-ares 1.18: any bytes must give a message or a
// reason, never a crash, a read outside the buffer or a hang. Messages that read
// are also judged against their own question (answer_outcome) and printed, as
// the resolver does with them.

#include "sipfo/dns/answer_outcome.hpp"
#include "sipfo/dns/dns_message.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace sipfo::dns;
  const std::span<const std::uint8_t> bytes(data, size);
  (void)read_dns_header(bytes);
  std::string why;
  const auto message = read_dns_message(bytes, why);
  if (!message) {
    if (why.empty()) __builtin_trap(); // a rejected message always says why
    return 0;
  }
  if (message->answers.size() > message->header.answer_count) __builtin_trap();
  const Question question = message->question.value_or(Question{"fuzz.test.", RrType::a});
  (void)outcome_of(*message, question);
  Answer answer;
  answer.question = question;
  answer.records = message->answers;
  for (const auto& record : answer.records) (void)record_text(record);
  (void)answer.data();
  (void)answer.final_name();
  return 0;
}
