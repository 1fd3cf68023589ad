// STARTTLS injection defence, close_notify and truncation, against a scripted
// peer (these are faults a real server will not produce on demand).

#include <doctest/doctest.h>

#include <memory>

#include "support/openssl_server.hpp"
#include "support/test_loop.hpp"
#include "support/thread_server.hpp"
#include "tls_test_helpers.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/tcp.hpp"
#include "uvimap/tls/tls.hpp"

using namespace uvimap;
using namespace uvimap::async;

namespace {

tls::client_context trusting_test_ca() {
    return tls::client_context(test::trust_only(test::test_cert_dir() / "ca.pem"));
}

// The client side of STARTTLS up to the server's OK: reads the greeting,
// asks for STARTTLS and returns everything read after that request.
task<std::string> request_starttls(tcp_stream& tcp) {
    co_await test::read_until(tcp, "\r\n");
    co_await tcp.write(std::string_view("a STARTTLS\r\n"));
    co_return co_await test::read_until(tcp, "a OK");
}

// Runs a handshake to a scripted peer on 127.0.0.1 with `server_name`, and
// returns the SNI the peer received (empty if none).
std::string sni_sent_for(const std::string& server_name) {
    std::string seen = "(no handshake)";
    {
        test::thread_server server([&seen](test::scripted_peer& peer) {
            if (peer.accept_tls("server")) {
                seen = peer.server_name();
                peer.send_tls("* OK\r\n");
                peer.send_close_notify();
            }
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        auto body = [&]() -> task<void> {
            auto tcp =
                std::make_unique<tcp_stream>(co_await connect(loop, "127.0.0.1", server.port()));
            tls::tls_stream stream =
                co_await tls::tls_stream::handshake(std::move(tcp), context, server_name);
            co_await test::read_until(stream, "\r\n");
            co_await stream.close();
        };
        loop.run(body());
    }
    return seen;
}

}  // namespace

TEST_SUITE("tls: stream") {
    TEST_CASE("plaintext sent with the STARTTLS answer never comes out of the TLS stream") {
        test::thread_server server([](test::scripted_peer& peer) {
            peer.send("* OK ready\r\n");
            peer.read_line();
            // The attack: extra responses in clear text, in the same segment.
            peer.send("a OK Begin TLS\r\n* 1 EXISTS\r\n* OK [ALERT] injected\r\n");
            if (peer.accept_tls("server")) {
                peer.send_tls("* OK after TLS\r\n");
                peer.read_tls_line();
                peer.send_close_notify();
            }
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        auto body = [&]() -> task<std::string> {
            auto tcp =
                std::make_unique<tcp_stream>(co_await connect(loop, "127.0.0.1", server.port()));
            const std::string plain = co_await request_starttls(*tcp);
            CHECK(plain.find("a OK Begin TLS") != std::string::npos);
            // The caller drops what it read in clear; the TLS stream starts empty.
            tls::tls_stream stream =
                co_await tls::tls_stream::handshake(std::move(tcp), context, "localhost");
            std::string secured = co_await test::read_until(stream, "\r\n");
            co_await stream.write(std::string_view("b LOGOUT\r\n"));
            co_await stream.close();
            co_return secured;
        };
        CHECK(loop.run(body()) == "* OK after TLS\r\n");
    }

    TEST_CASE("plaintext arriving after the STARTTLS answer fails the handshake") {
        test::thread_server server([](test::scripted_peer& peer) {
            peer.send("* OK ready\r\n");
            peer.read_line();
            peer.send("a OK Begin TLS\r\n");
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            peer.send("* 1 EXISTS\r\n");
            peer.accept_tls("server");
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        auto body = [&]() -> task<void> {
            auto tcp =
                std::make_unique<tcp_stream>(co_await connect(loop, "127.0.0.1", server.port()));
            co_await request_starttls(*tcp);
            // Give the injected bytes time to arrive before the handshake.
            co_await sleep_for(loop, std::chrono::milliseconds(100));
            tls::tls_stream stream =
                co_await tls::tls_stream::handshake(std::move(tcp), context, "localhost");
            co_await stream.close();
        };
        CHECK(test::error_code_of([&] { loop.run(body()); }) == tls::errc::handshake_failed);
    }

    TEST_CASE("a close_notify from the peer ends the stream cleanly") {
        test::thread_server server([](test::scripted_peer& peer) {
            if (peer.accept_tls("server")) {
                peer.send_tls("* BYE done\r\n");
                peer.send_close_notify();
            }
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        auto body = [&]() -> task<std::string> {
            tls::tls_stream stream =
                co_await tls::connect(loop, "localhost", server.port(), context);
            std::string text = co_await test::read_until(stream, "never");
            CHECK((co_await stream.read()).empty());
            co_await stream.close();
            co_return text;
        };
        CHECK(loop.run(body()) == "* BYE done\r\n");
    }

    TEST_CASE("a peer that drops without close_notify is tls_truncated, not a hang") {
        test::thread_server server([](test::scripted_peer& peer) {
            if (peer.accept_tls("server")) {
                peer.send_tls("* 1 FETCH (BODY[] {100}\r\npartial");
                peer.drop();
            }
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        auto body = [&]() -> task<void> {
            tls::tls_stream stream =
                co_await tls::connect(loop, "localhost", server.port(), context);
            std::exception_ptr failure;
            try {
                co_await test::read_until(stream, "never");
            } catch (...) {
                failure = std::current_exception();
            }
            co_await stream.close();
            if (failure) {
                std::rethrow_exception(failure);
            }
        };
        CHECK(test::error_code_of([&] { loop.run(body()); }) == tls::errc::truncated);
    }

    TEST_CASE("the server name is verified and sent as SNI, and IP literals are never sent") {
        // The certificate names localhost, 127.0.0.1 and ::1; the socket always
        // goes to 127.0.0.1, so only the name given to the handshake varies.
        CHECK(sni_sent_for("localhost") == "localhost");
        CHECK(sni_sent_for("127.0.0.1").empty());
        CHECK(sni_sent_for("::1").empty());
        CHECK(sni_sent_for("[::1]").empty());
    }

    TEST_CASE("a server that offers nothing newer than TLS 1.1 is refused") {
        test::thread_server server(
            [](test::scripted_peer& peer) { peer.accept_tls("server", TLS1_1_VERSION); });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        CHECK(test::error_code_of([&] {
                  loop.run(tls::connect(loop, "localhost", server.port(), context));
              }) == tls::errc::handshake_failed);
    }

    TEST_CASE("a handshake the server never answers times out and frees everything") {
        test::thread_server server([](test::scripted_peer& peer) {
            // Swallow the ClientHello and wait for the client to give up.
            while (!peer.read_some().empty()) {
            }
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        CHECK(test::error_code_of([&] {
                  loop.run(with_timeout(loop, std::chrono::milliseconds(50),
                                        tls::connect(loop, "localhost", server.port(), context)));
              }) == errc::timed_out);
    }

    TEST_CASE("a peer that closes during the handshake is tls_handshake_failed") {
        test::thread_server server([](test::scripted_peer& peer) {
            peer.read_some();  // the ClientHello; unread data would make close send RST
            peer.send(std::string_view("\x16\x03\x03\x00\x40\x02\x00", 7));  // a ServerHello begins
            peer.drop();
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        CHECK(test::error_code_of([&] {
                  loop.run(tls::connect(loop, "localhost", server.port(), context));
              }) == tls::errc::handshake_failed);
    }

    TEST_CASE("a peer that closes before sending anything is connection_lost, not a TLS failure") {
        // Courier at its per-address limit accepts and closes at once.
        test::thread_server server([](test::scripted_peer& peer) {
            peer.read_some();
            peer.drop();
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        try {
            loop.run(tls::connect(loop, "localhost", server.port(), context));
            FAIL("the handshake succeeded");
        } catch (const error& e) {
            CHECK(e.code() == errc::connection_lost);
            CHECK(std::string(e.what()).find("before the TLS handshake began") !=
                  std::string::npos);
        }
    }
}

TEST_SUITE("tls: stream under load and abuse") {
    TEST_CASE("a read and a write may be pending together: 10 MiB each way through TLS") {
        constexpr std::size_t total = 10u << 20;
        test::thread_server server([](test::scripted_peer& peer) {
            if (!peer.accept_tls("server")) {
                return;
            }
            // Echo everything back; a client that did not read while writing
            // would block this peer, then itself.
            std::vector<char> buffer(64 * 1024);
            while (true) {
                const int n = SSL_read(peer.ssl(), buffer.data(), static_cast<int>(buffer.size()));
                if (n <= 0 || SSL_write(peer.ssl(), buffer.data(), n) != n) {
                    break;
                }
            }
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        std::size_t received = 0;
        bool intact = true;
        auto body = [&]() -> task<void> {
            tls::tls_stream stream =
                co_await tls::connect(loop, "localhost", server.port(), context);
            auto writer = [&]() -> task<void> {
                std::vector<char> chunk(256 * 1024);
                for (std::size_t sent = 0; sent < total; sent += chunk.size()) {
                    for (std::size_t i = 0; i < chunk.size(); ++i) {
                        chunk[i] = static_cast<char>((sent + i) % 251);
                    }
                    co_await stream.write(chunk);
                }
            };
            auto reader = [&]() -> task<void> {
                while (received < total) {
                    const std::span<const char> data = co_await stream.read();
                    REQUIRE_FALSE(data.empty());
                    for (std::size_t i = 0; i < data.size(); ++i) {
                        intact = intact && data[i] == static_cast<char>((received + i) % 251);
                    }
                    received += data.size();
                }
            };
            async_scope scope;
            scope.spawn(writer());
            scope.spawn(reader());
            co_await scope.join();
            scope.rethrow_first_error();
            co_await stream.close();
        };
        loop.run(body(), test::bulk_watchdog);
        CHECK(received == total);
        CHECK(intact);
    }

    TEST_CASE("a TLS 1.2 renegotiation request is refused without stalling reads") {
        test::thread_server server([](test::scripted_peer& peer) {
            if (!peer.accept_tls("server", TLS1_2_VERSION)) {
                return;
            }
            SSL_renegotiate(peer.ssl());
            SSL_do_handshake(peer.ssl());  // sends HelloRequest, does not wait
            peer.send_tls("* OK after the request\r\n");
            peer.read_tls_line();
        });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        auto body = [&]() -> task<std::string> {
            tls::tls_stream stream =
                co_await tls::connect(loop, "localhost", server.port(), context);
            CHECK(stream.protocol() == "TLSv1.2");
            std::string line = co_await test::read_until(stream, "\r\n");
            co_await stream.close();
            co_return line;
        };
        CHECK(loop.run(body(), std::chrono::seconds(10)) == "* OK after the request\r\n");
    }

    TEST_CASE("one connection's TLS failure does not leak into the next one's") {
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        {
            test::thread_server garbage([](test::scripted_peer& peer) {
                if (peer.accept_tls("server")) {
                    // An application-data record that cannot decrypt.
                    peer.send(
                        std::string_view("\x17\x03\x03\x00\x20"
                                         "0123456789abcdef0123456789abcdef",
                                         37));
                    peer.read_some();
                }
            });
            auto broken = [&]() -> task<void> {
                tls::tls_stream stream =
                    co_await tls::connect(loop, "localhost", garbage.port(), context);
                std::exception_ptr failure;
                try {
                    co_await stream.read();
                } catch (...) {
                    failure = std::current_exception();
                }
                co_await stream.close();
                if (failure) {
                    std::rethrow_exception(failure);
                }
            };
            CHECK(test::error_code_of([&] { loop.run(broken()); }) == tls::errc::protocol_error);
        }
        test::thread_server healthy([](test::scripted_peer& peer) {
            if (peer.accept_tls("server")) {
                peer.send_tls("* OK fine\r\n");
                peer.send_close_notify();
            }
        });
        auto fine = [&]() -> task<std::string> {
            tls::tls_stream stream =
                co_await tls::connect(loop, "localhost", healthy.port(), context);
            std::string line = co_await test::read_until(stream, "\r\n");
            co_await stream.close();
            co_return line;
        };
        CHECK(loop.run(fine()) == "* OK fine\r\n");
    }

    TEST_CASE("an empty server name is refused instead of disabling the name check") {
        test::thread_server server([](test::scripted_peer& peer) { peer.read_some(); });
        test::test_loop loop;
        const tls::client_context context = trusting_test_ca();
        auto body = [&]() -> task<void> {
            auto tcp =
                std::make_unique<tcp_stream>(co_await connect(loop, "127.0.0.1", server.port()));
            tls::tls_stream stream =
                co_await tls::tls_stream::handshake(std::move(tcp), context, "");
            co_await stream.close();
        };
        CHECK(test::error_code_of([&] { loop.run(body()); }) == errc::invalid_state);
    }
}
