// Helpers shared by the framer and parser test files: a driver that feeds a
// stream in chosen chunks, and access to the corpus. The canonical dump of a
// response lives in response_dump.hpp, which the fuzzers share.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "response_dump.hpp"
#include "uvimap/wire/parser.hpp"

namespace uvimap::wire::test {

// The bytes of a string literal, NULs included, without the terminator.
template <std::size_t N>
constexpr std::string_view bytes_of(const char (&s)[N]) {
    return {s, N - 1};
}

inline std::string corpus(const std::string& name) {
    const auto path = std::filesystem::path(__FILE__).parent_path() / "corpus" / name;
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline const std::vector<std::string>& corpus_names() {
    static const std::vector<std::string> names = {
        "rfc3501.imap", "rfc9051.imap", "dovecot.imap", "gmail.imap",     "exchange.imap",
        "cyrus.imap",   "icloud.imap",  "quirks.imap",  "malformed.imap", "extensions.imap",
    };
    return names;
}

// Options that stream literals of `threshold` bytes or more into `sink`.
inline parser_options streaming_to(recording_sink& sink, std::uint64_t threshold) {
    parser_options options;
    options.sink = &sink;
    options.stream_threshold = threshold;
    return options;
}

struct run_result {
    std::vector<std::string> responses;
    parse_status final_status = parse_status::need_more;
    parse_error error;
    std::string sink_log;

    bool operator==(const run_result& o) const {
        return responses == o.responses && final_status == o.final_status &&
               error.kind == o.error.kind && error.offset == o.error.offset &&
               error.expected == o.error.expected && sink_log == o.sink_log;
    }
};

// Feeds `stream` in chunks whose sizes come from `next_chunk` (called with the
// bytes left), draining the parser after each chunk.
inline run_result run(std::string_view stream,
                      const std::function<std::size_t(std::size_t)>& next_chunk,
                      parser_options options = {}, bool use_sink = false) {
    recording_sink sink;
    if (use_sink) {
        options.sink = &sink;
    }
    parser p(options);
    run_result out;
    std::size_t pos = 0;
    for (;;) {
        parse_status st;
        while ((st = p.next()) == parse_status::ready) {
            out.responses.push_back(describe(p.current()));
        }
        if (st == parse_status::failed) {
            out.final_status = st;
            out.error = p.error();
            break;
        }
        if (pos == stream.size()) {
            out.final_status = st;
            break;
        }
        const std::size_t n = std::min(stream.size() - pos,
                                       std::max<std::size_t>(1, next_chunk(stream.size() - pos)));
        p.feed(stream.substr(pos, n));
        pos += n;
    }
    out.sink_log = sink.log;
    return out;
}

inline run_result run_whole(std::string_view stream, parser_options options = {},
                            bool use_sink = false) {
    return run(
        stream, [](std::size_t left) { return left; }, options, use_sink);
}

// Feeds `stream` in two chunks, cut at byte `at` (whole when `at` is 0).
inline run_result run_split_at(std::string_view stream, std::size_t at, parser_options options = {},
                               bool sink = false) {
    bool first = true;
    return run(
        stream,
        [&](std::size_t left) {
            if (first) {
                first = false;
                return at == 0 ? left : at;
            }
            return left;
        },
        options, sink);
}

// A known-answer row: `bytes` holds one response, which is parsed fed whole
// and fed one byte at a time, `check` is called on the response of each of
// these two runs, and the dumps of every two-chunk split must equal the
// whole-feed dump (the dump holds every member, so the answer holds however
// the bytes arrive).
template <class Check>
void check_every_feeding(std::string_view bytes, Check&& check) {
    for (const std::size_t chunk : {bytes.size(), std::size_t{1}}) {
        CAPTURE(chunk);
        parser p;
        int responses = 0;
        for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) {
            p.feed(bytes.substr(pos, chunk));
            while (p.next() == parse_status::ready) {
                ++responses;
                check(p.current());
            }
        }
        CHECK(responses == 1);
        CHECK(p.buffered() == 0);
    }
    const run_result whole = run_whole(bytes);
    for (std::size_t at = 1; at < bytes.size(); ++at) {
        const run_result split = run_split_at(bytes, at);
        if (split.responses != whole.responses) {
            CAPTURE(at);
            CHECK(split.responses == whole.responses);
            break;
        }
    }
}

// Feeds `stream` to `p` and returns the first response for which `pred`
// holds, or nullptr. The response is valid while `p` lives and is neither
// fed nor advanced again.
template <class Pred>
const response* find_response(parser& p, std::string_view stream, Pred&& pred) {
    p.feed(stream);
    while (p.next() == parse_status::ready) {
        if (pred(p.current())) {
            return &p.current();
        }
    }
    return nullptr;
}

// Parses one response fed whole and returns it (a copy of the dump and the
// struct, valid while `p` lives and is not fed again).
inline const response& parse_one(parser& p, std::string_view bytes) {
    p.feed(bytes);
    static response empty;
    if (p.next() != parse_status::ready) {
        return empty;
    }
    return p.current();
}

}  // namespace uvimap::wire::test
