// Steady-state parsing allocates nothing: test_wire is linked with the
// counting operator new of tests/alloc (it only counts, it does not change
// behaviour), and these cases check that, once the parser's buffers have
// grown, parsing more responses costs no allocation.
#include <doctest/doctest.h>

#include <string>

#include "alloc/alloc_counter.hpp"
#include "parser_test_util.hpp"

using namespace uvimap::wire;
using namespace uvimap::wire::test;

namespace {

class counting_sink final : public literal_sink {
public:
    void on_literal_begin(std::string_view, std::uint64_t, bool) override { ++literals; }
    void on_literal_data(std::string_view bytes) override { total += bytes.size(); }
    void on_literal_end() override {}
    std::size_t literals = 0;
    std::size_t total = 0;
};

std::string all_corpora() {
    std::string s;
    for (const auto& name : corpus_names()) {
        s += corpus(name);
    }
    return s;
}

// Feeds `copies` copies of `one` in chunks of `chunk` bytes and returns the
// allocations made after the first `warm_up` copies.
std::size_t allocations_after_warm_up(parser& p, const std::string& one, int copies, int warm_up,
                                      std::size_t chunk, std::size_t& responses) {
    std::size_t before = 0;
    for (int copy = 0; copy < copies; ++copy) {
        if (copy == warm_up) {
            before = uvimap::test::allocation_count();
        }
        for (std::size_t pos = 0; pos < one.size(); pos += chunk) {
            p.feed(std::string_view(one).substr(pos, chunk));
            while (p.next() == parse_status::ready) {
                ++responses;
            }
        }
    }
    return uvimap::test::allocation_count() - before;
}

}  // namespace

TEST_SUITE("parser allocations") {
    TEST_CASE("parsing allocates nothing once the buffers have grown") {
        const std::string one = all_corpora();
        for (std::size_t chunk :
             {std::size_t{1}, std::size_t{100}, std::size_t{1000}, one.size()}) {
            CAPTURE(chunk);
            parser p;
            std::size_t responses = 0;
            const std::size_t n = allocations_after_warm_up(p, one, 6, 2, chunk, responses);
            CHECK(responses > 600);
            CHECK(n == 0);
        }
    }

    TEST_CASE("the extension responses allocate nothing once the buffers have grown") {
        // ACL, QUOTA, METADATA, XLIST, STATUS MAILBOXID, continuation codes.
        const std::string one = corpus("extensions.imap");
        for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, one.size()}) {
            CAPTURE(chunk);
            parser p;
            std::size_t responses = 0;
            const std::size_t n = allocations_after_warm_up(p, one, 6, 2, chunk, responses);
            CHECK(responses > 6 * 20);
            CHECK(n == 0);
        }
    }

    TEST_CASE("streaming literals to a sink allocates nothing in steady state") {
        const std::string one = all_corpora();
        counting_sink sink;
        parser_options options;
        options.sink = &sink;
        options.stream_threshold = 16;
        parser p(options);
        std::size_t responses = 0;
        const std::size_t n = allocations_after_warm_up(p, one, 6, 2, 64, responses);
        CHECK(sink.literals > 20);
        CHECK(n == 0);
    }

    TEST_CASE("feeding while a response is held keeps the buffer bounded") {
        // Each feed() comes while the previous response is still held, so
        // the framer cannot compact then; growing must still drop the
        // consumed bytes, or the buffer would grow with the whole stream.
        const std::string one = "* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n";
        parser p;
        std::size_t before = 0;
        for (int i = 0; i < 200000; ++i) {
            if (i == 1000) {
                before = uvimap::test::allocation_count();
            }
            p.feed(one);
            REQUIRE(p.next() == parse_status::ready);
        }
        CHECK(uvimap::test::allocation_count() - before == 0);
    }

    TEST_CASE("the allocation counter sees allocations") {
        const std::size_t before = uvimap::test::allocation_count();
        auto* p = new std::string(100, 'x');
        delete p;
        CHECK(uvimap::test::allocation_count() > before);
    }
}
