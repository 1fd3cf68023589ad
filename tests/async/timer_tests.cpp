// Timers, timeouts and cancellation of waits.

#include <doctest/doctest.h>

#include "support/test_loop.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/timer.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

TEST_SUITE("async: timers") {
    TEST_CASE("sleep waits at least the time asked") {
        test::test_loop loop;
        const uint64_t before = uv_now(loop);
        loop.run(sleep_for(loop, 20ms));
        CHECK(uv_now(loop) - before >= 20);
    }

    TEST_CASE("a timeout fires around a task that takes too long") {
        test::test_loop loop;
        try {
            loop.run(with_timeout(loop, 20ms, sleep_for(loop, 10s)));
            FAIL("the timeout did not fire");
        } catch (const error& e) {
            CHECK(e.code() == errc::timed_out);
        }
    }

    TEST_CASE("a task that finishes in time keeps its result") {
        test::test_loop loop;
        auto quick = [&]() -> task<int> {
            co_await sleep_for(loop, 1ms);
            co_return 5;
        };
        CHECK(loop.run(with_timeout(loop, 5s, quick())) == 5);
    }

    TEST_CASE("cancellation from outside a timeout stays a cancellation") {
        test::test_loop loop;
        cancellation_source source;
        source.request_cancellation();
        try {
            loop.run(
                with_cancellation(source.token(), with_timeout(loop, 5s, sleep_for(loop, 10s))));
            FAIL("not cancelled");
        } catch (const error& e) {
            CHECK(e.code() == errc::cancelled);
        }
    }

    TEST_CASE("registrations run once, in order, and not after they are gone") {
        cancellation_source source;
        std::vector<int> calls;
        cancellation_registration first(source.token(), [&] { calls.push_back(1); });
        {
            cancellation_registration gone(source.token(), [&] { calls.push_back(99); });
        }
        cancellation_registration second(source.token(), [&] { calls.push_back(2); });
        source.request_cancellation();
        source.request_cancellation();
        CHECK(calls == std::vector<int>{1, 2});
        cancellation_registration late(source.token(), [&] { calls.push_back(3); });
        CHECK(calls == std::vector<int>{1, 2, 3});
    }
}
