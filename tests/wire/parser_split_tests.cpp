// The result must not depend on how the stream is cut into chunks: every
// corpus is parsed whole, split at every byte position, fed one byte at a
// time, and (concatenated into big generated streams) fed in random chunks.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "parser_test_util.hpp"

using namespace uvimap::wire;
using namespace uvimap::wire::test;

namespace {

std::size_t count_malformed(const run_result& r) {
    std::size_t n = 0;
    for (const auto& s : r.responses) {
        n += dump_is_malformed(s) ? 1 : 0;
    }
    return n;
}

// A big stream: every corpus several times, plus FETCH responses with
// literals of many sizes, some big enough to be streamed.
std::string generated_stream() {
    std::string s;
    std::mt19937 rng(20261127);
    for (int round = 0; round < 4; ++round) {
        for (const auto& name : corpus_names()) {
            s += corpus(name);
        }
        for (int i = 0; i < 60; ++i) {
            const std::size_t size = i % 10 == 0 ? 100000 + rng() % 50000 : rng() % 3000;
            std::string body(size, 'x');
            for (std::size_t k = 0; k < size; k += 1 + rng() % 70) {
                body[k] = "\r\n{}()\"\\ 0~"[rng() % 12];
            }
            s += "* " + std::to_string(i + 1) + " FETCH (UID " + std::to_string(1000 + i) +
                 " BODY[] {" + std::to_string(size) + "}\r\n" + body + " FLAGS (\\Seen))\r\n";
        }
    }
    return s;
}

}  // namespace

TEST_SUITE("parser splitting") {
    TEST_CASE("every corpus parses whole with only the expected malformed responses") {
        for (const auto& name : corpus_names()) {
            CAPTURE(name);
            const std::string stream = corpus(name);
            REQUIRE_FALSE(stream.empty());
            const run_result whole = run_whole(stream);
            CHECK(whole.final_status == parse_status::need_more);
            CHECK(whole.responses.size() > 3);
            if (name == "malformed.imap") {
                CHECK(count_malformed(whole) == 3);
            } else {
                for (const auto& r : whole.responses) {
                    CAPTURE(r);
                    CHECK_FALSE(dump_is_malformed(r));
                }
            }
        }
    }

    TEST_CASE("splitting a corpus at every byte position gives the whole-feed result") {
        for (const auto& name : corpus_names()) {
            CAPTURE(name);
            const std::string stream = corpus(name);
            const run_result whole = run_whole(stream);
            for (std::size_t at = 1; at < stream.size(); ++at) {
                const run_result split = run_split_at(stream, at);
                if (!(split == whole)) {
                    CAPTURE(at);
                    CHECK(split.responses == whole.responses);
                    break;
                }
            }
        }
    }

    TEST_CASE("feeding a corpus one byte at a time gives the whole-feed result") {
        for (const auto& name : corpus_names()) {
            CAPTURE(name);
            const std::string stream = corpus(name);
            const run_result whole = run_whole(stream);
            const run_result bytes = run(stream, [](std::size_t) { return 1; });
            CHECK(bytes.responses == whole.responses);
            CHECK(bytes.final_status == whole.final_status);
        }
    }

    TEST_CASE("streamed literals give the same responses and sink bytes at every split") {
        parser_options options;
        options.stream_threshold = 8;
        for (const auto& name : corpus_names()) {
            CAPTURE(name);
            const std::string stream = corpus(name);
            const run_result whole = run_whole(stream, options, true);
            const run_result bytes = run(
                stream, [](std::size_t) { return 1; }, options, true);
            CHECK(bytes == whole);
            for (std::size_t at = 1; at < stream.size(); ++at) {
                const run_result split = run_split_at(stream, at, options, true);
                if (!(split == whole)) {
                    CAPTURE(at);
                    CHECK(split.responses == whole.responses);
                    CHECK(split.sink_log == whole.sink_log);
                    break;
                }
            }
        }
    }

    TEST_CASE("a large generated stream in random chunks gives the whole-feed result") {
        const std::string stream = generated_stream();
        const run_result whole = run_whole(stream);
        CHECK(whole.responses.size() > 500);
        CHECK(count_malformed(whole) == 4 * 3);
        std::mt19937 rng(42);
        for (std::size_t max_chunk :
             {std::size_t{3}, std::size_t{64}, std::size_t{4096}, std::size_t{70000}}) {
            CAPTURE(max_chunk);
            const run_result chunked =
                run(stream, [&](std::size_t) { return 1 + rng() % max_chunk; });
            CHECK(chunked == whole);
        }
    }

    TEST_CASE("a large generated stream with a sink in random chunks gives the whole-feed result") {
        const std::string stream = generated_stream();
        parser_options options;
        options.stream_threshold = 50000;
        const run_result whole = run_whole(stream, options, true);
        CHECK(whole.sink_log.size() > 4 * 6 * 100000);
        std::mt19937 rng(7);
        for (std::size_t max_chunk : {std::size_t{17}, std::size_t{5000}, std::size_t{200000}}) {
            CAPTURE(max_chunk);
            const run_result chunked = run(
                stream, [&](std::size_t) { return 1 + rng() % max_chunk; }, options, true);
            CHECK(chunked == whole);
        }
    }
}
