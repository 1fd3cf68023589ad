// No globals: independent loops in one process do not see each other.

#include <doctest/doctest.h>

#include <vector>

#include "support/test_loop.hpp"
#include "uvimap/async/run.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"

using namespace uvimap::async;
using namespace std::chrono_literals;

TEST_SUITE("async: loops") {
    TEST_CASE("two loops in one thread run their own tasks independently") {
        uvimap::test::test_loop first;
        uvimap::test::test_loop second;
        std::vector<int> order;
        auto ticker = [&](uv_loop_t* loop, int id, int ticks) -> task<void> {
            for (int i = 0; i < ticks; ++i) {
                co_await sleep_for(loop, 1ms);
                order.push_back(id);
            }
        };
        spawn(ticker(first, 1, 3), [](std::exception_ptr error) { CHECK(error == nullptr); });
        spawn(ticker(second, 2, 5), [](std::exception_ptr error) { CHECK(error == nullptr); });
        // Driving only the first loop moves only the first loop's task.
        uv_run(first, UV_RUN_DEFAULT);
        CHECK(order == std::vector<int>{1, 1, 1});
        uv_run(second, UV_RUN_DEFAULT);
        CHECK(order == std::vector<int>{1, 1, 1, 2, 2, 2, 2, 2});
    }
}
