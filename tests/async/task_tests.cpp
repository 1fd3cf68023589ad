// task<T>: laziness, results, exceptions, symmetric transfer, run/spawn.

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

task<int> answer() {
    co_return 42;
}

task<int> add_one(task<int> inner) {
    co_return co_await inner + 1;
}

task<void> fail_with(std::string message) {
    throw std::runtime_error(message);
    co_return;
}

task<int> count_down(int n) {
    if (n == 0) {
        co_return 0;
    }
    co_return 1 + co_await count_down(n - 1);
}

task<std::unique_ptr<std::string>> move_only() {
    co_return std::make_unique<std::string>("moved");
}

}  // namespace

TEST_SUITE("async: task") {
    TEST_CASE("a task does not start until it is awaited") {
        test::test_loop loop;
        bool started = false;
        auto make = [&]() -> task<void> {
            started = true;
            co_return;
        };
        task<void> task = make();
        CHECK_FALSE(started);
        loop.run(std::move(task));
        CHECK(started);
    }

    TEST_CASE("results and move-only results reach the awaiter") {
        test::test_loop loop;
        CHECK(loop.run(add_one(answer())) == 43);
        CHECK(*loop.run(move_only()) == "moved");
    }

    TEST_CASE("an exception reaches the awaiter through nested awaits") {
        test::test_loop loop;
        auto outer = []() -> task<void> { co_await fail_with("deep failure"); };
        CHECK_THROWS_WITH_AS(loop.run(outer()), "deep failure", std::runtime_error);
    }

    TEST_CASE("a million synchronous awaits in a row do not grow the stack") {
        test::test_loop loop;
        auto many = []() -> task<long> {
            long total = 0;
            for (int i = 0; i < 1'000'000; ++i) {
                total += co_await answer();
            }
            co_return total;
        };
        CHECK(loop.run(many()) == 42'000'000L);
    }

    TEST_CASE("deeply nested awaits complete") {
        test::test_loop loop;
        CHECK(loop.run(count_down(10'000)) == 10'000);
    }

    TEST_CASE("a task awaiting the loop resumes from a timer") {
        test::test_loop loop;
        auto slow = [&]() -> task<int> {
            co_await sleep_for(loop, 5ms);
            co_return 7;
        };
        CHECK(loop.run(slow()) == 7);
    }

    TEST_CASE("run reports a task that can never finish instead of hanging") {
        uv_loop_t raw;
        REQUIRE(uv_loop_init(&raw) == 0);
        std::coroutine_handle<> parked;
        struct never_awaiter {
            std::coroutine_handle<>& parked;
            bool await_ready() const noexcept { return false; }
            void await_suspend(std::coroutine_handle<> h) const noexcept { parked = h; }
            void await_resume() const noexcept {}
        };
        auto stuck = [&]() -> task<void> {
            never_awaiter park{parked};
            co_await park;
        };
        CHECK_THROWS_AS(run(&raw, stuck()), std::logic_error);
        // Resuming the parked task afterwards is safe and frees everything.
        REQUIRE(parked);
        parked.resume();
        CHECK(uv_loop_close(&raw) == 0);
    }

    TEST_CASE("spawn starts a task from plain callback code and reports its end") {
        test::test_loop loop;
        int finished = 0;
        std::exception_ptr failure;
        auto nap = [&]() -> task<void> {
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
