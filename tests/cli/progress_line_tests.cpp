// The progress line and its redraw limit.

#include <doctest/doctest.h>

#include "progress_line.hpp"

using namespace uvimap::app;
using namespace std::chrono_literals;

TEST_SUITE("cli: progress line") {
    TEST_CASE("the line shows counts, the rate and the time, and erases what was there") {
        const progress_counts counts{1200, 34, 64, 5000};
        CHECK(render_progress(counts, 14500ms) ==
              "\r[1234/5000] 1200 done, 34 failed, 64 in flight, 85.1 accounts/s, 0:14\x1b[K");
        CHECK(render_progress({0, 0, 0, 3}, 0ms) ==
              "\r[0/3] 0 done, 0 failed, 0 in flight, 0.0 accounts/s, 0:00\x1b[K");
        CHECK(render_progress({10, 0, 0, 10}, 3725s) ==
              "\r[10/10] 10 done, 0 failed, 0 in flight, 0.0 accounts/s, 62:05\x1b[K");
    }

    TEST_CASE("clearing returns to the start of an empty line") {
        CHECK(clear_progress_line() == "\r\x1b[K");
    }

    TEST_CASE("the limiter lets one redraw through per interval") {
        redraw_limiter limiter(4);  // every 250 ms
        const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
        CHECK(limiter.should_redraw(t0));
        CHECK_FALSE(limiter.should_redraw(t0 + 1ms));
        CHECK_FALSE(limiter.should_redraw(t0 + 249ms));
        CHECK(limiter.should_redraw(t0 + 250ms));
        CHECK_FALSE(limiter.should_redraw(t0 + 400ms));
        CHECK(limiter.should_redraw(t0 + 2s));
    }
}
