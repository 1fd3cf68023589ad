// The framer alone: where responses end, literals, limits and sticky errors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parser_test_util.hpp"
#include "uvimap/wire/framer.hpp"

using namespace uvimap::wire;

namespace {

struct framed {
    std::vector<std::string> frames;
    frame_status last = frame_status::need_more;
    parse_error error;
};

framed frame_all(std::string_view stream, std::size_t chunk, framer_options options = {}) {
    framer f(options);
    framed out;
    std::size_t pos = 0;
    for (;;) {
        frame_status st;
        while ((st = f.next()) == frame_status::ready) {
            out.frames.emplace_back(f.current().bytes);
        }
        out.last = st;
        if (st == frame_status::failed) {
            out.error = f.error();
            return out;
        }
        if (pos == stream.size()) {
            return out;
        }
        const std::size_t n = std::min(chunk, stream.size() - pos);
        f.feed(stream.substr(pos, n));
        pos += n;
    }
}

}  // namespace

TEST_SUITE("framer") {
    TEST_CASE("a line without a literal is one frame") {
        auto r = frame_all("* OK ready\r\na1 OK done\r\n", 1000);
        REQUIRE(r.frames.size() == 2);
        CHECK(r.frames[0] == "* OK ready\r\n");
        CHECK(r.frames[1] == "a1 OK done\r\n");
        CHECK(r.last == frame_status::need_more);
    }

    TEST_CASE("a literal continues the response past its CRLF") {
        const std::string s = "* 1 FETCH (BODY[] {7}\r\na\r\nb\r\nc)\r\n* 2 EXISTS\r\n";
        for (std::size_t chunk = 1; chunk <= s.size(); ++chunk) {
            CAPTURE(chunk);
            auto r = frame_all(s, chunk);
            REQUIRE(r.frames.size() == 2);
            CHECK(r.frames[0] == "* 1 FETCH (BODY[] {7}\r\na\r\nb\r\nc)\r\n");
        }
    }

    TEST_CASE("literal bytes that look like announcements are not scanned") {
        const std::string s = "* 1 FETCH (BODY[] {5}\r\n{99}\n)\r\n";
        auto r = frame_all(s, 3);
        REQUIRE(r.frames.size() == 1);
        CHECK(r.frames[0] == s);
    }

    TEST_CASE("binary and zero-length literals are framed") {
        const std::string s("* 1 FETCH (BINARY[] ~{3}\r\n\0\0\0 BODY[] {0}\r\n)\r\n", 45);
        framer f;
        f.feed(s);
        REQUIRE(f.next() == frame_status::ready);
        const frame& fr = f.current();
        CHECK(fr.bytes.size() == s.size());
        REQUIRE(fr.literals.size() == 2);
        CHECK(fr.literals[0].binary);
        CHECK(fr.literals[0].size == 3);
        CHECK(fr.bytes.substr(fr.literals[0].offset, 3) == std::string_view("\0\0\0", 3));
        CHECK_FALSE(fr.literals[1].binary);
        CHECK(fr.literals[1].size == 0);
    }

    TEST_CASE("NUL bytes before a response are dropped and counted in offsets") {
        framer f;
        f.feed(std::string_view("\0\0* OK\r\n\0a1 OK\r\n", 16));
        REQUIRE(f.next() == frame_status::ready);
        CHECK(f.current().bytes == "* OK\r\n");
        CHECK(f.current().offset == 2);
        REQUIRE(f.next() == frame_status::ready);
        CHECK(f.current().bytes == "a1 OK\r\n");
        CHECK(f.current().offset == 9);
    }

    TEST_CASE("need_more reports the bytes of a literal still to come") {
        framer f;
        f.feed("* 1 FETCH (BODY[] {10}\r\nabc");
        REQUIRE(f.next() == frame_status::need_more);
        CHECK(f.pending_literal() == 7);
        f.feed("defghij)\r\n");
        CHECK(f.next() == frame_status::ready);
    }

    TEST_CASE("prepare and commit read straight into the buffer") {
        framer f;
        const std::string s = "* 1 FETCH (BODY[] {3}\r\nabc)\r\n* 2 EXISTS\r\n";
        std::size_t pos = 0;
        std::vector<std::string> frames;
        while (pos < s.size()) {
            auto span = f.prepare(2);
            REQUIRE(span.size() >= 2);
            const std::size_t n = std::min<std::size_t>(2, s.size() - pos);
            std::copy_n(s.data() + pos, n, span.data());
            f.commit(n);
            pos += n;
            while (f.next() == frame_status::ready) {
                frames.emplace_back(f.current().bytes);
            }
        }
        REQUIRE(frames.size() == 2);
        CHECK(frames[0] == "* 1 FETCH (BODY[] {3}\r\nabc)\r\n");
        CHECK(frames[1] == "* 2 EXISTS\r\n");
    }

    TEST_CASE("framing errors name the offset and stay until reset") {
        struct row {
            const char* name;
            std::string stream;
            framer_options options;
            error_kind kind;
            std::uint64_t offset;
        };
        framer_options small_line;
        small_line.limits.max_line_length = 16;
        framer_options small_literal;
        small_literal.limits.max_literal_size = 100;
        framer_options small_response;
        small_response.limits.max_response_size = 64;
        framer_options few_literals;
        few_literals.limits.max_literals_per_response = 1;
        const std::vector<row> rows = {
            {"literal size overflowing 64 bits",
             "* 1 FETCH (BODY[] {18446744073709551616}\r\n",
             {},
             error_kind::literal_size_overflow,
             19},
            {"literal size far beyond 64 bits",
             "* OK\r\n* 1 FETCH (BODY[] {99999999999999999999999}\r\n",
             {},
             error_kind::literal_size_overflow,
             25},
            {"line over the limit", "* OK 0123456789abcdef\r\n", small_line,
             error_kind::line_too_long, 16},
            {"line over the limit without an end yet", "* OK 0123456789abcdefghijkl", small_line,
             error_kind::line_too_long, 16},
            {"literal over the limit", "* 1 FETCH (BODY[] {101}\r\n", small_literal,
             error_kind::literal_too_large, 19},
            {"response over the limit", "* 1 FETCH (BODY[] {50}\r\n", small_response,
             error_kind::response_too_large, 19},
            {"too many literals", "* 1 FETCH (A {1}\r\nx B {1}\r\n", few_literals,
             error_kind::too_many_literals, 23},
        };
        for (const auto& r : rows) {
            CAPTURE(r.name);
            for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, r.stream.size()}) {
                CAPTURE(chunk);
                auto out = frame_all(r.stream, chunk, r.options);
                CHECK(out.last == frame_status::failed);
                CHECK(out.error.kind == r.kind);
                CHECK(out.error.offset == r.offset);
                CHECK(is_framing_error(out.error.kind));
            }
        }
        framer f(small_line);
        f.feed("* OK 0123456789abcdef\r\n");
        CHECK(f.next() == frame_status::failed);
        f.feed("* OK\r\n");
        CHECK(f.next() == frame_status::failed);
        f.reset();
        f.feed("* OK\r\n");
        CHECK(f.next() == frame_status::ready);
    }

    TEST_CASE("a huge literal announcement is refused before any byte arrives") {
        framer f;
        f.feed("* 1 FETCH (BODY[] {18446744073709551615}\r\n");
        CHECK(f.next() == frame_status::failed);
        CHECK(f.error().kind == error_kind::literal_too_large);
    }

    TEST_CASE("text that merely ends in a brace is not a literal") {
        auto r = frame_all("* OK see {here}\r\n* OK {}\r\n* OK x{1a}\r\n", 2);
        CHECK(r.frames.size() == 3);
    }
}
