// The lines browse reads: from a pipe, with CRLF or LF, a last line without
// LF, and lines too long to keep.

#include <doctest/doctest.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "line_input.hpp"

using uvimap::app::line_input;

namespace {

// A pipe whose write end gets `text`, written in pieces of `piece` bytes by
// a thread, so that lines arrive split across reads.
struct fed_pipe {
    int fds[2];
    std::thread writer;
    fed_pipe(std::string text, std::size_t piece) {
        REQUIRE(::pipe(fds) == 0);
        writer = std::thread([fd = fds[1], text = std::move(text), piece] {
            for (std::size_t at = 0; at < text.size(); at += piece) {
                const std::size_t n = std::min(piece, text.size() - at);
                if (::write(fd, text.data() + at, n) != static_cast<ssize_t>(n)) {
                    break;
                }
            }
            ::close(fd);
        });
    }
    ~fed_pipe() {
        writer.join();
        ::close(fds[0]);
    }
};

}  // namespace

TEST_SUITE("cli: line input") {
    TEST_CASE("lines end with LF or CRLF, a last line without LF counts, then the end") {
        for (std::size_t piece : {1u, 2u, 3u, 7u, 1000u}) {
            CAPTURE(piece);
            fed_pipe p("INBOX\r\n3\n\nq\r", piece);
            line_input in(p.fds[0]);
            CHECK(in.next_line() == "INBOX");
            CHECK(in.next_line() == "3");
            CHECK(in.next_line() == "");
            CHECK(in.next_line() == "q");
            CHECK(in.next_line() == std::nullopt);
            CHECK(in.next_line() == std::nullopt);
        }
    }

    TEST_CASE("a line longer than the limit is cut, and memory does not follow it") {
        const std::string huge(200'000, 'x');
        fed_pipe p(huge + "\nnext\n", 4096);
        line_input in(p.fds[0]);
        const auto first = in.next_line();
        REQUIRE(first.has_value());
        CHECK(first->size() == line_input::max_line_length);
        CHECK(in.next_line() == "next");
    }

    TEST_CASE("an empty input ends at once") {
        fed_pipe p("", 1);
        line_input in(p.fds[0]);
        CHECK(in.next_line() == std::nullopt);
    }
}
