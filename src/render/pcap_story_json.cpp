#include "sipfo/render/pcap_story_json.hpp"

#include "sipfo/render/pcap_story_status.hpp"
#include "sipfo/render/pcap_story_text.hpp"
#include "sipfo/render/pcap_story_words.hpp"

#include <algorithm>
#include <utility>

namespace sipfo::render {

namespace {

using nlohmann::json;
using namespace sipfo::wire;

template <typename T> json optional(const std::optional<T>& value)
{
  return value ? json(*value) : json(nullptr);
}

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

// A packet: its number in its file, the file's index in `files`, and its
// instant from the phone's first packet.
// The objects made once per packet or transaction are filled by emplace: an
// initializer list builds each pair as an array first and copies its values.
json packet_json(const PacketMark& packet, const PacketMark& start)
{
  json object = json::object();
  object.emplace("number", packet.number);
  object.emplace("file", packet.file);
  object.emplace("offset_ms", milliseconds_between(start, packet));
  return object;
}

json endpoint_json(const pcap::Endpoint& where)
{
  json object = json::object();
  object.emplace("address", where.address.to_string());
  object.emplace("port", where.port);
  return object;
}

json records_json(const dns::Answer& answer)
{
  json records = json::array();
  for (const dns::Record& record : answer.records) {
    json item = json::object();
    item.emplace("name", record.owner);
    item.emplace("type", dns::rr_type_name(record.type));
    item.emplace("ttl", record.ttl);
    item.emplace("data", dns::rdata_text(record));
    records.push_back(std::move(item));
  }
  return records;
}

json dns_json(const DnsExchange& e, const PacketMark& start)
{
  json queries = json::array();
  for (const PacketMark& query : e.queries) queries.push_back(packet_json(query, start));
  json object = json::object();
  object.emplace("name", e.question.name);
  object.emplace("type", dns::rr_type_name(e.question.type));
  object.emplace("client", endpoint_json(e.client));
  object.emplace("server", endpoint_json(e.server));
  object.emplace("transport", transport_word(e.protocol, false));
  object.emplace("id", e.id);
  object.emplace("queries", std::move(queries));
  object.emplace("retries", e.queries.empty() ? 0 : e.queries.size() - 1);
  object.emplace("reply", e.reply ? packet_json(*e.reply, start) : json(nullptr));
  if (e.answer) {
    object["outcome"] = dns::outcome_name(e.answer->outcome);
    object["elapsed_ms"] = e.answer->elapsed ? json(static_cast<double>(e.answer->elapsed->count()) / 1000.0) : json(nullptr);
    object["ttl"] = optional(e.answer->ttl());
    object["negative_ttl"] = optional(e.answer->negative_ttl);
    object["truncated"] = e.answer->truncated;
    object["records"] = records_json(*e.answer);
    object["problem"] = text_or_null(e.answer->problem);
  } else {
    object["outcome"] = "TIMEOUT"; // no reply in the capture (design §2's outcome words)
    object["elapsed_ms"] = nullptr;
    object["ttl"] = nullptr;
    object["negative_ttl"] = nullptr;
    object["truncated"] = false;
    object["records"] = json::array();
    object["problem"] = nullptr;
  }
  return object;
}

json transaction_json(const SipTransaction& t, const PacketMark& start)
{
  json sends = json::array();
  for (const PacketMark& send : t.sends) {
    json item = packet_json(send, start);
    item["after_first_ms"] = t.sends.empty() ? 0.0 : milliseconds_between(t.sends.front(), send);
    sends.push_back(std::move(item));
  }
  json responses = json::array();
  int final_code = 0;
  for (const SipResponseSeen& r : t.responses) {
    json item = packet_json(r.packet, start);
    item["after_first_ms"] = t.sends.empty() ? 0.0 : milliseconds_between(t.sends.front(), r.packet);
    item["code"] = r.code;
    item["reason"] = r.reason;
    item["granted_expires"] = optional(r.granted_expires);
    item["retry_after"] = optional(r.retry_after);
    item["challenge"] = r.challenge;
    responses.push_back(std::move(item));
    if (r.code >= 200) final_code = r.code;
  }
  json object = json::object();
  object.emplace("method", t.method);
  object.emplace("branch", t.branch);
  object.emplace("cseq", t.cseq);
  object.emplace("call_id", t.call_id);
  object.emplace("request_uri", t.request_uri);
  object.emplace("address_of_record", t.address_of_record);
  object.emplace("client", endpoint_json(t.client));
  object.emplace("server", endpoint_json(t.server));
  object.emplace("transport", transport_word(t.protocol, false));
  object.emplace("sends", std::move(sends));
  object.emplace("responses", std::move(responses));
  object.emplace("has_credentials", t.has_credentials);
  object.emplace("expires_asked", optional(t.expires_asked));
  object.emplace("end", transaction_end_name(t.end));
  object.emplace("final_code", final_code == 0 ? json(nullptr) : json(final_code));
  return object;
}

json connection_json(const ConnectionAttempt& c, const PacketMark& start)
{
  const auto mark = [&](const std::optional<PacketMark>& packet) {
    return packet ? packet_json(*packet, start) : json(nullptr);
  };
  json alert = nullptr;
  if (c.alert) {
    alert = {{"packet", packet_json(PacketMark{c.syn.file, c.alert->packet.number, c.alert->packet.time}, start)},
             {"from", c.alert->flow.source == c.client ? "phone" : "server"},
             {"level", c.alert->alert_level},
             {"description", c.alert->alert_description},
             {"name", text_or_null(pcap::tls_alert_name(c.alert->alert_description))},
             {"encrypted", c.alert->encrypted_alert}};
  }
  return {{"client", endpoint_json(c.client)},
          {"server", endpoint_json(c.server)},
          {"syn", packet_json(c.syn, start)},
          {"established", mark(c.established)},
          {"closed", mark(c.closed)},
          {"closed_by", c.closed ? json(c.closed_by_phone ? "phone" : "server") : json(nullptr)},
          {"reset", c.reset},
          {"tls", c.tls},
          {"server_name", text_or_null(c.server_name)},
          {"offered_version", c.offered_version == 0 ? json(nullptr) : json(pcap::tls_version_name(c.offered_version))},
          {"server_hello", mark(c.server_hello)},
          {"chosen_version", c.chosen_version == 0 ? json(nullptr) : json(pcap::tls_version_name(c.chosen_version))},
          {"alert", std::move(alert)}};
}

json visit_json(const ServerVisit& v, const PacketMark& start)
{
  json object = endpoint_json(v.server);
  object["transport"] = transport_word(v.protocol, v.tls);
  object["first"] = packet_json(v.first, start);
  object["last"] = packet_json(v.last, start);
  object["transactions"] = v.transactions;
  object["end"] = transaction_end_name(v.end);
  object["final_code"] = v.final_code == 0 ? json(nullptr) : json(v.final_code);
  return object;
}

json change_json(const ServerChange& c, const PacketMark& start)
{
  return {{"kind", server_change_kind_name(c.kind)},
          {"packet", packet_json(c.packet, start)},
          {"time", capture_clock(c.packet.time)},
          {"from", endpoint_json(c.from)},
          {"to", endpoint_json(c.to)},
          {"why", c.why}};
}

json finding_json(const StoryFinding& f, const PacketMark& start)
{
  const auto& kind = util::finding_kind(f.code);
  json evidence = json::array();
  for (const PacketMark& packet : f.evidence) evidence.push_back(packet_json(packet, start));
  return {{"code", kind.code},
          {"severity", util::severity_name(f.severity)},
          {"message", f.text.empty() ? std::string(kind.summary) : f.text},
          {"observed", text_or_null(f.observed)},
          {"expected", text_or_null(f.expected)},
          {"source", f.source.empty() ? std::string(kind.source) : f.source},
          {"fix", kind.fix},
          {"evidence", std::move(evidence)},
          {"count", f.count}};
}

// --explain's packets: every packet the story names, in capture order.
json packets_json(const PhoneStory& phone, const PacketMark& start)
{
  struct Item {
    PacketMark packet;
    const char* what;
  };
  std::vector<Item> items;
  for (const auto& e : phone.dns) {
    for (std::size_t i = 0; i < e.queries.size(); ++i) items.push_back({e.queries[i], i == 0 ? "dns_query" : "dns_retry"});
    if (e.reply) items.push_back({*e.reply, "dns_reply"});
  }
  for (const auto& t : phone.transactions) {
    for (std::size_t i = 0; i < t.sends.size(); ++i) items.push_back({t.sends[i], i == 0 ? "sip_request" : "sip_retransmission"});
    for (const auto& r : t.responses) items.push_back({r.packet, "sip_response"});
  }
  for (const auto& c : phone.connections) {
    items.push_back({c.syn, "tcp_syn"});
    if (c.established) items.push_back({*c.established, "tcp_syn_ack"});
    if (c.server_hello) items.push_back({*c.server_hello, "tls_server_hello"});
    if (c.closed) items.push_back({*c.closed, c.reset ? "tcp_rst" : "tcp_fin"});
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& x, const Item& y) {
    return x.packet.file != y.packet.file ? x.packet.file < y.packet.file : x.packet.number < y.packet.number;
  });
  json list = json::array();
  for (const Item& item : items) {
    json entry = packet_json(item.packet, start);
    entry["what"] = item.what;
    list.push_back(std::move(entry));
  }
  return list;
}

} // namespace

json pcap_phone_json(const CaptureStory& story, const PhoneStory& phone, PacketJson packets)
{
  (void)story;
  const PacketMark start = story_start(phone);
  json dns = json::array();
  for (const auto& e : phone.dns) dns.push_back(dns_json(e, start));
  json transactions = json::array();
  for (const auto& t : phone.transactions) transactions.push_back(transaction_json(t, start));
  json connections = json::array();
  for (const auto& c : phone.connections) connections.push_back(connection_json(c, start));
  json servers = json::array();
  for (const auto& v : phone.visits) servers.push_back(visit_json(v, start));
  json changes = json::array();
  for (const auto& c : phone.changes) changes.push_back(change_json(c, start));
  json findings = json::array();
  for (const auto& f : phone.findings) findings.push_back(finding_json(f, start));
  const auto visit = registered_visit(phone);
  json object = {{"phone", phone.phone.to_string()},
                 {"verdict", verdict_code(phone.verdict)},
                 {"headline", verdict_words(phone)},
                 {"exit_status", static_cast<int>(phone_status(phone))},
                 {"root_cause", phone.root_cause ? json(util::finding_kind(*phone.root_cause).code) : json(nullptr)},
                 {"registered_with", visit ? endpoint_json(visit->server) : json(nullptr)},
                 {"start", {{"number", start.number}, {"file", start.file}, {"time", capture_clock(start.time)}}},
                 {"registers", phone.registers},
                 {"registrations_failed", phone.registrations_failed},
                 {"omitted_dns", phone.omitted_dns},
                 {"omitted_transactions", phone.omitted_transactions},
                 {"omitted_connections", phone.omitted_connections},
                 {"omitted_visits", phone.omitted_visits},
                 {"omitted_changes", phone.omitted_changes},
                 {"dns", std::move(dns)},
                 {"transactions", std::move(transactions)},
                 {"servers", std::move(servers)},
                 {"changes", std::move(changes)},
                 {"connections", std::move(connections)},
                 {"findings", std::move(findings)}};
  if (packets == PacketJson::yes) object["packets"] = packets_json(phone, start);
  return object;
}

json pcap_capture_json(const CaptureStory& story)
{
  json notes = json::array();
  for (const CaptureNote& note : story.notes) {
    notes.push_back({{"number", note.packet.number},
                     {"file", note.packet.file},
                     {"kind", pcap::note_kind_name(note.kind)},
                     {"text", note.text}});
  }
  return {{"files", story.files},
          {"packets", story.packets},
          {"sip_messages", story.sip_messages},
          {"dns_messages", story.dns_messages},
          {"notes", std::move(notes)},
          {"omitted_notes", story.omitted_notes},
          {"phones_not_followed", story.phones_not_followed}};
}

json pcap_story_document(const CaptureStory& story, util::ExitStatus exit_status, const std::string& profile,
                         PacketJson packets)
{
  json document = {{"schema_version", parse_pcap_schema_version},
                   {"command", "parse-pcap"},
                   {"exit_status", static_cast<int>(exit_status)},
                   {"profile", text_or_null(profile)}};
  document.update(pcap_capture_json(story));
  json phones = json::array();
  for (const PhoneStory& phone : story.phones) phones.push_back(pcap_phone_json(story, phone, packets));
  document["phones"] = std::move(phones);
  return document;
}

} // namespace sipfo::render
