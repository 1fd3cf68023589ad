// A test-only parser for the client commands that the encoder produces.
//
// It reads the concatenated bytes of an encoded command back into a typed
// `command`, so that the round-trip tests can check encode -> parse == identity
// without comparing against hand-written strings only. It follows the RFC
// grammar (atoms, quoted strings with escapes, `{n}` / `{n+}` / `~{n}`
// literals) independently of the encoder's code; it is not a server-grade
// parser and reports failures as a message with the offset.
#pragma once

#include <string>
#include <string_view>

#include "uvimap/wire/command.hpp"
#include "uvimap/wire/expected.hpp"
#include "uvimap/wire/mutf7.hpp"

namespace uvimap::wire::test {

struct parsed_command {
    std::string tag;
    command cmd;
};

// Parses one complete command (ending in CRLF, nothing after it). Mailbox
// names are decoded with `names`.
expected<parsed_command, std::string> parse_command(std::string_view bytes, name_encoding names);

}  // namespace uvimap::wire::test
