// A TLS stream shared by a reader task and a writer task, the shape of every
// client: closing or destroying it under them, cancelled writes, and a close
// that must not wait for a peer that reads nothing. Each case once ended in
// a use-after-free, a desynchronised TLS stream or a hang.

#include <doctest/doctest.h>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "support/dovecot_fixture.hpp"
#include "support/openssl_server.hpp"
#include "support/test_loop.hpp"
#include "support/thread_server.hpp"
#include "tls_test_helpers.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"
#include "uvimap/tls/tls.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

namespace {

task<std::unique_ptr<tls::tls_stream>> open_dovecot(uv_loop_t* loop,
                                                    const test::dovecot_fixture& dovecot,
                                                    const tls::client_context& context) {
    auto stream = std::make_unique<tls::tls_stream>(co_await tls::connect(
        loop, "localhost", static_cast<std::uint16_t>(dovecot.imaps_port), context));
    co_await test::read_until(*stream, "\r\n");
    co_return stream;
}

// A TLS peer that completes the handshake and then reads nothing until the
// test is over, so that the client's socket buffers fill up.
struct deaf_peer {
    std::atomic<bool> done{false};
    test::thread_server server{[this](test::scripted_peer& peer) {
        if (peer.accept_tls("server")) {
            peer.send_tls("* OK deaf\r\n");
            while (!done) {
                std::this_thread::sleep_for(5ms);
            }
        }
    }};
    ~deaf_peer() { done = true; }
};

// Opens a connection to Dovecot, leaves a read pending on it in a task of
// its own (in a scope of its own, as a client's reader is), ends the stream
// with `end`, and returns the code the read failed with.
std::error_code pending_read_ended_by(
    const std::function<task<void>(std::unique_ptr<tls::tls_stream>&)>& end) {
    const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
    const tls::client_context context(test::trust_only(dovecot.ca_file));
    test::test_loop loop;
    auto body = [&]() -> task<std::error_code> {
        std::unique_ptr<tls::tls_stream> stream = co_await open_dovecot(loop, dovecot, context);
        async_scope readers;
        tls::tls_stream* raw = stream.get();
        auto reader = [raw]() -> task<void> {
            std::array<char, 16> buffer{};
            co_await raw->read_into(buffer);
        };
        readers.spawn(reader());
        co_await end(stream);
        co_await readers.join();
        co_return test::only_error_code(readers.errors());
    };
    return loop.run(body());
}

tls::client_context trusting_test_ca() {
    return tls::client_context(test::trust_only(test::test_cert_dir() / "ca.pem"));
}

// Far more than the kernel's socket buffers hold.
constexpr std::size_t flood_size = 32u << 20;

}  // namespace

TEST_SUITE("tls: lifetimes") {
    TEST_CASE("closing and destroying a TLS stream while another task reads is safe") {
        CHECK(pending_read_ended_by([](std::unique_ptr<tls::tls_stream>& stream) -> task<void> {
                  co_await stream->close();
                  stream.reset();
              }) == errc::connection_aborted);
    }

    TEST_CASE("destroying a TLS stream without close fails its pending read") {
        CHECK(pending_read_ended_by([](std::unique_ptr<tls::tls_stream>& stream) -> task<void> {
                  stream.reset();
                  co_return;
              }) == errc::connection_aborted);
    }

    TEST_CASE("destroying a TLS stream without close fails its pending write") {
        deaf_peer peer;
        const tls::client_context context = trusting_test_ca();
        test::test_loop loop;
        const std::string flood(flood_size, 'x');
        auto body = [&]() -> task<void> {
            auto stream = std::make_unique<tls::tls_stream>(
                co_await tls::connect(loop, "localhost", peer.server.port(), context));
            async_scope writers;
            tls::tls_stream* raw = stream.get();
            auto writer = [raw, &flood]() -> task<void> { co_await raw->write(flood); };
            writers.spawn(writer());
            co_await sleep_for(loop, 20ms);  // the write is stuck now
            stream.reset();
            co_await writers.join();
            CHECK(test::only_error_code(writers.errors()) == errc::connection_aborted);
        };
        loop.run(body());
    }

    TEST_CASE("a write under a cancelled token sends nothing and leaves TLS in step") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        cancellation_source cancelled;
        cancelled.request_cancellation();
        auto body = [&]() -> task<std::string> {
            std::unique_ptr<tls::tls_stream> stream = co_await open_dovecot(loop, dovecot, context);
            CHECK(co_await test::failure_code(with_cancellation(
                      cancelled.token(), stream->write(std::string_view("a NOOP\r\n")))) ==
                  errc::cancelled);
            co_await stream->write(std::string_view("b NOOP\r\n"));
            std::string answer = co_await test::read_tagged(*stream, "b");
            co_await stream->close();
            co_return answer;
        };
        const std::string answer = loop.run(body());
        CHECK(answer.find("a OK") == std::string::npos);
        CHECK(answer.find("b OK NOOP completed") != std::string::npos);
    }

    TEST_CASE("a write cut off mid-record closes the stream and says so to the reader") {
        deaf_peer peer;
        const tls::client_context context = trusting_test_ca();
        test::test_loop loop;
        const std::string flood(flood_size, 'x');
        auto body = [&]() -> task<void> {
            tls::tls_stream stream =
                co_await tls::connect(loop, "localhost", peer.server.port(), context);
            co_await test::read_until(stream, "\r\n");
            async_scope readers;
            auto reader = [&stream]() -> task<void> { co_await stream.read(); };
            readers.spawn(reader());
            CHECK(co_await test::failure_code(with_timeout(loop, 50ms, stream.write(flood))) ==
                  errc::timed_out);
            co_await readers.join();
            CHECK(test::only_error_code(readers.errors()) == errc::connection_aborted);
            // Nothing more can go through a stream whose records are torn.
            CHECK(co_await test::failure_code(stream.write(std::string_view("x"))) ==
                  errc::connection_aborted);
            co_await stream.close();
        };
        loop.run(body());
    }

    TEST_CASE("close never waits for a peer that reads nothing") {
        deaf_peer peer;
        const tls::client_context context = trusting_test_ca();
        test::test_loop loop;
        auto body = [&]() -> task<void> {
            tls::tls_stream stream =
                co_await tls::connect(loop, "localhost", peer.server.port(), context);
            co_await test::read_until(stream, "\r\n");
            // Fill the socket to the brim (the deaf peer never looks at the
            // bytes), so that close_notify cannot leave at once.
            const std::string junk(64 * 1024, 'j');
            while (stream.transport().try_write(junk) > 0) {
            }
            co_await stream.close();
        };
        // The default watchdog (2 s) fails the test if close waits.
        loop.run(body());
    }
}
