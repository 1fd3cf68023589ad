// async_scope: joining, concurrency limit, error collection, cancellation.

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "support/error_code.hpp"
#include "support/test_loop.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

namespace {

bool is_cancelled(const std::exception_ptr& failure) {
    return test::error_code_of(failure) == errc::cancelled;
}

}  // namespace

TEST_SUITE("async: scope") {
    TEST_CASE("join waits for every child") {
        test::test_loop loop;
        int finished = 0;
        // Coroutine lambdas must outlive their frames: name them first.
        auto child = [&](int delay) -> task<void> {
            co_await sleep_for(loop, std::chrono::milliseconds(delay));
            ++finished;
        };
        auto body = [&]() -> task<void> {
            async_scope scope;
            for (int i = 0; i < 10; ++i) {
                scope.spawn(child(i % 3));
            }
            co_await scope.join();
            CHECK(scope.errors().empty());
        };
        loop.run(body());
        CHECK(finished == 10);
    }

    TEST_CASE("the concurrency limit is never exceeded and every child runs") {
        test::test_loop loop;
        int running = 0;
        int peak = 0;
        int finished = 0;
        auto child = [&]() -> task<void> {
            peak = std::max(peak, ++running);
            co_await sleep_for(loop, 1ms);
            --running;
            ++finished;
        };
        auto body = [&]() -> task<void> {
            async_scope scope(4);
            for (int i = 0; i < 50; ++i) {
                scope.spawn(child());
            }
            CHECK(scope.running() == 4);
            co_await scope.join();
        };
        loop.run(body());
        CHECK(peak == 4);
        CHECK(finished == 50);
    }

    TEST_CASE("children that finish synchronously past the limit do not recurse") {
        test::test_loop loop;
        int finished = 0;
        auto child = [&]() -> task<void> {
            ++finished;
            co_return;
        };
        auto body = [&]() -> task<void> {
            async_scope scope(1);
            for (int i = 0; i < 100'000; ++i) {
                scope.spawn(child());
            }
            co_await scope.join();
        };
        loop.run(body());
        CHECK(finished == 100'000);
    }

    TEST_CASE("a failing child does not stop its siblings and its error is kept") {
        test::test_loop loop;
        int finished = 0;
        auto failing = []() -> task<void> {
            throw std::runtime_error("child failed");
            co_return;
        };
        auto slow = [&]() -> task<void> {
            co_await sleep_for(loop, 2ms);
            ++finished;
        };
        auto body = [&]() -> task<void> {
            async_scope scope;
            scope.spawn(failing());
            scope.spawn(slow());
            co_await scope.join();
            REQUIRE(scope.errors().size() == 1);
            CHECK_THROWS_WITH(scope.rethrow_first_error(), "child failed");
        };
        loop.run(body());
        CHECK(finished == 1);
    }

    TEST_CASE("cancelling the scope cancels running children and drops queued ones") {
        test::test_loop loop;
        auto body = [&]() -> task<void> {
            async_scope scope(2);
            for (int i = 0; i < 5; ++i) {
                scope.spawn(sleep_for(loop, 10s));
            }
            co_await sleep_for(loop, 1ms);
            scope.cancel();
            co_await scope.join();
            CHECK(scope.errors().size() == 5);
            CHECK(std::all_of(scope.errors().begin(), scope.errors().end(), is_cancelled));
        };
        loop.run(body());
    }

    TEST_CASE("cancelling the parent reaches children through join") {
        test::test_loop loop;
        cancellation_source parent;
        auto body = [&]() -> task<void> {
            async_scope scope;
            scope.spawn(sleep_for(loop, 10s));
            scope.spawn(sleep_for(loop, 10s));
            co_await scope.join();
            CHECK(scope.errors().size() == 2);
        };
        auto canceller = [&]() -> task<void> {
            co_await sleep_for(loop, 2ms);
            parent.request_cancellation();
        };
        auto both = [&]() -> task<void> {
            async_scope outer;
            outer.spawn(with_cancellation(parent.token(), body()));
            outer.spawn(canceller());
            co_await outer.join();
            CHECK(outer.errors().empty());
        };
        loop.run(both());
    }

    TEST_CASE("destroying a scope with running children aborts with a message") {
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            // Silence the expected message; only the exit status matters.
            freopen("/dev/null", "w", stderr);
            uv_loop_t raw;
            uv_loop_init(&raw);
            {
                async_scope scope;
                scope.spawn(sleep_for(&raw, 10s));
            }
            _exit(0);  // not reached if the bug is caught
        }
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGABRT);
    }
}
