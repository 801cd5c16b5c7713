#pragma once
// parse-pcap's JSON (design §2, §6b; the shape is documented in
// man/sipfo-parse-pcap.1, OUTPUT): the same content as the text, stable keys,
// durations in milliseconds, packets by number.

#include "sipfo/util/exit_status.hpp"
#include "sipfo/wire/capture_story.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace sipfo::render {

inline constexpr int parse_pcap_schema_version = 1;

enum class PacketJson { no, yes }; // --explain adds each phone's `packets[]`

// One phone's object (`phones[]` element; with the top-level keys added, one
// --json-lines line).
nlohmann::json pcap_phone_json(const wire::CaptureStory& story, const wire::PhoneStory& phone, PacketJson packets);

// The capture's keys without the phones: files, packets, sip_messages,
// dns_messages, notes.
nlohmann::json pcap_capture_json(const wire::CaptureStory& story);

// The whole document: schema_version, command, exit_status, the capture's keys
// and phones[]; `profile` is the --profile id or "" for none.
nlohmann::json pcap_story_document(const wire::CaptureStory& story, util::ExitStatus exit_status,
                                   const std::string& profile, PacketJson packets);

} // namespace sipfo::render
