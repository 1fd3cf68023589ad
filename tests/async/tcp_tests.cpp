// TCP: an echo server on 127.0.0.1 port 0 and clients on the same loop.

#include <doctest/doctest.h>

#include <numeric>
#include <string>
#include <vector>

#include "support/test_loop.hpp"
#include "uvimap/async/error.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/tcp.hpp"
#include "uvimap/async/timer.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

namespace {

Task<void> echo(TcpStream stream) {
    while (true) {
        const std::span<const char> data = co_await stream.read();
        if (data.empty()) {
            break;
        }
        co_await stream.write(data);
    }
    co_await stream.close();
}

Task<void> serve_echo(TcpListener& listener, int connections) {
    Scope scope;
    for (int i = 0; i < connections; ++i) {
        scope.spawn(echo(co_await listener.accept()));
    }
    co_await scope.join();
    scope.rethrow_first_error();
}

// Reads until `want` bytes arrived or the peer ended the stream.
Task<std::string> read_exactly(Stream& stream, std::size_t want) {
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

ErrorKind kind_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.kind();
    }
    FAIL("no uvimap::Error was thrown");
    return ErrorKind::invalid_state;
}

char pattern_byte(std::size_t offset) {
    return static_cast<char>((offset * 31 + offset / 4096) & 0xff);
}

}  // namespace

TEST_SUITE("async: tcp") {
    TEST_CASE("a client's bytes come back from an echo server") {
        test::TestLoop loop;
        TcpListener listener(loop);
        auto client = [&]() -> Task<std::string> {
            TcpStream stream = co_await connect(loop, "127.0.0.1", listener.port());
            const std::string hello = "a1 NOOP\r\n";
            co_await stream.write(hello);
            std::string reply = co_await read_exactly(stream, hello.size());
            co_await stream.close();
            co_return reply;
        };
        auto both = [&]() -> Task<std::string> {
            Scope scope;
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
        test::TestLoop loop;
        TcpListener listener(loop);
        constexpr std::size_t total = 64u << 20;
        std::size_t received = 0;
        bool intact = true;
        auto send_all = [&](TcpStream& stream) -> Task<void> {
            std::vector<char> chunk(1u << 20);
            for (std::size_t sent = 0; sent < total; sent += chunk.size()) {
                for (std::size_t i = 0; i < chunk.size(); ++i) {
                    chunk[i] = pattern_byte(sent + i);
                }
                co_await stream.write(chunk);
            }
            co_await stream.shutdown();
        };
        auto receive_all = [&](TcpStream& stream) -> Task<void> {
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
        auto client = [&]() -> Task<void> {
            TcpStream stream = co_await connect(loop, "localhost", listener.port());
            Scope scope;
            scope.spawn(send_all(stream));
            scope.spawn(receive_all(stream));
            co_await scope.join();
            scope.rethrow_first_error();
            co_await stream.close();
        };
        auto both = [&]() -> Task<void> {
            Scope scope;
            scope.spawn(serve_echo(listener, 1));
            scope.spawn(client());
            co_await scope.join();
            scope.rethrow_first_error();
            co_await listener.close();
        };
        loop.run(both(), 120s);
        CHECK(received == total);
        CHECK(intact);
    }

    TEST_CASE("1,000 concurrent connections on one loop") {
        test::TestLoop loop;
        TcpListener listener(loop);
        constexpr int connections = 1000;
        int answered = 0;
        auto one_client = [&](int id) -> Task<void> {
            TcpStream stream = co_await connect(loop, "127.0.0.1", listener.port());
            const std::string message = "client " + std::to_string(id) + "\r\n";
            co_await stream.write(message);
            if (co_await read_exactly(stream, message.size()) == message) {
                ++answered;
            }
            co_await stream.close();
        };
        auto all = [&]() -> Task<void> {
            Scope scope;
            scope.spawn(serve_echo(listener, connections));
            for (int id = 0; id < connections; ++id) {
                scope.spawn(one_client(id));
            }
            co_await scope.join();
            scope.rethrow_first_error();
            co_await listener.close();
        };
        loop.run(all(), 120s);
        CHECK(answered == connections);
    }

    TEST_CASE("a timeout fires on a read the peer never answers") {
        test::TestLoop loop;
        TcpListener listener(loop);
        auto body = [&]() -> Task<void> {
            TcpStream stream = co_await connect(loop, "127.0.0.1", listener.port());
            TcpStream server_side = co_await listener.accept();
            try {
                co_await with_timeout(loop, 30ms, stream.read());
                FAIL("read returned");
            } catch (const Error& error) {
                CHECK(error.kind() == ErrorKind::timed_out);
            }
            co_await stream.close();
            co_await server_side.close();
            co_await listener.close();
        };
        loop.run(body());
    }

    TEST_CASE("a read cancelled in the middle leaves the stream usable") {
        test::TestLoop loop;
        TcpListener listener(loop);
        auto body = [&]() -> Task<std::string> {
            TcpStream stream = co_await connect(loop, "127.0.0.1", listener.port());
            TcpStream server_side = co_await listener.accept();
            CancellationSource source;
            Deadline cancel_soon(loop, 10ms, [&] { source.request_cancellation(); });
            try {
                co_await with_cancellation(source.token(), stream.read());
                FAIL("read returned");
            } catch (const Error& error) {
                CHECK(error.kind() == ErrorKind::cancelled);
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
        test::TestLoop loop;
        std::uint16_t port = 0;
        {
            TcpListener listener(loop);
            port = listener.port();
            loop.run(listener.close());
        }
        CHECK(kind_of([&] { loop.run(connect(loop, "127.0.0.1", port)); }) ==
              ErrorKind::connection_refused);
    }

    TEST_CASE("an unknown host name is a dns_failure") {
        test::TestLoop loop;
        CHECK(kind_of([&] { loop.run(connect(loop, "no-such-host.invalid", 993)); }) ==
              ErrorKind::dns_failure);
    }

    TEST_CASE("the peer closing gives an empty read, then reads stay at the end") {
        test::TestLoop loop;
        TcpListener listener(loop);
        auto body = [&]() -> Task<std::size_t> {
            TcpStream stream = co_await connect(loop, "127.0.0.1", listener.port());
            {
                TcpStream server_side = co_await listener.accept();
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
