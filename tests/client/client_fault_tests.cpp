// The client against a scripted server, for what Dovecot will not do on
// demand: LOGINDISABLED, missing STARTTLS, injected bytes, BYE in the middle
// of a command, a server that stops answering, answers to commands never
// sent.

#include <doctest/doctest.h>

#include <thread>

#include "support/error_code.hpp"
#include "support/openssl_server.hpp"
#include "support/test_loop.hpp"
#include "support/thread_server.hpp"
#include "tls/tls_test_helpers.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"
#include "uvimap/client/client.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

namespace {

struct scripted_fixture {
    tls::client_context context{test::trust_only(test::test_cert_dir() / "ca.pem")};

    client::options options_for(const test::thread_server& server,
                                client::security mode = client::security::implicit_tls) {
        client::options opts;
        opts.mode = mode;
        opts.tls = &context;
        opts.port = server.port();
        opts.greeting_timeout = 1000ms;
        opts.response_timeout = 1000ms;
        return opts;
    }
};

// A scripted IMAPS server: TLS, then `script` with the TLS connection.
test::thread_server imaps_server(std::function<void(test::scripted_peer&)> script) {
    return test::thread_server([script = std::move(script)](test::scripted_peer& peer) {
        if (peer.accept_tls("server")) {
            script(peer);
        }
    });
}

}  // namespace

TEST_SUITE("client: faults") {
    TEST_CASE("LOGINDISABLED: the password goes by AUTHENTICATE PLAIN, never LOGIN") {
        std::string command;
        auto server = imaps_server([&](test::scripted_peer& peer) {
            peer.send_tls("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=PLAIN SASL-IR] hi\r\n");
            command = peer.read_tls_line();
            peer.send_tls("A1 OK [CAPABILITY IMAP4rev1] in\r\n");
            peer.read_tls_line();
            peer.send_tls("* BYE bye\r\nA2 OK out\r\n");
        });
        scripted_fixture fixture;
        test::test_loop loop;
        auto body = [&]() -> task<void> {
            client::client imap =
                co_await client::client::connect(loop, "localhost", fixture.options_for(server));
            co_await imap.login("alice", wire::secret("secret"));
            co_await imap.logout();
        };
        loop.run(body());
        CHECK(command.rfind("A1 AUTHENTICATE PLAIN ", 0) == 0);
    }

    TEST_CASE("LOGINDISABLED without AUTH=PLAIN is unsupported, and nothing is sent") {
        std::string next;
        auto server = imaps_server([&](test::scripted_peer& peer) {
            peer.send_tls("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=GSSAPI] hi\r\n");
            next = peer.read_tls_line();
        });
        scripted_fixture fixture;
        test::test_loop loop;
        auto body = [&]() -> task<std::error_code> {
            client::client imap =
                co_await client::client::connect(loop, "localhost", fixture.options_for(server));
            const std::error_code code =
                co_await test::failure_code(imap.login("alice", wire::secret("secret")));
            co_await imap.close();
            co_return code;
        };
        CHECK(loop.run(body()) == client::errc::unsupported);
        CHECK(next.find("secret") == std::string::npos);
    }

    TEST_CASE("a plain connection needs an explicit opt-in, and so do credentials over it") {
        scripted_fixture fixture;
        test::test_loop loop;
        client::options plain;
        plain.mode = client::security::plain;
        plain.port = 1;
        CHECK(test::error_code_of([&] {
                  loop.run(client::client::connect(loop, "localhost", plain));
              }) == client::errc::insecure);

        std::string next;
        test::thread_server server([&](test::scripted_peer& peer) {
            peer.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] plain\r\n");
            next = peer.read_line();
        });
        plain.allow_plaintext = true;
        plain.port = server.port();
        auto body = [&]() -> task<std::error_code> {
            client::client imap = co_await client::client::connect(loop, "localhost", plain);
            CHECK_FALSE(imap.is_secure());
            const std::error_code code =
                co_await test::failure_code(imap.login("alice", wire::secret("secret")));
            co_await imap.close();
            co_return code;
        };
        CHECK(loop.run(body()) == client::errc::insecure);
        CHECK(next.find("secret") == std::string::npos);
    }

    TEST_CASE("STARTTLS asked for but not offered fails instead of going on in clear") {
        test::thread_server server([](test::scripted_peer& peer) {
            peer.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] no starttls here\r\n");
            peer.read_line();
        });
        scripted_fixture fixture;
        test::test_loop loop;
        CHECK(test::error_code_of([&] {
                  loop.run(client::client::connect(
                      loop, "localhost", fixture.options_for(server, client::security::starttls)));
              }) == client::errc::unsupported);
    }

    TEST_CASE("bytes injected after STARTTLS's OK abort the connection") {
        test::thread_server server([](test::scripted_peer& peer) {
            peer.send("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
            peer.read_line();
            peer.send("A1 OK Begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n");
            peer.read_some();
        });
        scripted_fixture fixture;
        test::test_loop loop;
        CHECK(test::error_code_of([&] {
                  loop.run(client::client::connect(
                      loop, "localhost", fixture.options_for(server, client::security::starttls)));
              }) == client::errc::protocol_error);
    }

    TEST_CASE("a greeting of BYE, and a greeting that never comes") {
        auto refusing = imaps_server([](test::scripted_peer& peer) {
            peer.send_tls("* BYE too many connections from your address\r\n");
            peer.read_tls_line();
        });
        scripted_fixture fixture;
        test::test_loop loop;
        CHECK(test::error_code_of([&] {
                  loop.run(
                      client::client::connect(loop, "localhost", fixture.options_for(refusing)));
              }) == client::errc::bye);

        auto silent = imaps_server([](test::scripted_peer& peer) { peer.read_tls_line(); });
        client::options opts = fixture.options_for(silent);
        opts.greeting_timeout = 100ms;
        CHECK(test::error_code_of([&] {
                  loop.run(client::client::connect(loop, "localhost", opts));
              }) == errc::timed_out);
    }

    TEST_CASE("BYE in the middle of a command fails it with bye") {
        auto server = imaps_server([](test::scripted_peer& peer) {
            peer.send_tls("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n");
            peer.read_tls_line();
            peer.send_tls("* LIST () \"/\" INBOX\r\n* BYE Server shutting down\r\n");
            peer.send_close_notify();
        });
        scripted_fixture fixture;
        test::test_loop loop;
        auto body = [&]() -> task<std::error_code> {
            client::client imap =
                co_await client::client::connect(loop, "localhost", fixture.options_for(server));
            const std::error_code code = co_await test::failure_code(imap.list());
            CHECK_FALSE(imap.is_open());
            co_await imap.close();
            co_return code;
        };
        CHECK(loop.run(body()) == client::errc::bye);
    }

    TEST_CASE("a server that stops answering is timed out, and the connection closed") {
        auto server = imaps_server([](test::scripted_peer& peer) {
            peer.send_tls("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n");
            peer.read_tls_line();
            std::this_thread::sleep_for(600ms);  // and never answers
        });
        scripted_fixture fixture;
        client::options opts = fixture.options_for(server);
        opts.response_timeout = 200ms;
        test::test_loop loop;
        auto body = [&]() -> task<std::error_code> {
            client::client imap = co_await client::client::connect(loop, "localhost", opts);
            const std::error_code code = co_await test::failure_code(imap.noop());
            CHECK_FALSE(imap.is_open());
            CHECK(co_await test::failure_code(imap.noop()) == errc::timed_out);
            co_await imap.close();
            co_return code;
        };
        CHECK(loop.run(body()) == errc::timed_out);
    }

    TEST_CASE("an answer to a command never sent is a protocol error for all in flight") {
        auto server = imaps_server([](test::scripted_peer& peer) {
            peer.send_tls("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n");
            peer.read_tls_line();
            peer.send_tls("Z9 OK I never got that\r\n");
            peer.read_tls_line();
        });
        scripted_fixture fixture;
        test::test_loop loop;
        auto body = [&]() -> task<std::error_code> {
            client::client imap =
                co_await client::client::connect(loop, "localhost", fixture.options_for(server));
            const std::error_code code = co_await test::failure_code(imap.noop());
            co_await imap.close();
            co_return code;
        };
        CHECK(loop.run(body()) == client::errc::protocol_error);
    }

    TEST_CASE("destroying a client while a call waits fails the call, nothing leaks") {
        auto server = imaps_server([](test::scripted_peer& peer) {
            peer.send_tls("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n");
            peer.read_tls_line();
            std::this_thread::sleep_for(300ms);
        });
        scripted_fixture fixture;
        test::test_loop loop;
        auto body = [&]() -> task<std::error_code> {
            auto imap = std::make_unique<client::client>(
                co_await client::client::connect(loop, "localhost", fixture.options_for(server)));
            std::error_code code;
            auto waiting = [&]() -> task<void> {
                code = co_await test::failure_code(imap->noop());
            };
            async_scope scope;
            scope.spawn(waiting());
            co_await sleep_for(loop, 50ms);
            imap.reset();
            co_await scope.join();
            // The background finishes on the loop by itself.
            co_await sleep_for(loop, 50ms);
            co_return code;
        };
        CHECK(loop.run(body()) == errc::connection_aborted);
    }
}
