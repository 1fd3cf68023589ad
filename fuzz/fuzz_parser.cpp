// fuzz_parser: the response parser never crashes, and its output does not
// depend on how the stream is cut into chunks.
//
// Input layout (the first bytes pick options, as llhttp's fuzz_parser.c does):
//   byte 0      bit 0: tiny limits instead of the defaults
//               bit 1: a literal sink with a small stream threshold
//               bit 2: the chunked run first parses the first half of the
//                      stream, then reset()s: reset must forget everything
//               bit 3: the chunked run moves the parser to a new object and
//                      back after every chunk
//   byte 1      low 4 bits: K, how many bytes at the end of the input are a
//               table of chunk sizes (each byte + 1); K = 0 means 1-byte chunks
//   then        the server stream
//   last K      the chunk size table, used in a cycle
// The stream is parsed twice, fed whole and fed in chunks, and the compact
// summaries of the two runs (every response, the final status and error, what
// the sink received) must be equal.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "response_dump.hpp"
#include "uvimap/wire/parser.hpp"

using namespace uvimap::wire;

namespace {

parser_options make_options(std::uint8_t selector, literal_sink* sink) {
    parser_options options;
    if (selector & 1) {
        // Limits small enough that fuzzed inputs cross each of them.
        options.limits.max_literal_size = 64;
        options.limits.max_line_length = 128;
        options.limits.max_depth = 4;
        options.limits.max_response_size = 512;
        options.limits.max_literals_per_response = 3;
    }
    if (selector & 2) {
        options.sink = sink;
        options.stream_threshold = 8;
    }
    return options;
}

// Feeds `stream` in the given chunk sizes and returns the summary of the run.
std::string run(std::string_view stream, std::uint8_t selector, std::string_view chunk_table,
                bool whole) {
    uvimap::wire::test::recording_sink sink;
    parser p(make_options(selector, &sink));
    if (!whole && (selector & 4)) {
        p.feed(stream.substr(0, stream.size() / 2));
        while (p.next() == parse_status::ready) {
        }
        p.reset();
        sink.log.clear();
    }
    std::string out;
    parse_status status = parse_status::need_more;
    std::size_t next_chunk = 0;
    std::size_t offset = 0;
    while (offset < stream.size() && status != parse_status::failed) {
        std::size_t n = stream.size() - offset;
        if (!whole) {
            const std::size_t wanted =
                chunk_table.empty()
                    ? 1
                    : static_cast<std::uint8_t>(chunk_table[next_chunk++ % chunk_table.size()]) +
                          std::size_t{1};
            n = std::min(n, wanted);
        }
        // Alternate the two ways of feeding, so that both are exercised.
        if ((offset / 7) % 2 == 0) {
            p.feed(stream.substr(offset, n));
        } else {
            const auto space = p.prepare(n);
            if (space.size() < n) {
                std::abort();  // prepare() promised at least n bytes.
            }
            std::memcpy(space.data(), stream.data() + offset, n);
            p.commit(n);
        }
        offset += n;
        if (!whole && (selector & 8)) {
            parser moved(std::move(p));
            p = std::move(moved);
        }
        while ((status = p.next()) == parse_status::ready) {
            out += uvimap::wire::test::describe(p.current());
            out += '\n';
        }
    }
    out += "status=" + std::to_string(static_cast<int>(status));
    if (status == parse_status::failed) {
        out += " error=" + std::string(to_string(p.error().kind)) + '@' +
               std::to_string(p.error().offset);
    }
    out += " sink=" + sink.log;
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const std::uint8_t selector = data[0];
    std::size_t table_size = data[1] & 15u;
    std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
    table_size = std::min(table_size, rest.size());
    const std::string_view chunk_table = rest.substr(rest.size() - table_size);
    const std::string_view stream = rest.substr(0, rest.size() - table_size);

    const std::string whole = run(stream, selector, chunk_table, true);
    const std::string chunked = run(stream, selector, chunk_table, false);
    if (whole != chunked) {
        std::fprintf(stderr, "fed whole:\n%s\n\nfed in chunks:\n%s\n", whole.c_str(),
                     chunked.c_str());
        std::abort();
    }
    return 0;
}
