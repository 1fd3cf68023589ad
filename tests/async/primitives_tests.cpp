// Coordination primitives: event, oneshot, mutex, when_all; one waiter
// cancelled while the others keep waiting.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/error_code.hpp"
#include "support/test_loop.hpp"
#include "uvimap/async/event.hpp"
#include "uvimap/async/mutex.hpp"
#include "uvimap/async/oneshot.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"
#include "uvimap/async/when_all.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

namespace {

// An event and a log of the waiters it woke, in the order they woke.
struct waiters_log {
    async_event event;
    std::vector<int> woken;

    task<void> wait(int id) {
        co_await event.wait();
        woken.push_back(id);
    }
};

}  // namespace

TEST_SUITE("async: primitives") {
    TEST_CASE("setting an event wakes every waiter, in order, and later waits pass") {
        test::test_loop loop;
        waiters_log log;
        auto body = [&]() -> task<void> {
            async_scope scope;
            for (int id = 1; id <= 3; ++id) {
                scope.spawn(log.wait(id));
            }
            co_await sleep_for(loop, 1ms);
            CHECK(log.woken.empty());
            log.event.set();
            CHECK(log.woken == std::vector<int>{1, 2, 3});
            co_await log.event.wait();  // set: no suspension
            log.event.reset();
            scope.spawn(log.wait(4));
            CHECK(log.woken.size() == 3);
            log.event.set();
            co_await scope.join();
            CHECK(scope.errors().empty());
        };
        loop.run(body());
        CHECK(log.woken == std::vector<int>{1, 2, 3, 4});
    }

    TEST_CASE("cancelling one event waiter leaves the others waiting") {
        test::test_loop loop;
        waiters_log log;
        cancellation_source second;
        auto body = [&]() -> task<void> {
            async_scope scope;
            scope.spawn(log.wait(1));
            scope.spawn(with_cancellation(second.token(), log.wait(2)));
            scope.spawn(log.wait(3));
            second.request_cancellation();
            CHECK(test::only_error_code(scope.errors()) == errc::cancelled);
            log.event.set();
            co_await scope.join();
        };
        loop.run(body());
        CHECK(log.woken == std::vector<int>{1, 3});
    }

    TEST_CASE("a oneshot hands one value from a producer to a consumer") {
        test::test_loop loop;
        oneshot<std::string> answer;
        auto producer = [&]() -> task<void> {
            co_await sleep_for(loop, 2ms);
            answer.set_value("a1 OK done");
        };
        auto body = [&]() -> task<std::string> {
            async_scope scope;
            scope.spawn(producer());
            std::string value = co_await answer.take();
            co_await scope.join();
            co_return value;
        };
        CHECK(loop.run(body()) == "a1 OK done");
        CHECK_THROWS_AS(answer.set_value("twice"), std::logic_error);
    }

    TEST_CASE("a oneshot carries an exception to its consumer") {
        test::test_loop loop;
        oneshot<int> answer;
        answer.set_exception(std::make_exception_ptr(error(errc::connection_lost, "gone")));
        CHECK(test::error_code_of([&] { loop.run(answer.take()); }) == errc::connection_lost);
    }

    TEST_CASE("a cancelled consumer leaves the oneshot for the producer to set") {
        test::test_loop loop;
        oneshot<int> answer;
        cancellation_source source;
        auto consumer = [&]() -> task<int> {
            co_return co_await with_cancellation(source.token(), answer.take());
        };
        auto body = [&]() -> task<void> {
            async_scope scope;
            std::exception_ptr failure;
            auto run_consumer = [&]() -> task<void> {
                try {
                    co_await consumer();
                } catch (...) {
                    failure = std::current_exception();
                }
            };
            scope.spawn(run_consumer());
            source.request_cancellation();
            co_await scope.join();
            CHECK(test::error_code_of(failure) == errc::cancelled);
            answer.set_value(7);
            CHECK(co_await answer.take() == 7);
        };
        loop.run(body());
    }

    TEST_CASE("a mutex lets tasks in one at a time, first come first served") {
        test::test_loop loop;
        async_mutex mutex;
        std::string log;
        int inside = 0;
        auto writer = [&](char id) -> task<void> {
            async_mutex::guard held = co_await mutex.lock();
            CHECK(++inside == 1);
            log += id;
            co_await sleep_for(loop, 1ms);
            log += id;
            --inside;
        };
        auto body = [&]() -> task<void> {
            async_scope scope;
            for (char id : std::string("abcd")) {
                scope.spawn(writer(id));
            }
            co_await scope.join();
            CHECK(scope.errors().empty());
        };
        loop.run(body());
        CHECK(log == "aabbccdd");
        CHECK_FALSE(mutex.is_locked());
    }

    TEST_CASE("a task cancelled while waiting for a mutex leaves the line, the others keep it") {
        test::test_loop loop;
        async_mutex mutex;
        cancellation_source second;
        std::string log;
        auto writer = [&](char id) -> task<void> {
            async_mutex::guard held = co_await mutex.lock();
            log += id;
            co_await sleep_for(loop, 2ms);
        };
        auto body = [&]() -> task<void> {
            async_scope scope;
            scope.spawn(writer('a'));
            scope.spawn(with_cancellation(second.token(), writer('b')));
            scope.spawn(writer('c'));
            second.request_cancellation();
            co_await scope.join();
            CHECK(test::only_error_code(scope.errors()) == errc::cancelled);
        };
        loop.run(body());
        CHECK(log == "ac");
        CHECK(mutex.try_lock());
        mutex.unlock();
    }

    TEST_CASE("when_all collects every result in order") {
        test::test_loop loop;
        auto square = [&](int n) -> task<int> {
            co_await sleep_for(loop, std::chrono::milliseconds(5 - n));
            co_return n* n;
        };
        std::vector<task<int>> work;
        for (int n = 0; n < 5; ++n) {
            work.push_back(square(n));
        }
        CHECK(loop.run(when_all(std::move(work), 2)) == std::vector<int>{0, 1, 4, 9, 16});
    }

    TEST_CASE("when_all waits for every task and then rethrows the first failure") {
        test::test_loop loop;
        int finished = 0;
        auto job = [&](int n) -> task<int> {
            co_await sleep_for(loop, std::chrono::milliseconds(n));
            ++finished;
            if (n == 1) {
                throw error(errc::io_error, "job 1 failed");
            }
            co_return n;
        };
        std::vector<task<int>> work;
        for (int n = 0; n < 4; ++n) {
            work.push_back(job(n));
        }
        CHECK(test::error_code_of([&] { loop.run(when_all(std::move(work))); }) == errc::io_error);
        CHECK(finished == 4);
    }

    TEST_CASE("a deadline restarted on every sign of life fires only after silence") {
        test::test_loop loop;
        int fired = 0;
        auto body = [&]() -> task<void> {
            deadline_timer idle(loop, 30ms, [&] { ++fired; });
            for (int i = 0; i < 5; ++i) {
                co_await sleep_for(loop, 10ms);
                idle.restart(30ms);  // activity
            }
            CHECK(fired == 0);
            CHECK(idle.armed());
            co_await sleep_for(loop, 60ms);
            CHECK(fired == 1);
            CHECK(idle.expired());
            idle.restart(5ms);
            CHECK_FALSE(idle.expired());
            idle.stop();
            co_await sleep_for(loop, 20ms);
            CHECK(fired == 1);
            co_await idle.close();
        };
        loop.run(body());
    }

    TEST_CASE("an exception from a deadline's callback comes out of close()") {
        test::test_loop loop;
        auto body = [&]() -> task<void> {
            deadline_timer deadline(loop, 1ms, [] { throw std::runtime_error("callback failed"); });
            co_await sleep_for(loop, 10ms);
            CHECK(deadline.expired());
            CHECK_THROWS_WITH_AS(co_await deadline.close(), "callback failed", std::runtime_error);
        };
        loop.run(body());
    }

    TEST_CASE("every cancellation callback runs even when one throws") {
        cancellation_source source;
        std::vector<int> calls;
        cancellation_registration first(source.token(), [&] { calls.push_back(1); });
        cancellation_registration thrower(source.token(), [&] {
            calls.push_back(2);
            throw std::runtime_error("registration 2 failed");
        });
        cancellation_registration third(source.token(), [&] { calls.push_back(3); });
        cancellation_registration another(source.token(), [&] {
            calls.push_back(4);
            throw std::runtime_error("registration 4 failed");
        });
        CHECK_THROWS_WITH_AS(source.request_cancellation(), "registration 2 failed",
                             std::runtime_error);
        CHECK(calls == std::vector<int>{1, 2, 3, 4});
        CHECK(source.is_cancelled());
    }

    TEST_CASE("a long-lived scope keeps a bounded number of errors, or hands them off") {
        test::test_loop loop;
        auto fail = [&]() -> task<void> {
            co_await sleep_for(loop, 0ms);
            throw error(errc::io_error, "child failed");
        };
        auto body = [&]() -> task<void> {
            async_scope bounded;
            bounded.set_max_kept_errors(3);
            for (int i = 0; i < 10; ++i) {
                bounded.spawn(fail());
            }
            co_await bounded.join();
            CHECK(bounded.errors().size() == 3);
            CHECK(bounded.dropped_errors() == 7);

            async_scope handed_off;
            int handled = 0;
            handed_off.set_error_handler([&](std::exception_ptr failure) {
                CHECK(test::error_code_of(failure) == errc::io_error);
                ++handled;
            });
            for (int i = 0; i < 10; ++i) {
                handed_off.spawn(fail());
            }
            co_await handed_off.join();
            CHECK(handed_off.errors().empty());
            CHECK(handled == 10);
        };
        loop.run(body());
    }

    TEST_CASE("error codes of every layer have stable names") {
        CHECK(code_name(errc::connection_refused) == "connection_refused");
        CHECK(code_name(errc::too_many_open_files) == "too_many_open_files");
        CHECK(code_name(std::make_error_code(std::errc::timed_out)).rfind("generic:", 0) == 0);
        const error failure(errc::timed_out, "no answer", 42);
        CHECK(failure.code() == errc::timed_out);
        CHECK(failure.code() != errc::cancelled);
        CHECK(failure.native_code() == 42);
        CHECK(std::string(failure.what()) == "no answer");
    }
}
