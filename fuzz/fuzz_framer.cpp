// fuzz_framer: the framing round trip. Whatever the bytes and however they
// are chunked, the frames the framer returns, put back together with the
// streamed literal data the sink received, are the input itself, in order:
// no byte lost, none duplicated, none moved. The only bytes allowed between
// two frames are the NUL padding the framer drops on purpose.
//
// Input layout:
//   byte 0      bit 0: a sink with a small stream threshold
//               bit 1: tiny limits
//   byte 1      low 4 bits: K, the number of chunk-size bytes at the end
//   then        the stream, then the K chunk sizes (each byte + 1), cycled
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "uvimap/wire/framer.hpp"

using namespace uvimap::wire;

namespace {

[[noreturn]] void fail(const char* what, std::size_t where) {
    std::fprintf(stderr, "framing round trip broken: %s (at %zu)\n", what, where);
    std::abort();
}

// Keeps each streamed literal's bytes until the frame that holds it is ready.
class collecting_sink final : public literal_sink {
public:
    void on_literal_begin(std::string_view, std::uint64_t size, bool) override {
        if (m_open) {
            fail("a literal began before the previous one ended", literals.size());
        }
        m_open = true;
        m_size = size;
        literals.emplace_back();
    }
    void on_literal_data(std::string_view bytes) override {
        if (!m_open) {
            fail("literal data outside a literal", literals.size());
        }
        literals.back().append(bytes);
        if (literals.back().size() > m_size) {
            fail("more literal data than announced", literals.size());
        }
    }
    void on_literal_end() override {
        if (!m_open || literals.back().size() != m_size) {
            fail("a literal ended with the wrong size", literals.size());
        }
        m_open = false;
    }

    std::vector<std::string> literals;

private:
    bool m_open = false;
    std::uint64_t m_size = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const std::uint8_t selector = data[0];
    std::string_view rest(reinterpret_cast<const char*>(data) + 2, size - 2);
    const std::size_t table_size = std::min<std::size_t>(data[1] & 15u, rest.size());
    const std::string_view chunk_table = rest.substr(rest.size() - table_size);
    const std::string_view input = rest.substr(0, rest.size() - table_size);

    collecting_sink sink;
    framer_options options;
    if (selector & 1) {
        options.sink = &sink;
        options.stream_threshold = 4;
    }
    if (selector & 2) {
        options.limits.max_literal_size = 100;
        options.limits.max_line_length = 64;
        options.limits.max_response_size = 300;
        options.limits.max_literals_per_response = 2;
    }
    framer f(options);

    std::size_t rebuilt = 0;  // Input bytes accounted for by frames so far.
    std::size_t used_literals = 0;
    std::size_t offset = 0;
    std::size_t next_chunk = 0;
    frame_status status = frame_status::need_more;
    while (offset < input.size() && status != frame_status::failed) {
        const std::size_t wanted =
            chunk_table.empty()
                ? 1
                : static_cast<std::uint8_t>(chunk_table[next_chunk++ % chunk_table.size()]) +
                      std::size_t{1};
        const std::size_t n = std::min(wanted, input.size() - offset);
        f.feed(input.substr(offset, n));
        offset += n;
        while ((status = f.next()) == frame_status::ready) {
            const frame& fr = f.current();
            if (fr.offset < rebuilt) {
                fail("a frame starts before the end of the previous one", fr.offset);
            }
            for (std::size_t i = rebuilt; i < fr.offset; ++i) {
                if (input[i] != '\0') {
                    fail("a non-NUL byte was dropped between frames", i);
                }
            }
            if (fr.bytes.empty() || fr.bytes.back() != '\n') {
                fail("a frame does not end with LF", fr.offset);
            }
            // Put the frame back together: held bytes with the streamed
            // literals spliced in where they were announced.
            std::string whole;
            std::size_t held = 0;
            for (const literal_ref& lit : fr.literals) {
                if (lit.offset > fr.bytes.size() || lit.offset < held) {
                    fail("a literal offset is outside its frame", fr.offset);
                }
                if (!lit.streamed) {
                    if (lit.size > fr.bytes.size() - lit.offset) {
                        fail("a held literal runs past its frame", fr.offset);
                    }
                    continue;
                }
                if (used_literals >= sink.literals.size()) {
                    fail("a streamed literal never reached the sink", fr.offset);
                }
                whole.append(fr.bytes.substr(held, lit.offset - held));
                whole += sink.literals[used_literals++];
                held = lit.offset;
            }
            whole.append(fr.bytes.substr(held));
            if (whole != input.substr(fr.offset, whole.size())) {
                fail("a frame differs from the input it came from", fr.offset);
            }
            rebuilt = fr.offset + whole.size();
        }
    }
    if (status == frame_status::need_more) {
        // What is left is buffered or dropped as NUL padding, and the
        // buffered bytes are exactly the tail of the input (minus a literal
        // that is being streamed).
        if (f.buffered() > input.size() - rebuilt) {
            fail("the framer holds more than was fed", f.buffered());
        }
    }
    return 0;
}
