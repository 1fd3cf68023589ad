// TCP: an echo server on 127.0.0.1 port 0 and clients on the same loop.

#include <doctest/doctest.h>

#include <numeric>
#include <string>
#include <vector>

#include "support/error_code.hpp"
#include "support/process_limits.hpp"
#include "support/test_loop.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/tcp.hpp"
#include "uvimap/async/timer.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

namespace {

task<void> echo(tcp_stream stream) {
    while (true) {
        const std::span<const char> data = co_await stream.read();
        if (data.empty()) {
            break;
        }
        co_await stream.write(data);
    }
    co_await stream.close();
}

task<void> serve_echo(tcp_listener& listener, int connections) {
    async_scope scope;
    for (int i = 0; i < connections; ++i) {
        scope.spawn(echo(co_await listener.accept()));
    }
    co_await scope.join();
    scope.rethrow_first_error();
}

// Reads until `want` bytes arrived or the peer ended the stream.
task<std::string> read_exactly(byte_stream& stream, std::size_t want) {
    std::string received;
    while (received.size() < want) {
        const std::span<const char> data = co_await stream.read();
        if (data.empty()) {
            break;
        }
        received.append(data.data(), data.size());
    }
    co_return received;
}

char pattern_byte(std::size_t offset) {
    return static_cast<char>((offset * 31 + offset / 4096) & 0xff);
}

}  // namespace

TEST_SUITE("async: tcp") {
    TEST_CASE("a client's bytes come back from an echo server") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto client = [&]() -> task<std::string> {
            tcp_stream stream = co_await connect(loop, "127.0.0.1", listener.port());
            const std::string hello = "a1 NOOP\r\n";
            co_await stream.write(hello);
            std::string reply = co_await read_exactly(stream, hello.size());
            co_await stream.close();
            co_return reply;
        };
        auto both = [&]() -> task<std::string> {
            async_scope scope;
            scope.spawn(serve_echo(listener, 1));
            std::string reply = co_await client();
            co_await scope.join();
            scope.rethrow_first_error();
            co_await listener.close();
            co_return reply;
        };
        CHECK(loop.run(both()) == "a1 NOOP\r\n");
    }

    TEST_CASE("64 MiB each way pass through with backpressure") {
        test::test_loop loop;
        tcp_listener listener(loop);
        constexpr std::size_t total = 64u << 20;
        std::size_t received = 0;
        bool intact = true;
        auto send_all = [&](tcp_stream& stream) -> task<void> {
            std::vector<char> chunk(1u << 20);
            for (std::size_t sent = 0; sent < total; sent += chunk.size()) {
                for (std::size_t i = 0; i < chunk.size(); ++i) {
                    chunk[i] = pattern_byte(sent + i);
                }
                co_await stream.write(chunk);
            }
            co_await stream.shutdown();
        };
        auto receive_all = [&](tcp_stream& stream) -> task<void> {
            while (true) {
                const std::span<const char> data = co_await stream.read();
                if (data.empty()) {
                    break;
                }
                for (std::size_t i = 0; i < data.size(); ++i) {
                    intact = intact && data[i] == pattern_byte(received + i);
                }
                received += data.size();
            }
        };
        auto client = [&]() -> task<void> {
            tcp_stream stream = co_await connect(loop, "localhost", listener.port());
            async_scope scope;
            scope.spawn(send_all(stream));
            scope.spawn(receive_all(stream));
            co_await scope.join();
            scope.rethrow_first_error();
            co_await stream.close();
        };
        auto both = [&]() -> task<void> {
            async_scope scope;
            scope.spawn(serve_echo(listener, 1));
            scope.spawn(client());
            co_await scope.join();
            scope.rethrow_first_error();
            co_await listener.close();
        };
        loop.run(both(), test::bulk_watchdog);
        CHECK(received == total);
        CHECK(intact);
    }

    TEST_CASE("1,000 concurrent connections on one loop") {
        constexpr int connections = 1000;
        test::require_open_files(2 * connections + 64);  // both ends are ours
        test::test_loop loop;
        tcp_listener listener(loop);
        int answered = 0;
        auto one_client = [&](int id) -> task<void> {
            tcp_stream stream = co_await connect(loop, "127.0.0.1", listener.port());
            const std::string message = "client " + std::to_string(id) + "\r\n";
            co_await stream.write(message);
            const std::string echoed = co_await read_exactly(stream, message.size());
            answered += echoed == message ? 1 : 0;
            co_await stream.close();
        };
        auto all = [&]() -> task<void> {
            async_scope scope;
            scope.spawn(serve_echo(listener, connections));
            for (int id = 0; id < connections; ++id) {
                scope.spawn(one_client(id));
            }
            co_await scope.join();
            scope.rethrow_first_error();
            co_await listener.close();
        };
        loop.run(all(), test::bulk_watchdog);
        CHECK(answered == connections);
    }

    TEST_CASE("a timeout fires on a read the peer never answers") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<void> {
            tcp_stream stream = co_await connect(loop, "127.0.0.1", listener.port());
            tcp_stream server_side = co_await listener.accept();
            try {
                co_await with_timeout(loop, 30ms, stream.read());
                FAIL("read returned");
            } catch (const error& e) {
                CHECK(e.code() == errc::timed_out);
            }
            co_await stream.close();
            co_await server_side.close();
            co_await listener.close();
        };
        loop.run(body());
    }

    TEST_CASE("a read cancelled in the middle leaves the stream usable") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<std::string> {
            tcp_stream stream = co_await connect(loop, "127.0.0.1", listener.port());
            tcp_stream server_side = co_await listener.accept();
            cancellation_source source;
            deadline_timer cancel_soon(loop, 10ms, [&] { source.request_cancellation(); });
            try {
                co_await with_cancellation(source.token(), stream.read());
                FAIL("read returned");
            } catch (const error& e) {
                CHECK(e.code() == errc::cancelled);
            }
            co_await cancel_soon.close();
            co_await server_side.write(std::string_view("* OK still here\r\n"));
            std::string line = co_await read_exactly(stream, 17);
            co_await stream.close();
            co_await server_side.close();
            co_await listener.close();
            co_return line;
        };
        CHECK(loop.run(body()) == "* OK still here\r\n");
    }

    TEST_CASE("connecting to a closed port is connection_refused") {
        test::test_loop loop;
        std::uint16_t port = 0;
        {
            tcp_listener listener(loop);
            port = listener.port();
            loop.run(listener.close());
        }
        CHECK(test::error_code_of([&] { loop.run(connect(loop, "127.0.0.1", port)); }) ==
              errc::connection_refused);
    }

    TEST_CASE("connect tries each address in turn until one accepts") {
        test::test_loop loop;
        std::uint16_t closed_port = 0;
        {
            tcp_listener gone(loop);
            closed_port = gone.port();
            loop.run(gone.close());
        }
        tcp_listener listener(loop);
        auto address_of = [&](std::uint16_t port) {
            return loop.run(resolve(loop, "127.0.0.1", port)).front();
        };
        const std::vector<socket_address> first_refuses{address_of(closed_port),
                                                        address_of(listener.port())};
        auto body = [&]() -> task<std::uint16_t> {
            tcp_stream stream = co_await connect(loop, first_refuses);
            tcp_stream server_side = co_await listener.accept();
            const std::uint16_t reached = stream.peer_address().port();
            co_await stream.close();
            co_await server_side.close();
            co_await listener.close();
            co_return reached;
        };
        CHECK(loop.run(body()) == listener.port());
        CHECK(test::error_code_of([&] {
                  loop.run(
                      connect(loop, std::vector{address_of(closed_port), address_of(closed_port)}));
              }) == errc::connection_refused);
    }

    TEST_CASE("a lookup cancelled while in the thread pool ends cancelled and is freed later") {
        test::test_loop loop;
        auto body = [&]() -> task<void> {
            async_scope scope;
            scope.spawn(
                [](uv_loop_t* l) -> task<void> { co_await resolve(l, "localhost", 143); }(loop));
            scope.cancel();
            co_await scope.join();
            REQUIRE(scope.errors().size() == 1);
            CHECK(test::error_code_of([&] { scope.rethrow_first_error(); }) == errc::cancelled);
        };
        loop.run(body());
        // test_loop's teardown runs the loop until the abandoned request is
        // freed; LeakSanitizer in the ASan tree would catch it otherwise.
    }

    TEST_CASE("an unknown host name is a dns_failure") {
        test::test_loop loop;
        CHECK(test::error_code_of([&] { loop.run(connect(loop, "no-such-host.invalid", 993)); }) ==
              errc::dns_failure);
    }

    TEST_CASE("the peer closing gives an empty read, then reads stay at the end") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<std::size_t> {
            tcp_stream stream = co_await connect(loop, "127.0.0.1", listener.port());
            {
                tcp_stream server_side = co_await listener.accept();
                co_await server_side.close();
            }
            std::size_t total = (co_await stream.read()).size();
            total += (co_await stream.read()).size();
            co_await stream.close();
            co_await listener.close();
            co_return total;
        };
        CHECK(loop.run(body()) == 0);
    }
}
