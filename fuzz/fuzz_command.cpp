// fuzz_command: the command encoder is a fixed point of encode -> parse ->
// encode. The fuzzed bytes are read as a client command by the test command
// parser (tests/wire/cmd_parser.cpp, written apart from the encoder), the
// command is encoded, the bytes are parsed back and encoded again, and the
// two encodings must be the same bytes, fragment by fragment, as must the
// commands parsed from them. Bytes the test parser does not read as a
// command, and commands the encoder refuses under the chosen options (a NUL
// without BINARY, an initial response without SASL-IR...), are skipped; a
// command the encoder did produce and the parser cannot read back is a bug
// on one side or the other, and aborts.
//
// Input layout:
//   byte 0   the encoder options, as the session derives them from the
//            server's capabilities:
//            bits 0-1  literals: none, LITERAL-, LITERAL+ (3 is none)
//            bit 2     UTF8=ACCEPT (mailbox names as UTF-8, else mUTF-7)
//            bit 3     BINARY
//            bit 4     SASL-IR
//            bit 5     max_quoted_size 8 instead of 1024
//   then     one command, tag included, CRLF-terminated, literals inline.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cmd_parser.hpp"
#include "uvimap/wire/encoder.hpp"

using namespace uvimap::wire;

namespace {

encoder_options make_options(std::uint8_t selector) {
    encoder_options options;
    switch (selector & 3) {
        case 1:
            options.literals = literal_extension::literal_minus;
            break;
        case 2:
            options.literals = literal_extension::literal_plus;
            break;
        default:
            break;
    }
    options.utf8_accept = (selector & 4) != 0;
    options.binary = (selector & 8) != 0;
    options.sasl_ir = (selector & 16) != 0;
    if (selector & 32) {
        options.max_quoted_size = 8;
    }
    return options;
}

[[noreturn]] void fail(const char* what, std::string_view first, std::string_view second) {
    std::fprintf(stderr, "%s\nfirst:  %.*s\nsecond: %.*s\n", what, static_cast<int>(first.size()),
                 first.data(), static_cast<int>(second.size()), second.data());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) {
        return 0;
    }
    const encoder_options options = make_options(data[0]);
    const name_encoding names = options.utf8_accept ? name_encoding::utf8 : name_encoding::mutf7;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

    const auto read = test::parse_command(input, names);
    if (!read || !is_valid_tag(read->tag)) {
        return 0;
    }
    const auto first = encode_command(read->tag, read->cmd, options);
    if (!first) {
        return 0;
    }
    const std::string first_bytes = first->bytes();
    const auto reread = test::parse_command(first_bytes, names);
    if (!reread) {
        fail(("the encoder's bytes do not parse: " + reread.error()).c_str(), first_bytes, "");
    }
    const auto second = encode_command(reread->tag, reread->cmd, options);
    if (!second) {
        fail("a command read from the encoder's bytes does not encode", first_bytes,
             to_string(second.error().code));
    }
    if (second->fragments != first->fragments) {
        fail("encode -> parse -> encode changed the command", first_bytes, second->bytes());
    }
    const auto third = test::parse_command(second->bytes(), names);
    if (!third || !(third->cmd == reread->cmd)) {
        fail("the same bytes parsed to different commands", first_bytes, second->bytes());
    }
    return 0;
}
