#pragma once
// The documents sipfo's rules come from, as output and man pages cite them: a
// short name (what a note in the output says) and the full title a reader can
// look up. `sipfo sources` prints them; sipfo(1) SOURCES lists the same ones
// (tests/unit/cli/test_citations.cpp keeps the two in step).

#include <span>
#include <string_view>

namespace sipfo::cli {

struct SourceDocument {
  std::string_view cited_as; // the name output and man pages use
  std::string_view title;    // the document's own title, edition or number
  std::string_view used_for; // what sipfo takes from it
};

std::span<const SourceDocument> source_documents();

} // namespace sipfo::cli
