// TLS session resumption through client_context's session cache, against
// Dovecot and openssl s_server.

#include <doctest/doctest.h>

#include <filesystem>

#include "support/dovecot_fixture.hpp"
#include "support/openssl_server.hpp"
#include "support/test_loop.hpp"
#include "tls_test_helpers.hpp"
#include "uvimap/tls/tls.hpp"

using namespace uvimap;
using namespace uvimap::async;

namespace {

// Connects to Dovecot's IMAPS port as `host`, reads the greeting (which is
// when TLS 1.3 tickets arrive), logs out, and says whether the handshake
// resumed a session.
bool dovecot_session_reused(const test::dovecot_fixture& dovecot,
                            const tls::client_context& context,
                            const std::string& host = "localhost") {
    test::test_loop loop;
    auto body = [&]() -> task<bool> {
        tls::tls_stream stream = co_await tls::connect(
            loop, host, static_cast<std::uint16_t>(dovecot.imaps_port), context);
        co_await test::read_until(stream, "\r\n");
        co_await stream.write(std::string_view("z LOGOUT\r\n"));
        co_await test::read_tagged(stream, "z");
        const bool reused = stream.session_reused();
        co_await stream.close();
        co_return reused;
    };
    return loop.run(body());
}

// The same against an s_server on `port`, asking for its status page.
bool status_session_reused(std::uint16_t port, const tls::client_context& context) {
    test::test_loop loop;
    auto body = [&]() -> task<bool> {
        tls::tls_stream stream = co_await tls::connect(loop, "localhost", port, context);
        co_await stream.write(std::string_view("GET / HTTP/1.0\r\n\r\n"));
        const std::string answer = co_await test::read_until(stream, "\r\n");
        CHECK(answer.rfind("HTTP/1.0 200", 0) == 0);
        const bool reused = stream.session_reused();
        co_await stream.close();
        co_return reused;
    };
    return loop.run(body());
}

}  // namespace

TEST_SUITE("tls: resumption") {
    TEST_CASE("the second connection to a server resumes the first one's session") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        CHECK_FALSE(dovecot_session_reused(dovecot, context));
        CHECK(context.cached_sessions() >= 1);
        CHECK(dovecot_session_reused(dovecot, context));
        CHECK(dovecot_session_reused(dovecot, context));
    }

    TEST_CASE("a session is never offered to another name, CA file or the insecure switch") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        CHECK_FALSE(dovecot_session_reused(dovecot, context, "localhost"));
        // The same server under its address: another name, another key.
        CHECK_FALSE(dovecot_session_reused(dovecot, context, "127.0.0.1"));

        // The same CA under another path is other trust settings.
        const std::filesystem::path copy =
            std::filesystem::temp_directory_path() / "uvimap-resumption-ca.pem";
        std::filesystem::copy_file(dovecot.ca_file, copy,
                                   std::filesystem::copy_options::overwrite_existing);
        const tls::client_context other_ca(test::trust_only(copy.string()));
        CHECK_FALSE(dovecot_session_reused(dovecot, other_ca));
        std::filesystem::remove(copy);

        tls::context_options insecure_options;
        insecure_options.verify = tls::verify_mode::insecure_no_verification;
        const tls::client_context insecure(insecure_options);
        CHECK_FALSE(dovecot_session_reused(dovecot, insecure));
        // And the verified context still resumes its own.
        CHECK(dovecot_session_reused(dovecot, context, "localhost"));
    }

    TEST_CASE("resumption can be switched off") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        tls::context_options options = test::trust_only(dovecot.ca_file);
        options.resume_sessions = false;
        const tls::client_context context(options);
        CHECK_FALSE(dovecot_session_reused(dovecot, context));
        CHECK(context.cached_sessions() == 0);
        CHECK_FALSE(dovecot_session_reused(dovecot, context));
    }

    TEST_CASE("a server that no longer knows the session gets a full handshake, silently") {
        const auto& dir = test::test_cert_dir();
        const tls::client_context context(test::trust_only(dir / "ca.pem"));
        std::uint16_t port = 0;
        {
            test::openssl_server first(dir / "server.pem", dir / "server.key");
            port = first.port();
            CHECK_FALSE(status_session_reused(port, context));
            CHECK(status_session_reused(port, context));
        }
        CHECK(context.cached_sessions() >= 1);
        // A new server process on the same port: its ticket keys are new.
        test::openssl_server second(dir / "server.pem", dir / "server.key", port);
        CHECK_FALSE(status_session_reused(port, context));
    }
}
