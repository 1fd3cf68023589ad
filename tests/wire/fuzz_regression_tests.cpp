// Inputs from fuzzing the wire layer (fuzz/), kept as regression cases.
//
// Each case is a byte string inline, fed to a parser whole and then one byte
// at a time, with the precise outcome asserted: which responses come out,
// with which error kind, offset and expectation, and how the stream ends. A
// crash that fuzzing finds is minimized (libFuzzer -minimize_crash=1) and
// added here before it is fixed, so that it stays fixed. The first cases are
// the hostile seeds of fuzz/corpus, which pin the limits' behaviour the
// fuzzers start from.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "uvimap/wire/parser.hpp"

using namespace uvimap::wire;

namespace {

// What a run produced, in a form that compares and prints well.
struct outcome {
    std::vector<std::string> responses;  // "untagged EXISTS 1" or "malformed <kind>@<offset>"
    parse_status final_status = parse_status::need_more;
    std::string error;  // "<kind>@<offset>: <expected>" when final_status is failed.
    std::size_t buffered = 0;
};

std::string describe(const response& r) {
    std::string s(to_string(r.type));
    if (r.type == response_type::malformed) {
        s += ' ' + std::string(to_string(r.error.kind)) + '@' + std::to_string(r.error.offset) +
             ": " + std::string(r.error.expected);
    } else {
        s += ' ' + std::string(to_string(r.kind)) + ' ' + std::to_string(r.number);
    }
    return s;
}

outcome run(std::string_view stream, std::size_t chunk, parser_options options = {}) {
    parser p(options);
    outcome out;
    std::size_t offset = 0;
    parse_status status = parse_status::need_more;
    while (offset < stream.size() && status != parse_status::failed) {
        const std::size_t n = std::min(chunk, stream.size() - offset);
        p.feed(stream.substr(offset, n));
        offset += n;
        while ((status = p.next()) == parse_status::ready) {
            out.responses.push_back(describe(p.current()));
        }
    }
    out.final_status = status;
    if (status == parse_status::failed) {
        out.error = std::string(to_string(p.error().kind)) + '@' +
                    std::to_string(p.error().offset) + ": " + std::string(p.error().expected);
    }
    out.buffered = p.buffered();
    return out;
}

// A run that ends waiting for more input, after `responses`.
outcome ends_cleanly(std::vector<std::string> responses) {
    outcome o;
    o.responses = std::move(responses);
    return o;
}

// A run that ends in the framing error `error`, after `responses`.
outcome fails_with(std::string error, std::vector<std::string> responses = {}) {
    outcome o;
    o.responses = std::move(responses);
    o.final_status = parse_status::failed;
    o.error = std::move(error);
    return o;
}

// Runs `stream` whole and byte by byte; both must give `expected`.
void check(std::string_view stream, const outcome& expected, parser_options options = {}) {
    for (std::size_t chunk : {stream.size(), std::size_t{1}}) {
        CAPTURE(chunk);
        const outcome got = run(stream, chunk == 0 ? 1 : chunk, options);
        CHECK(got.responses == expected.responses);
        CHECK(got.final_status == expected.final_status);
        CHECK(got.error == expected.error);
        if (expected.final_status != parse_status::failed) {
            CHECK(got.buffered == expected.buffered);
        }
    }
}

}  // namespace

TEST_SUITE("fuzz regressions") {
    TEST_CASE("a literal size of 23 digits is a final framing error at its first digit") {
        check("* 1 FETCH (BODY[] {99999999999999999999999}\r\n",
              {{},
               parse_status::failed,
               "literal_size_overflow@19: literal size that fits in 64 bits"});
    }

    TEST_CASE("a literal one byte over max_literal_size is refused before any data arrives") {
        parser_options tiny;
        tiny.limits.max_literal_size = 64;
        check("* 1 FETCH (BODY[] {65}\r\n",
              fails_with("literal_too_large@19: literal size within limits::max_literal_size"),
              tiny);
    }

    TEST_CASE("a message number of 2^32 is one malformed response and the next one parses") {
        check("* 4294967296 EXISTS\r\n* 1 EXISTS\r\n",
              ends_cleanly({"malformed number_overflow@2: number that fits in 32 bits",
                            "untagged EXISTS 1"}));
    }

    TEST_CASE("80 nested body parentheses stop at the default depth of 64") {
        const std::string stream = "* 1 FETCH (BODYSTRUCTURE " + std::string(80, '(') +
                                   "\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1" +
                                   std::string(80, ')') + ")\r\n* 2 EXISTS\r\n";
        // The FETCH's own parenthesis is level 1, so the 64th body parenthesis
        // (at offset 25 + 63) is the first one too deep.
        check(stream,
              ends_cleanly({"malformed nesting_too_deep@88: nesting within limits::max_depth",
                            "untagged EXISTS 2"}));
    }

    TEST_CASE("NUL padding before a response is dropped") {
        using namespace std::string_view_literals;
        check("\0\0* 3 EXISTS\r\n"sv, ends_cleanly({"untagged EXISTS 3"}));
    }
}
