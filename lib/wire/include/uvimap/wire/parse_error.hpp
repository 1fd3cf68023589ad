// The errors the framer and the response parser report.
//
// There are two classes of error, and the difference matters to the caller:
//
// - A framing error (line too long, literal too large, a literal size that
//   overflows 64 bits, a response too big to hold) means the byte stream can no
//   longer be split into responses with confidence. It is final: the framer and
//   the parser keep returning it until reset(), and the connection should be
//   dropped.
// - A grammar error means one response, whose boundaries are known, does not
//   follow the grammar. The parser reports that response as malformed (with
//   its raw bytes and this error) and the next response parses normally.
#pragma once

#include <cstdint>
#include <string_view>

namespace uvimap::wire {

enum class error_kind : std::uint8_t {
    // Framing errors: final for the connection.
    line_too_long,
    literal_too_large,
    literal_size_overflow,
    response_too_large,
    too_many_literals,
    // Grammar errors: the response is reported as malformed, the stream goes on.
    syntax,
    number_overflow,
    nesting_too_deep,
};

// Returns a stable lower-case name for the kind, such as "line_too_long".
std::string_view to_string(error_kind kind) noexcept;

// True for the kinds that end the connection (the framing errors).
constexpr bool is_framing_error(error_kind kind) noexcept {
    return kind < error_kind::syntax;
}

struct parse_error {
    error_kind kind = error_kind::syntax;
    // The offset, counted in bytes from the first byte ever fed (since the last
    // reset), of the byte where the problem was found. Literal bytes count,
    // streamed or not, so the offset can be looked up in a capture of the stream.
    std::uint64_t offset = 0;
    // What the parser expected at that byte, as a short phrase such as
    // "SP" or "number" or "literal size that fits in 64 bits". Static storage.
    std::string_view expected;
};

}  // namespace uvimap::wire
