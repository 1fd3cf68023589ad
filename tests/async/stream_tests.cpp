// The stream operations a pipelined client is built on: reading into the
// caller's buffer, gather writes, writes that never wait, abort().

#include <doctest/doctest.h>

#include <array>
#include <string>
#include <vector>

#include "support/error_code.hpp"
#include "support/tcp_pair.hpp"
#include "support/test_loop.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/tcp.hpp"

using namespace uvimap;
using namespace uvimap::async;

namespace {

task<std::string> read_into_until(byte_stream& stream, std::size_t want, std::size_t chunk) {
    std::string received;
    std::vector<char> buffer(chunk);
    while (received.size() < want) {
        const std::size_t count = co_await stream.read_into(buffer);
        if (count == 0) {
            break;
        }
        received.append(buffer.data(), count);
    }
    co_return received;
}

}  // namespace

TEST_SUITE("async: streams") {
    TEST_CASE("a gather write arrives as one piece, read into the caller's buffer") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<std::string> {
            test::connected_pair pair = co_await test::connect_pair(loop, listener);
            const std::string line = "a1 APPEND INBOX {5}\r\n";
            const std::string literal = "hello";
            const std::string end = "\r\n";
            const std::array<std::span<const char>, 3> pieces{std::span<const char>(line),
                                                              std::span<const char>(literal),
                                                              std::span<const char>(end)};
            co_await pair.client.write_gather(pieces);
            // A buffer smaller than the data: several reads fill it in turn.
            std::string received = co_await read_into_until(pair.server, 28, 7);
            co_await test::close_all(pair, listener);
            co_return received;
        };
        CHECK(loop.run(body()) == "a1 APPEND INBOX {5}\r\nhello\r\n");
    }

    TEST_CASE("a large gather write keeps its order under backpressure") {
        test::test_loop loop;
        tcp_listener listener(loop);
        std::vector<std::string> parts;
        std::string expected;
        for (int i = 0; i < 20; ++i) {
            parts.emplace_back(static_cast<std::size_t>(100'000 + i), static_cast<char>('a' + i));
            expected += parts.back();
        }
        auto body = [&]() -> task<bool> {
            test::connected_pair pair = co_await test::connect_pair(loop, listener);
            std::vector<std::span<const char>> pieces(parts.begin(), parts.end());
            async_scope writer;
            writer.spawn(pair.client.write_gather(pieces));
            const std::string received =
                co_await read_into_until(pair.server, expected.size(), 64 * 1024);
            co_await writer.join();
            CHECK(writer.errors().empty());
            co_await test::close_all(pair, listener);
            co_return received == expected;
        };
        CHECK(loop.run(body(), test::bulk_watchdog));
    }

    TEST_CASE("try_write takes what fits now and never waits") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<void> {
            test::connected_pair pair = co_await test::connect_pair(loop, listener);
            CHECK(pair.client.try_write(std::string_view("a1 NOOP\r\n")) == 9);
            CHECK(co_await read_into_until(pair.server, 9, 64) == "a1 NOOP\r\n");
            // The peer reads nothing more: the socket fills and then takes 0.
            const std::string junk(1 << 20, 'j');
            std::size_t taken = 0;
            std::size_t last = 1;
            while (last > 0) {
                last = pair.client.try_write(junk);
                taken += last;
            }
            CHECK(taken > 0);
            CHECK(pair.client.try_write(junk) == 0);
            co_await test::close_all(pair, listener);
        };
        loop.run(body());
    }

    TEST_CASE("abort fails the pending read with connection_aborted and its reason") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<void> {
            test::connected_pair pair = co_await test::connect_pair(loop, listener);
            async_scope readers;
            auto reader = [&]() -> task<void> { co_await pair.client.read(); };
            readers.spawn(reader());
            pair.client.abort("the server lied");
            co_await readers.join();
            REQUIRE(readers.errors().size() == 1);
            try {
                std::rethrow_exception(readers.errors().front());
            } catch (const error& e) {
                CHECK(e.code() == errc::connection_aborted);
                CHECK(std::string(e.what()).find("the server lied") != std::string::npos);
            }
            CHECK(co_await test::failure_code(pair.client.write(std::string_view("x"))) ==
                  errc::connection_aborted);
            co_await test::close_all(pair, listener);
        };
        loop.run(body());
    }

    TEST_CASE("an empty span from read_into's peer means the end, as for read") {
        test::test_loop loop;
        tcp_listener listener(loop);
        auto body = [&]() -> task<void> {
            test::connected_pair pair = co_await test::connect_pair(loop, listener);
            co_await pair.server.close();
            std::array<char, 8> buffer{};
            CHECK(co_await pair.client.read_into(buffer) == 0);
            CHECK(co_await pair.client.read_into(buffer) == 0);
            co_await pair.client.close();
            co_await listener.close();
        };
        loop.run(body());
    }
}
