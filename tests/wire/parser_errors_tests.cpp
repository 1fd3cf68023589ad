// Broken responses: the error names the byte offset and what was expected,
// the stream stays in step, and limits are typed errors, never crashes.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "parser_test_util.hpp"

using namespace uvimap::wire;
using namespace uvimap::wire::test;

TEST_SUITE("parser errors") {
    TEST_CASE("a malformed response reports offset and expectation") {
        struct row {
            std::string line;
            error_kind kind;
            std::uint64_t offset;
            std::string expected;
        };
        const std::vector<row> rows = {
            {"* 2 FETCH (UID x)\r\n", error_kind::syntax, 15, "number"},
            {"a1 WHAT is this\r\n", error_kind::syntax, 3, "OK, NO or BAD"},
            {"* 1 FETCH (FLAGS (\\Seen)\r\n", error_kind::syntax, 24, "FETCH item name or ')'"},
            {"* LIST (\\Noselect) \"/\"\r\n", error_kind::syntax, 22, "SP"},
            {"* OK [UIDNEXT abc] x\r\n", error_kind::syntax, 14, "number"},
            {"* OK [UIDNEXT 5 x\r\n", error_kind::syntax, 16, "']'"},
            {"* STATUS INBOX (MESSAGES)\r\n", error_kind::syntax, 24, "SP"},
            {"* 1 FETCH (ENVELOPE (\"unterminated))\r\n", error_kind::syntax, 36, "closing '\"'"},
            {"* 1 FETCH (UID 99999999999999999999)\r\n", error_kind::number_overflow, 34,
             "number that fits in 64 bits"},
            {"* 4294967296 EXISTS\r\n", error_kind::number_overflow, 2,
             "number that fits in 32 bits"},
            {"* SEARCH 1 99999999999\r\n", error_kind::number_overflow, 11,
             "number that fits in 32 bits"},
            {"\r\n", error_kind::syntax, 0, "tag, '*' or '+'"},
            {"* \r\n", error_kind::syntax, 2, "response keyword"},
            {"* OK x {3}\r\nabc\r\n", error_kind::syntax, 12, "end of response"},
            {"* 1 FETCH (BODY[] {3}\r\nabc\r\n", error_kind::syntax, 26, "FETCH item name or ')'"},
            {"* 1 FETCH (BODY[] \"a\" {3}\r\nabc)\r\n", error_kind::syntax, 22,
             "FETCH item name or ')'"},
            {"* 1 FETCH (BODY (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" x))\r\n", error_kind::syntax,
             51, "number"},
            // Sets of UIDs are checked, not just scanned for set characters.
            {"* VANISHED 1::3\r\n", error_kind::syntax, 13, "UID set"},
            {"* VANISHED (EARLIER) 0\r\n", error_kind::syntax, 21, "UID set"},
            {"* OK [COPYUID 7 1:3 4,,5] done\r\n", error_kind::syntax, 22, "UID set"},
            {"* OK [APPENDUID 7 *] done\r\n", error_kind::syntax, 18, "UID set"},
            {"* ESEARCH (TAG \"a\") UID ALL 1:\r\n", error_kind::syntax, 30, "sequence set"},
        };
        for (const auto& r : rows) {
            CAPTURE(r.line);
            parser p;
            p.feed(r.line);
            REQUIRE(p.next() == parse_status::ready);
            const response& got = p.current();
            CHECK(got.type == response_type::malformed);
            CHECK(got.raw.size() > 0);
            CHECK(got.error.kind == r.kind);
            CHECK(got.error.offset == r.offset);
            CHECK(got.error.expected == r.expected);
            CHECK_FALSE(is_framing_error(got.error.kind));
        }
    }

    TEST_CASE("a malformed response keeps its tag and, when it parsed, its status") {
        // The session ends command a1 on a malformed completion only if the
        // tag survives; it must not take a tag from a line that has none.
        struct row {
            std::string line;
            std::string tag;
            status_kind status;
            std::string expected;
        };
        const std::vector<row> rows = {
            {"a1 WHAT is this\r\n", "a1", status_kind::none, "OK, NO or BAD"},
            {"a1 OKAY\r\n", "a1", status_kind::none, "OK, NO or BAD"},
            {"a1 \r\n", "a1", status_kind::none, "OK, NO or BAD"},
            {"a1 OK [UIDNEXT x] done\r\n", "a1", status_kind::ok, "number"},
            {"A2 NO [COPYUID 7 1:3] short\r\n", "A2", status_kind::no, "SP"},
            {"a3 BAD [ALERT never closed\r\n", "a3", status_kind::bad, "']'"},
            {"a4 OK done {3}\r\nabc\r\n", "a4", status_kind::ok, "end of response"},
            {"a5 NO [BADCHARSET (UTF-8] x\r\n", "a5", status_kind::no, "atom or string"},
            {"* BYE [ALERT\r\n", "", status_kind::bye, "']'"},
            {"* OK [UIDNEXT 12x] y\r\n", "", status_kind::ok, "']'"},
            {"* PREAUTH [CAPABILITY IMAP4rev1 (x)] hi\r\n", "", status_kind::preauth, "capability"},
            {"* NO [PERMANENTFLAGS (\\Seen] x\r\n", "", status_kind::no, "flag"},
            // No tag without the SP after it, nor from a tag that stops early.
            {"a6\r\n", "", status_kind::none, "SP"},
            {"a+b OK done\r\n", "", status_kind::none, "SP"},
            {"* 1 FETCH (UID x)\r\n", "", status_kind::none, "number"},
        };
        for (const auto& r : rows) {
            CAPTURE(r.line);
            check_every_feeding(r.line, [&](const response& got) {
                CHECK(got.type == response_type::malformed);
                CHECK(got.tag == r.tag);
                CHECK(got.status == r.status);
                CHECK(got.error.expected == r.expected);
                CHECK(got.code.kind == code_kind::none);
                CHECK(got.text.empty());
                CHECK(got.raw == r.line);
            });
        }
    }

    TEST_CASE("error offsets count NUL padding and streamed literal bytes before them") {
        recording_sink sink;
        parser p(streaming_to(sink, 4));
        p.feed(bytes_of("\0\0* 1 FETCH (BODY[] {8}\r\n01234567 UID x)\r\n"));
        REQUIRE(p.next() == parse_status::ready);
        CHECK(p.current().type == response_type::malformed);
        // The 'x' is at byte 38 of the stream: 2 NULs, 23 bytes of line, 8 of
        // streamed literal, then " UID ".
        CHECK(p.current().error.offset == 38);
    }

    TEST_CASE("a malformed response costs one response and the stream stays in step") {
        const std::string stream = corpus("malformed.imap");
        parser p;
        p.feed(stream);
        std::vector<response_type> types;
        std::vector<std::uint32_t> numbers;
        while (p.next() == parse_status::ready) {
            types.push_back(p.current().type);
            numbers.push_back(p.current().number);
        }
        REQUIRE(types.size() == 6);
        CHECK(types[0] == response_type::untagged);
        CHECK(types[1] == response_type::malformed);
        CHECK(types[2] == response_type::malformed);
        CHECK(types[3] == response_type::untagged);  // Parens inside the literal are data.
        CHECK(numbers[3] == 4);
        CHECK(types[4] == response_type::malformed);
        CHECK(types[5] == response_type::tagged);
    }

    TEST_CASE("100,000 open parentheses are a nesting error, not a crash") {
        for (const char* prefix :
             {"* 1 FETCH (BODY ", "* 1 FETCH (X-UNKNOWN ", "* 1 FETCH (BODYSTRUCTURE ",
              "* LIST (\\A) \"/\" x (\"A\" ", "* 1 FETCH (ENVELOPE "}) {
            CAPTURE(prefix);
            std::string s = prefix;
            s.append(100000, '(');
            s += "\r\n* 2 EXISTS\r\n";
            parser p;
            p.feed(s);
            REQUIRE(p.next() == parse_status::ready);
            CHECK(p.current().type == response_type::malformed);
            const bool deep = p.current().error.kind == error_kind::nesting_too_deep;
            const bool syntax = p.current().error.kind == error_kind::syntax;
            CHECK((deep || syntax));
            REQUIRE(p.next() == parse_status::ready);
            CHECK(p.current().kind == data_kind::exists);
        }
    }

    TEST_CASE("nesting up to the limit parses, one more level is refused") {
        parser_options options;
        options.limits.max_depth = 5;
        parser p(options);
        // FETCH list (1) + unknown value nesting (4) = 5.
        p.feed("* 1 FETCH (X ((((a)))))\r\n* 1 FETCH (X (((((a))))))\r\n");
        REQUIRE(p.next() == parse_status::ready);
        CHECK(p.current().type == response_type::untagged);
        REQUIRE(p.next() == parse_status::ready);
        CHECK(p.current().type == response_type::malformed);
        CHECK(p.current().error.kind == error_kind::nesting_too_deep);
        CHECK(p.current().error.offset == 25 + 17);
    }

    TEST_CASE("framing errors are final and reported by the parser") {
        parser_options options;
        options.limits.max_line_length = 32;
        parser p(options);
        p.feed("* OK fine\r\n* OK this line is far too long for the limit\r\n* OK\r\n");
        REQUIRE(p.next() == parse_status::ready);
        CHECK(p.next() == parse_status::failed);
        CHECK(p.error().kind == error_kind::line_too_long);
        CHECK(p.error().offset == 11 + 32);
        CHECK(p.next() == parse_status::failed);
        p.feed("* OK\r\n");
        CHECK(p.next() == parse_status::failed);
        p.reset();
        p.feed("* OK\r\n");
        CHECK(p.next() == parse_status::ready);
    }

    TEST_CASE("a literal size overflowing 64 bits is a framing error") {
        parser p;
        p.feed("* 1 FETCH (BODY[] {184467440737095516160}\r\n");
        CHECK(p.next() == parse_status::failed);
        CHECK(p.error().kind == error_kind::literal_size_overflow);
        CHECK(p.error().offset == 19);
    }

    TEST_CASE("each limit is a typed error") {
        struct row {
            const char* name;
            limits lim;
            std::string stream;
            error_kind kind;
        };
        limits literal;
        literal.max_literal_size = 10;
        limits line;
        line.max_line_length = 10;
        limits response_size;
        response_size.max_response_size = 30;
        limits literals;
        literals.max_literals_per_response = 2;
        const std::vector<row> rows = {
            {"largest literal", literal, "* 1 FETCH (BODY[] {11}\r\n",
             error_kind::literal_too_large},
            {"longest line", line, "* 1 FETCH (UID 1)\r\n", error_kind::line_too_long},
            {"largest response", response_size,
             "* 1 FETCH (BODY[] {5}\r\nabcde FLAGS (\\Seen \\Answered))\r\n",
             error_kind::response_too_large},
            {"most literals", literals, "* 1 FETCH (A {1}\r\na B {1}\r\nb C {1}\r\nc)\r\n",
             error_kind::too_many_literals},
        };
        for (const auto& r : rows) {
            CAPTURE(r.name);
            parser_options options;
            options.limits = r.lim;
            parser p(options);
            p.feed(r.stream);
            CHECK(p.next() == parse_status::failed);
            CHECK(p.error().kind == r.kind);
        }
    }

    TEST_CASE("need_more says how much of a blocking literal is missing") {
        parser p;
        p.feed("* 1 FETCH (BODY[] {100}\r\n0123456789");
        CHECK(p.next() == parse_status::need_more);
        CHECK(p.pending_literal() == 90);
    }
}

TEST_SUITE("parser bounds") {
    TEST_CASE("the grammar never reads past the end of a frame, whole or cut short") {
        // Each response is copied to a heap block of exactly its size, so
        // AddressSanitizer traps any read past it, as a guard page would.
        for (const auto& name : corpus_names()) {
            CAPTURE(name);
            const std::string stream = corpus(name);
            framer f;
            f.feed(stream);
            parser p;
            while (f.next() == frame_status::ready) {
                const frame& whole = f.current();
                std::vector<literal_ref> literals(whole.literals.begin(), whole.literals.end());
                for (std::size_t len = 0; len <= whole.bytes.size(); ++len) {
                    std::unique_ptr<char[]> copy(new char[len == 0 ? 1 : len]);
                    std::copy_n(whole.bytes.data(), len, copy.get());
                    frame cut;
                    cut.bytes = {copy.get(), len};
                    cut.literals = literals;
                    cut.offset = whole.offset;
                    const response& r = p.parse_frame(cut);
                    if (len < whole.bytes.size()) {
                        CHECK(r.type == response_type::malformed);
                    }
                }
            }
        }
    }

    TEST_CASE("a parser can be moved between responses") {
        parser a;
        a.feed("* 1 EXISTS\r\n* 2 EXISTS\r\n");
        REQUIRE(a.next() == parse_status::ready);
        parser b(std::move(a));
        REQUIRE(b.next() == parse_status::ready);
        CHECK(b.current().number == 2);
    }
}
