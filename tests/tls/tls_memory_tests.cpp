// Heap per idle TLS connection after real traffic, measured over many
// connections to the Dovecot fixture (issue: 1,000 connections must not cost
// 0.4 GB before any IMAP state).

#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "support/bulk_traffic.hpp"
#include "support/dovecot_fixture.hpp"
#include "support/process_limits.hpp"
#include "support/test_loop.hpp"
#include "tls_test_helpers.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/tls/tls.hpp"

using namespace uvimap;
using namespace uvimap::async;

namespace {

// Connections to hold at once; UVIMAP_TEST_CONNECTIONS overrides.
std::size_t connection_count() {
    const char* text = std::getenv("UVIMAP_TEST_CONNECTIONS");
    return text != nullptr && std::atoi(text) > 0 ? static_cast<std::size_t>(std::atoi(text))
                                                  : 1000;
}

}  // namespace

TEST_SUITE("tls: memory") {
    TEST_CASE("an idle TLS connection costs at most 64 KiB of heap after 256 KiB each way") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const std::size_t connections = connection_count();
        test::require_open_files(connections + 256);
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        const test::bulk_traffic traffic(dovecot);
        test::test_loop loop;
        auto open = [&]() -> task<std::unique_ptr<byte_stream>> {
            co_return std::make_unique<tls::tls_stream>(co_await tls::connect(
                loop, "127.0.0.1", static_cast<std::uint16_t>(dovecot.imaps_port), context));
        };
        // Dovecot logs in a few hundred sessions a second; more at once
        // only queue in its login process.
        const test::idle_measure measure =
            loop.run(test::measure_idle_connections(connections, 100, traffic, open),
                     std::chrono::minutes(5));
        CHECK(measure.bytes_received >= connections * 262144);
        const std::size_t per_connection = measure.heap_per_connection;
        MESSAGE(connections << " idle TLS connections: " << per_connection
                            << " bytes of heap each");
        CHECK(per_connection <= 64 * 1024);
    }
}
