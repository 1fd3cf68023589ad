// `uvimap parse [--literals] [--stats] [FILE|-]`: runs the library's response
// parser over a raw server byte stream and prints one JSON object per response
// per line (schema in docs/parse-json.md), or throughput figures.
#pragma once

#include <string>

#include "uvimap/wire/response.hpp"

namespace uvimap::app {

// Runs the subcommand; argv excludes the program name and "parse". Returns
// the process exit status: 0 all parsed, 1 some responses were malformed,
// 2 framing error or truncated input, 64 usage error.
int run_parse(int argc, char** argv);

// Appends the JSON object for `r` (no newline). `with_literals` adds the bytes
// of held literals. Exposed for tests and other subcommands.
void response_to_json(std::string& out, const wire::response& r, bool with_literals);

}  // namespace uvimap::app
