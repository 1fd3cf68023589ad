// TLS against the Dovecot fixture: implicit TLS (IMAPS) and STARTTLS, reading
// the real IMAP greeting and a real tagged answer.

#include <doctest/doctest.h>

#include <memory>

#include "support/dovecot_fixture.hpp"
#include "support/test_loop.hpp"
#include "tls_test_helpers.hpp"
#include "uvimap/async/tcp.hpp"
#include "uvimap/tls/tls.hpp"

using namespace uvimap;
using namespace uvimap::async;

TEST_SUITE("tls: dovecot") {
    TEST_CASE("implicit TLS to Dovecot verifies its certificate and reads the greeting") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        for (const std::string host : {"localhost", "127.0.0.1"}) {
            auto body = [&]() -> task<std::string> {
                tls::tls_stream stream = co_await tls::connect(
                    loop, host, static_cast<std::uint16_t>(dovecot.imaps_port), context);
                std::string greeting = co_await test::read_until(stream, "\r\n");
                CHECK(stream.protocol().rfind("TLSv1.", 0) == 0);
                co_await stream.write(std::string_view("a LOGOUT\r\n"));
                const std::string bye = co_await test::read_until(stream, "a OK");
                CHECK(bye.find("* BYE") != std::string::npos);
                co_await stream.close();
                co_return greeting;
            };
            const std::string greeting = loop.run(body());
            CHECK(greeting.rfind("* OK ", 0) == 0);
            CHECK(greeting.find("Dovecot") != std::string::npos);
        }
    }

    TEST_CASE("STARTTLS upgrades a plain Dovecot connection in place") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        auto body = [&]() -> task<std::string> {
            auto tcp = std::make_unique<tcp_stream>(
                co_await connect(loop, "localhost", static_cast<std::uint16_t>(dovecot.imap_port)));
            const std::string greeting = co_await test::read_until(*tcp, "\r\n");
            CHECK(greeting.find("STARTTLS") != std::string::npos);
            co_await tcp->write(std::string_view("a STARTTLS\r\n"));
            const std::string answer = co_await test::read_until(*tcp, "\r\n");
            CHECK(answer.rfind("a OK", 0) == 0);
            tls::tls_stream stream =
                co_await tls::tls_stream::handshake(std::move(tcp), context, "localhost");
            co_await stream.write(std::string_view("b CAPABILITY\r\n"));
            std::string capabilities = co_await test::read_until(stream, "b OK");
            co_await stream.write(std::string_view("c LOGOUT\r\n"));
            co_await test::read_until(stream, "c OK");
            co_await stream.close();
            co_return capabilities;
        };
        const std::string capabilities = loop.run(body());
        CHECK(capabilities.find("* CAPABILITY IMAP4rev1") != std::string::npos);
        // After TLS the server offers login and no longer offers STARTTLS.
        CHECK(capabilities.find("STARTTLS") == std::string::npos);
        CHECK(capabilities.find("AUTH=PLAIN") != std::string::npos);
    }

    TEST_CASE("Dovecot's certificate is rejected when its CA is not trusted") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context system_store;
        test::test_loop loop;
        CHECK(test::error_code_of([&] {
                  loop.run(tls::connect(loop, "localhost",
                                        static_cast<std::uint16_t>(dovecot.imaps_port),
                                        system_store));
              }) == tls::errc::untrusted_certificate);
    }
}
