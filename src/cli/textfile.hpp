#pragma once
// `sipfo probe --textfile PATH`: the metrics file node_exporter's textfile
// collector reads. Written whole or not at all: a scrape never sees half a file.

#include <string>
#include <string_view>

namespace sipfo::cli {

// Writes `text` to a temporary file in PATH's directory (PATH.XXXXXX, which the
// collector's *.prom glob skips), flushes it to disk and renames it over PATH.
// Throws util::InputError when the directory cannot be written.
void write_textfile(const std::string& path, std::string_view text);

} // namespace sipfo::cli
