// Certificate verification against a real TLS server (openssl s_server).

#include <doctest/doctest.h>

#include "support/openssl_server.hpp"
#include "support/test_loop.hpp"
#include "tls_test_helpers.hpp"
#include "uvimap/tls/tls.hpp"

using namespace uvimap;
using namespace uvimap::async;

namespace {

tls::client_context trusting_test_ca() {
    return tls::client_context(test::trust_only(test::test_cert_dir() / "ca.pem"));
}

// Connects to an s_server that presents `stem`.pem and asks for its status
// page; returns the first bytes of the answer.
std::string fetch_status(const std::string& stem, const tls::client_context& context,
                         const std::string& host = "localhost") {
    const auto& dir = test::test_cert_dir();
    test::openssl_server server(dir / (stem + ".pem"), dir / (stem + ".key"));
    test::test_loop loop;
    auto body = [&]() -> task<std::string> {
        tls::tls_stream stream = co_await tls::connect(loop, host, server.port(), context);
        co_await stream.write(std::string_view("GET / HTTP/1.0\r\n\r\n"));
        std::string answer = co_await test::read_until(stream, "\r\n");
        co_await stream.close();
        co_return answer;
    };
    return loop.run(body());
}

}  // namespace

TEST_SUITE("tls: certificates") {
    TEST_CASE("a certificate from the trusted CA for the right name is accepted") {
        const tls::client_context context = trusting_test_ca();
        CHECK(fetch_status("server", context).rfind("HTTP/1.0 200", 0) == 0);
        CHECK(fetch_status("server", context, "127.0.0.1").rfind("HTTP/1.0 200", 0) == 0);
    }

    TEST_CASE("a certificate for another name is tls_hostname_mismatch") {
        const tls::client_context context = trusting_test_ca();
        CHECK(test::error_code_of([&] { fetch_status("wrongname", context); }) ==
              tls::errc::hostname_mismatch);
    }

    TEST_CASE("an IP address not in the certificate is tls_hostname_mismatch") {
        const tls::client_context context = trusting_test_ca();
        CHECK(test::error_code_of([&] { fetch_status("wrongname", context, "127.0.0.1"); }) ==
              tls::errc::hostname_mismatch);
    }

    TEST_CASE("an expired certificate is tls_expired_certificate") {
        const tls::client_context context = trusting_test_ca();
        CHECK(test::error_code_of([&] { fetch_status("expired", context); }) ==
              tls::errc::expired_certificate);
    }

    TEST_CASE("a certificate from an unknown CA is tls_untrusted_certificate") {
        const tls::client_context context = trusting_test_ca();
        CHECK(test::error_code_of([&] { fetch_status("untrusted", context); }) ==
              tls::errc::untrusted_certificate);
    }

    TEST_CASE("the system store does not trust the test CA") {
        const tls::client_context system_store;
        CHECK(test::error_code_of([&] { fetch_status("server", system_store); }) ==
              tls::errc::untrusted_certificate);
    }

    TEST_CASE("only the explicit insecure switch accepts an untrusted certificate") {
        tls::context_options options;
        options.verify = tls::verify_mode::insecure_no_verification;
        const tls::client_context insecure(options);
        CHECK(fetch_status("untrusted", insecure).rfind("HTTP/1.0 200", 0) == 0);
    }

    TEST_CASE("a name only in the certificate's common name is tls_hostname_mismatch") {
        const tls::client_context context = trusting_test_ca();
        CHECK(test::error_code_of([&] { fetch_status("cn-only", context); }) ==
              tls::errc::hostname_mismatch);
    }

    TEST_CASE("a CA file that cannot be read is a clear error") {
        CHECK(test::error_code_of([] {
                  tls::client_context context(test::trust_only("/nonexistent/ca.pem"));
              }) == tls::errc::setup_failed);
    }
}
