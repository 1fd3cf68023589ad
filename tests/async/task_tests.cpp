// Task<T>: laziness, results, exceptions, symmetric transfer, run/spawn.

#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "support/test_loop.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/run.hpp"
#include "uvimap/async/task.hpp"
#include "uvimap/async/timer.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

namespace {

Task<int> answer() {
    co_return 42;
}

Task<int> add_one(Task<int> inner) {
    co_return co_await inner + 1;
}

Task<void> fail_with(std::string message) {
    throw std::runtime_error(message);
    co_return;
}

Task<int> count_down(int n) {
    if (n == 0) {
        co_return 0;
    }
    co_return 1 + co_await count_down(n - 1);
}

Task<std::unique_ptr<std::string>> move_only() {
    co_return std::make_unique<std::string>("moved");
}

}  // namespace

TEST_SUITE("async: task") {
    TEST_CASE("a task does not start until it is awaited") {
        test::TestLoop loop;
        bool started = false;
        auto make = [&]() -> Task<void> {
            started = true;
            co_return;
        };
        Task<void> task = make();
        CHECK_FALSE(started);
        loop.run(std::move(task));
        CHECK(started);
    }

    TEST_CASE("results and move-only results reach the awaiter") {
        test::TestLoop loop;
        CHECK(loop.run(add_one(answer())) == 43);
        CHECK(*loop.run(move_only()) == "moved");
    }

    TEST_CASE("an exception reaches the awaiter through nested awaits") {
        test::TestLoop loop;
        auto outer = []() -> Task<void> { co_await fail_with("deep failure"); };
        CHECK_THROWS_WITH_AS(loop.run(outer()), "deep failure", std::runtime_error);
    }

    TEST_CASE("a million synchronous awaits in a row do not grow the stack") {
        test::TestLoop loop;
        auto many = []() -> Task<long> {
            long total = 0;
            for (int i = 0; i < 1'000'000; ++i) {
                total += co_await answer();
            }
            co_return total;
        };
        CHECK(loop.run(many()) == 42'000'000L);
    }

    TEST_CASE("deeply nested awaits complete") {
        test::TestLoop loop;
        CHECK(loop.run(count_down(10'000)) == 10'000);
    }

    TEST_CASE("a task awaiting the loop resumes from a timer") {
        test::TestLoop loop;
        auto slow = [&]() -> Task<int> {
            co_await sleep_for(loop, 5ms);
            co_return 7;
        };
        CHECK(loop.run(slow()) == 7);
    }

    TEST_CASE("run reports a task that can never finish instead of hanging") {
        uv_loop_t raw;
        REQUIRE(uv_loop_init(&raw) == 0);
        std::coroutine_handle<> parked;
        struct Never {
            std::coroutine_handle<>& parked;
            bool await_ready() const noexcept { return false; }
            void await_suspend(std::coroutine_handle<> h) const noexcept { parked = h; }
            void await_resume() const noexcept {}
        };
        auto stuck = [&]() -> Task<void> { co_await Never{parked}; };
        CHECK_THROWS_AS(run(&raw, stuck()), std::logic_error);
        // Resuming the parked task afterwards is safe and frees everything.
        REQUIRE(parked);
        parked.resume();
        CHECK(uv_loop_close(&raw) == 0);
    }

    TEST_CASE("spawn starts a task from plain callback code and reports its end") {
        test::TestLoop loop;
        int finished = 0;
        std::exception_ptr failure;
        auto nap = [&]() -> Task<void> {
            co_await sleep_for(loop, 1ms);
            ++finished;
        };
        spawn(nap(), [&](std::exception_ptr error) {
            failure = error;
            ++finished;
        });
        spawn(fail_with("spawned failure"), [&](std::exception_ptr error) { failure = error; });
        CHECK(failure != nullptr);
        CHECK(finished == 0);
        uv_run(loop, UV_RUN_DEFAULT);
        CHECK(finished == 2);
    }

    TEST_CASE("spawn refuses to start without a completion handler") {
        CHECK_THROWS_AS(spawn(fail_with("unused"), nullptr), std::invalid_argument);
    }
}
