// Lifetimes at the edges: operations pending while their handle closes,
// several closers at once, cancellation that is already there when a wait
// begins. Each case once hung or touched freed memory; ASan watches them.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/error_code.hpp"
#include "support/tcp_pair.hpp"
#include "support/test_loop.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/tcp.hpp"
#include "uvimap/async/timer.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

namespace {

// Far more than the kernel's socket buffers hold, for a peer that reads nothing.
constexpr std::size_t flood_size = 64u << 20;

// Runs `stuck` (it cannot finish: the peer reads nothing) under a 50 ms
// timeout while `beside` is pending on the same stream; checks that the
// timeout fired and returns the code `beside` ended with.
task<std::error_code> time_out_beside(uv_loop_t* loop, task<void> stuck, task<void> beside) {
    async_scope scope;
    scope.spawn(std::move(beside));
    std::exception_ptr failure;
    try {
        co_await with_timeout(loop, std::chrono::milliseconds(50), std::move(stuck));
    } catch (...) {
        failure = std::current_exception();
    }
    REQUIRE_MESSAGE(failure != nullptr, "the stuck operation finished");
    CHECK(test::error_code_of(failure) == errc::timed_out);
    co_await scope.join();
    REQUIRE(scope.errors().size() == 1);
    co_return test::error_code_of(scope.errors().front());
}

}  // namespace

TEST_SUITE("async: lifetimes") {
    TEST_CASE("join with an already cancelled parent waits for the children it cancels") {
        test::test_loop loop;
        tcp_listener listener(loop);
        cancellation_source parent;
        parent.request_cancellation();
        auto accept_forever = [&]() -> task<void> { co_await listener.accept(); };
        auto body = [&]() -> task<std::size_t> {
            async_scope scope;
            scope.spawn(accept_forever());
            co_await scope.join();  // the parent token is cancelled before this
            co_return scope.errors().size();
        };
        auto outer = [&]() -> task<std::size_t> {
            std::size_t errors = 0;
            try {
                errors = co_await with_cancellation(parent.token(), body());
            } catch (const error&) {
            }
            co_await listener.close();
            co_return errors;
        };
        CHECK(loop.run(outer()) == 1);
    }

    TEST_CASE("a scope given its parent's token cancels its children before join") {
        test::test_loop loop;
        cancellation_source parent;
        auto body = [&]() -> task<void> {
            async_scope scope(0, parent.token());
            scope.spawn(sleep_for(loop, 10s));
            parent.request_cancellation();
            co_await scope.join();  // returns at once: the sleep was cancelled
            CHECK(test::only_error_code(scope.errors()) == errc::cancelled);
            scope.spawn(sleep_for(loop, 10s));
            CHECK(scope.errors().size() == 2);  // spawning into a cancelled scope
        };
        loop.run(body());
    }

    TEST_CASE("a read pending while its stream is closed ends with connection_aborted") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<void> {
            test::connected_pair pair = co_await test::connect_pair(loop, listener);
            async_scope scope;
            auto reader = [&]() -> task<void> { co_await pair.client.read(); };
            scope.spawn(reader());
            co_await pair.client.close();
            co_await scope.join();
            CHECK(test::only_error_code(scope.errors()) == errc::connection_aborted);
            co_await pair.server.close();
            co_await listener.close();
        };
        loop.run(body());
    }

    TEST_CASE("several tasks may wait for the same close") {
        test::test_loop loop;
        tcp_listener listener(loop);
        int closed = 0;
        auto body = [&]() -> task<void> {
            test::connected_pair pair = co_await test::connect_pair(loop, listener);
            auto closer = [&]() -> task<void> {
                co_await pair.client.close();
                ++closed;
            };
            async_scope scope;
            scope.spawn(closer());
            scope.spawn(closer());
            scope.spawn(closer());
            co_await scope.join();
            co_await pair.client.close();  // and once more when it is done
            ++closed;
            co_await pair.server.close();
            co_await listener.close();
        };
        loop.run(body());
        CHECK(closed == 4);
    }

    TEST_CASE("an accept pending while its listener is closed ends with connection_aborted") {
        test::test_loop loop;
        auto body = [&]() -> task<void> {
            tcp_listener listener(loop);
            async_scope scope;
            auto acceptor = [&]() -> task<void> { co_await listener.accept(); };
            scope.spawn(acceptor());
            co_await listener.close();
            co_await scope.join();
            CHECK(test::only_error_code(scope.errors()) == errc::connection_aborted);
        };
        loop.run(body());
    }

    TEST_CASE("a write cancelled against a peer that never reads closes the stream") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<void> {
            test::connected_pair pair = co_await test::connect_pair(loop, listener);
            const std::string flood(flood_size, 'x');
            auto reader = [&]() -> task<void> { co_await pair.client.read(); };
            // The close that ends the write also ends the read beside it.
            CHECK(co_await time_out_beside(loop, pair.client.write(flood), reader()) ==
                  errc::connection_aborted);
            CHECK_THROWS_AS(co_await pair.client.write(std::string_view("more")), error);
            co_await test::close_all(pair, listener);
        };
        loop.run(body());
    }

    TEST_CASE("a shutdown stuck behind unread data can be timed out") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<void> {
            test::connected_pair pair = co_await test::connect_pair(loop, listener);
            const std::string flood(flood_size, 'x');
            auto writer = [&]() -> task<void> { co_await pair.client.write(flood); };
            // The write the shutdown waits behind is cut off by the close.
            CHECK(co_await time_out_beside(loop, pair.client.shutdown(), writer()) ==
                  errc::connection_aborted);
            co_await test::close_all(pair, listener);
        };
        loop.run(body());
    }
}
