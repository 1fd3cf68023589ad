// Literal sinks: big literals reach the sink piecewise as they arrive, the
// response reports them as streamed with their size, and the result does not
// depend on the chunking.
#include <doctest/doctest.h>

#include <string>

#include "parser_test_util.hpp"

using namespace uvimap::wire;
using namespace uvimap::wire::test;

TEST_SUITE("parser literal sink") {
    TEST_CASE("a literal at or over the threshold is streamed, a smaller one is held") {
        recording_sink sink;
        parser p(streaming_to(sink, 10));
        p.feed("* 1 FETCH (BODY[1] {9}\r\n123456789 BODY[2] {10}\r\n0123456789 UID 5)\r\n");
        REQUIRE(p.next() == parse_status::ready);
        const response& r = p.current();
        REQUIRE(r.fetch.items.size() == 3);
        CHECK(r.fetch.items[0].value.form == string_form::literal);
        CHECK(r.fetch.items[0].value.bytes == "123456789");
        CHECK(r.fetch.items[1].value.form == string_form::streamed);
        CHECK(r.fetch.items[1].value.size == 10);
        CHECK(r.fetch.items[1].value.bytes.empty());
        CHECK(r.fetch.items[2].number == 5);
        CHECK(sink.log ==
              "begin(10)<* 1 FETCH (BODY[1] {9}\r\n123456789 BODY[2] {10}\r\n>0123456789<end>");
        // The raw response no longer holds the streamed bytes.
        CHECK(r.raw == "* 1 FETCH (BODY[1] {9}\r\n123456789 BODY[2] {10}\r\n UID 5)\r\n");
    }

    TEST_CASE("streamed bytes arrive before the response is complete") {
        recording_sink sink;
        parser p(streaming_to(sink, 4));
        p.feed("* 1 FETCH (BINARY[] ~{8}\r\nabc");
        CHECK(p.next() == parse_status::need_more);
        CHECK(p.pending_literal() == 5);
        CHECK(sink.log == "begin(8,binary)<* 1 FETCH (BINARY[] ~{8}\r\n>abc");
        p.feed("de");  // Straight from the caller's buffer to the sink.
        CHECK(sink.log == "begin(8,binary)<* 1 FETCH (BINARY[] ~{8}\r\n>abcde");
        CHECK(p.next() == parse_status::need_more);
        p.feed("fgh)\r\n");
        REQUIRE(p.next() == parse_status::ready);
        CHECK(p.current().fetch.items[0].value.form == string_form::streamed);
        CHECK(sink.log == "begin(8,binary)<* 1 FETCH (BINARY[] ~{8}\r\n>abcdefgh<end>");
    }

    TEST_CASE("streaming gives the same result at every split position") {
        std::string stream = "* 1 OK\r\n";
        stream += "* 2 FETCH (UID 2 BODY[] {40}\r\n" + std::string(40, '{') + " FLAGS ())\r\n";
        stream += "* 3 FETCH (BODY[TEXT] {0}\r\n BODY[1] {3}\r\nabc)\r\n";
        stream += "a1 OK done\r\n";
        parser_options options;
        options.stream_threshold = 3;
        const run_result whole = run_whole(stream, options, true);
        CHECK(whole.responses.size() == 4);
        CHECK(whole.sink_log.find(std::string(40, '{')) != std::string::npos);
        for (std::size_t at = 1; at < stream.size(); ++at) {
            CAPTURE(at);
            bool first = true;
            const run_result split = run(
                stream,
                [&](std::size_t left) {
                    if (first) {
                        first = false;
                        return at;
                    }
                    return left;
                },
                options, true);
            CHECK(split == whole);
        }
        const run_result bytes = run(
            stream, [](std::size_t) { return 1; }, options, true);
        CHECK(bytes == whole);
    }

    TEST_CASE("prepare and commit work while a literal streams") {
        recording_sink sink;
        parser p(streaming_to(sink, 4));
        const std::string s = "* 1 FETCH (BODY[] {12}\r\nhello world! UID 1)\r\n";
        for (char c : s) {
            auto span = p.prepare(1);
            span[0] = c;
            p.commit(1);
            if (p.next() == parse_status::ready) {
                CHECK(p.current().fetch.items[1].number == 1);
            }
        }
        CHECK(sink.log == "begin(12)<* 1 FETCH (BODY[] {12}\r\n>hello world!<end>");
    }
}
