// bench_parser: the uvimap response parser against libetpan's and against a
// memchr floor, side by side in one process and on the same bytes.
//
// For every corpus (corpus.hpp) it registers:
//   uvimap/<corpus>         the parser, fed 64 KiB at a time through
//                           prepare()/commit() as a socket read would fill it
//   uvimap_framer/<corpus>  the framer alone, to split the parser's time
//                           between framing and grammar
//   uvimap_sink/<corpus>    (body corpus only) the parser with literals of
//                           16 KiB and more streamed to a sink that drops them
//   libetpan/<corpus>       libetpan's mailimap_parse_response() over an
//                           in-memory stream with the same 64 KiB reads
//   memchr/<corpus>         memchr for LF and for '{' over every chunk: the
//                           floor the issue sets, every byte looked at once
//   memcpy/<corpus>         each chunk copied into a 64 KiB buffer: the cost
//                           of the read itself, below which no parser goes
// Each run checks that it saw every response before it reports a figure, so a
// parser that stops early is reported as an error rather than as fast.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "alloc/alloc_counter.hpp"
#include "corpus.hpp"
#include "etpan_driver.hpp"
#include "uvimap/wire/framer.hpp"
#include "uvimap/wire/parser.hpp"

namespace uvimap::bench {
namespace {

// What a socket read typically returns on a busy TLS connection.
constexpr std::size_t chunk_size = 64 * 1024;

enum class corpus_kind { envelope, body, small_fetch, captured };

std::string captured_directory() {
    if (const char* dir = std::getenv("UVIMAP_BENCH_CORPUS_DIR")) {
        return dir;
    }
    return UVIMAP_BENCH_DEFAULT_CORPUS_DIR;
}

// Corpora are built on first use, so that a filtered run (the CTest smoke
// test) pays only for the corpus it measures.
const corpus& get_corpus(corpus_kind kind) {
    switch (kind) {
        case corpus_kind::envelope: {
            static const corpus c = make_envelope_corpus();
            return c;
        }
        case corpus_kind::body: {
            static const corpus c = make_body_corpus();
            return c;
        }
        case corpus_kind::small_fetch: {
            static const corpus c = make_small_fetch_corpus();
            return c;
        }
        case corpus_kind::captured:
            break;
    }
    static const corpus c = load_captured_corpus(captured_directory());
    return c;
}

void report(benchmark::State& state, const corpus& c, std::uint64_t responses) {
    const auto iterations = static_cast<std::uint64_t>(state.iterations());
    state.SetBytesProcessed(static_cast<std::int64_t>(iterations * c.bytes.size()));
    state.counters["responses_per_s"] =
        benchmark::Counter(static_cast<double>(responses), benchmark::Counter::kIsRate);
    state.counters["corpus_MB"] = static_cast<double>(c.bytes.size()) / 1e6;
}

// Drops streamed literals; the point is to measure the parser without
// holding message bodies in its buffer.
class null_sink final : public wire::literal_sink {
public:
    void on_literal_begin(std::string_view, std::uint64_t, bool) override {}
    void on_literal_data(std::string_view bytes) override { m_bytes += bytes.size(); }
    void on_literal_end() override {}
    std::uint64_t bytes() const noexcept { return m_bytes; }

private:
    std::uint64_t m_bytes = 0;
};

// Feeds `c` through `p` in chunks; returns the responses seen, or a negative
// number (and a message) if the stream did not parse completely and cleanly.
std::int64_t run_parser(wire::parser& p, const corpus& c, std::string& problem) {
    p.reset();
    std::int64_t responses = 0;
    std::int64_t malformed = 0;
    const std::string_view bytes = c.bytes;
    wire::parse_status status = wire::parse_status::need_more;
    for (std::size_t offset = 0; offset < bytes.size(); offset += chunk_size) {
        const std::size_t n = std::min(chunk_size, bytes.size() - offset);
        const auto space = p.prepare(n);
        std::memcpy(space.data(), bytes.data() + offset, n);
        p.commit(n);
        while ((status = p.next()) == wire::parse_status::ready) {
            ++responses;
            malformed += p.current().type == wire::response_type::malformed;
        }
        if (status == wire::parse_status::failed) {
            problem = "framing error: " + std::string(to_string(p.error().kind)) + " at " +
                      std::to_string(p.error().offset);
            return -1;
        }
    }
    if (malformed != 0 || p.buffered() != 0) {
        problem = std::to_string(malformed) + " malformed responses, " +
                  std::to_string(p.buffered()) + " bytes left over";
        return -1;
    }
    return responses;
}

void bm_uvimap(benchmark::State& state, corpus_kind kind, bool use_sink) {
    const corpus& c = get_corpus(kind);
    if (c.bytes.empty()) {
        state.SkipWithError("corpus not found");
        return;
    }
    null_sink sink;
    wire::parser_options options;
    if (use_sink) {
        options.sink = &sink;
        options.stream_threshold = 16 * 1024;
    }
    wire::parser p(options);
    std::string problem;
    // One untimed pass grows the parser's buffers to their steady size, as
    // on a connection that has been up for a while.
    if (run_parser(p, c, problem) != static_cast<std::int64_t>(c.responses)) {
        state.SkipWithError(problem.empty() ? "wrong response count" : problem.c_str());
        return;
    }
    std::uint64_t responses = 0;
    const std::uint64_t allocations_before = test::allocation_count();
    for (auto _ : state) {
        const auto n = run_parser(p, c, problem);
        benchmark::DoNotOptimize(n);
        if (n < 0) {
            state.SkipWithError(problem.c_str());
            break;
        }
        responses += static_cast<std::uint64_t>(n);
    }
    const std::uint64_t allocations = test::allocation_count() - allocations_before;
    report(state, c, responses);
    state.counters["allocs_per_response"] =
        responses == 0 ? 0.0 : static_cast<double>(allocations) / static_cast<double>(responses);
}

void bm_uvimap_framer(benchmark::State& state, corpus_kind kind) {
    const corpus& c = get_corpus(kind);
    if (c.bytes.empty()) {
        state.SkipWithError("corpus not found");
        return;
    }
    wire::framer f;
    const std::string_view bytes = c.bytes;
    std::uint64_t frames = 0;
    for (auto _ : state) {
        f.reset();
        for (std::size_t offset = 0; offset < bytes.size(); offset += chunk_size) {
            const std::size_t n = std::min(chunk_size, bytes.size() - offset);
            const auto space = f.prepare(n);
            std::memcpy(space.data(), bytes.data() + offset, n);
            f.commit(n);
            while (f.next() == wire::frame_status::ready) {
                ++frames;
            }
        }
    }
    if (frames != c.responses * static_cast<std::uint64_t>(state.iterations())) {
        state.SkipWithError("wrong frame count");
        return;
    }
    report(state, c, frames);
}

void bm_libetpan(benchmark::State& state, corpus_kind kind) {
    const corpus& c = get_corpus(kind);
    if (c.bytes.empty()) {
        state.SkipWithError("corpus not found");
        return;
    }
    const auto check = etpan_parse(c.bytes, chunk_size);
    if (!check.ok) {
        state.SkipWithError(("libetpan: " + check.error).c_str());
        return;
    }
    // In the generated corpora every untagged response but the greeting is a
    // FETCH, so libetpan's count must match ours exactly.
    if (kind != corpus_kind::captured && check.fetches + check.completions + 1 != c.responses) {
        state.SkipWithError("libetpan saw a different number of responses");
        return;
    }
    std::uint64_t responses = 0;
    for (auto _ : state) {
        const auto r = etpan_parse(c.bytes, chunk_size);
        benchmark::DoNotOptimize(r.fetches);
        responses += c.responses;
    }
    report(state, c, responses);
}

void bm_memchr(benchmark::State& state, corpus_kind kind) {
    const corpus& c = get_corpus(kind);
    if (c.bytes.empty()) {
        state.SkipWithError("corpus not found");
        return;
    }
    const std::string_view bytes = c.bytes;
    std::uint64_t found = 0;
    for (auto _ : state) {
        for (std::size_t offset = 0; offset < bytes.size(); offset += chunk_size) {
            const char* const end = bytes.data() + std::min(bytes.size(), offset + chunk_size);
            for (char wanted : {'\n', '{'}) {
                const char* p = bytes.data() + offset;
                while ((p = static_cast<const char*>(std::memchr(p, wanted, end - p))) != nullptr) {
                    ++found;
                    ++p;
                }
            }
        }
        benchmark::DoNotOptimize(found);
    }
    report(state, c, c.responses * static_cast<std::uint64_t>(state.iterations()));
}

// Copies every chunk into one reused 64 KiB buffer: what a socket read costs
// before any parsing, and what any parser fed from a socket pays at least.
void bm_memcpy(benchmark::State& state, corpus_kind kind) {
    const corpus& c = get_corpus(kind);
    if (c.bytes.empty()) {
        state.SkipWithError("corpus not found");
        return;
    }
    const std::string_view bytes = c.bytes;
    std::string buffer(chunk_size, '\0');
    for (auto _ : state) {
        for (std::size_t offset = 0; offset < bytes.size(); offset += chunk_size) {
            const std::size_t n = std::min(chunk_size, bytes.size() - offset);
            std::memcpy(buffer.data(), bytes.data() + offset, n);
            benchmark::ClobberMemory();
        }
    }
    report(state, c, c.responses * static_cast<std::uint64_t>(state.iterations()));
}

void register_all() {
    struct entry {
        const char* name;
        corpus_kind kind;
    };
    static constexpr entry corpora[] = {
        {"envelope", corpus_kind::envelope},
        {"body", corpus_kind::body},
        {"small_fetch", corpus_kind::small_fetch},
        {"captured", corpus_kind::captured},
    };
    for (const auto& e : corpora) {
        const std::string name = e.name;
        const corpus_kind kind = e.kind;
        benchmark::RegisterBenchmark(("uvimap/" + name).c_str(), [kind](benchmark::State& s) {
            bm_uvimap(s, kind, false);
        })->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("uvimap_framer/" + name).c_str(), [kind](
                                                                            benchmark::State& s) {
            bm_uvimap_framer(s, kind);
        })->Unit(benchmark::kMillisecond);
        if (kind == corpus_kind::body) {
            benchmark::RegisterBenchmark(("uvimap_sink/" + name).c_str(), [kind](
                                                                              benchmark::State& s) {
                bm_uvimap(s, kind, true);
            })->Unit(benchmark::kMillisecond);
        }
        benchmark::RegisterBenchmark(("libetpan/" + name).c_str(), [kind](benchmark::State& s) {
            bm_libetpan(s, kind);
        })->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("memchr/" + name).c_str(), [kind](benchmark::State& s) {
            bm_memchr(s, kind);
        })->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("memcpy/" + name).c_str(), [kind](benchmark::State& s) {
            bm_memcpy(s, kind);
        })->Unit(benchmark::kMillisecond);
    }
}

}  // namespace
}  // namespace uvimap::bench

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    uvimap::bench::register_all();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
