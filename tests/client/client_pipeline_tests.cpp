// The client's behaviour over time against Dovecot: pipelining counted in
// round trips through a slow link, streaming a big folder in bounded
// memory, cancelling a fetch half way, and IDLE seeing another connection's
// APPEND.

#include <doctest/doctest.h>

#include <memory>

#include "client_test_helpers.hpp"
#include "support/error_code.hpp"
#include "support/latency_proxy.hpp"
#include "support/process_limits.hpp"
#include "support/skip.hpp"
#include "support/test_loop.hpp"
#include "uvimap/async/scope.hpp"
#include "uvimap/async/timer.hpp"
#include "uvimap/async/when_all.hpp"

using namespace uvimap;
using namespace uvimap::async;
using namespace std::chrono_literals;

TEST_SUITE("client: pipelining and streams") {
    TEST_CASE("200 STATUS commands issued together take a handful of round trips") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        // Plain IMAP through the proxy (Dovecot trusts 127.0.0.1 with LOGIN),
        // so that the proxy sees the commands.
        test::latency_proxy proxy(loop, "127.0.0.1", static_cast<std::uint16_t>(dovecot.imap_port),
                                  10ms);
        const client::options opts = test::plain_options(proxy.port());
        std::size_t answered = 0;
        std::uint64_t trips_for_status = 0;
        auto body = [&]() -> task<void> {
            client::client imap = co_await client::client::connect(loop, "127.0.0.1", opts);
            co_await imap.login("folders", wire::secret("folders"));
            co_await imap.noop();
            const std::uint64_t before = proxy.round_trips();
            std::vector<task<session::mailbox_status>> asks;
            const std::vector<wire::status_attr> items{wire::status_attr::messages};
            for (int i = 1; i <= 200; ++i) {
                const std::string number = std::to_string(i);
                const std::string name = "Folder" + std::string(3 - number.size(), '0') + number;
                asks.push_back(imap.status(name, items));
            }
            const auto statuses = co_await when_all(std::move(asks));
            trips_for_status = proxy.round_trips() - before;
            for (const auto& status : statuses) {
                answered += status.messages == 0u ? 1 : 0;
            }
            co_await imap.logout();
            co_await proxy.stop();
        };
        auto both = [&]() -> task<void> {
            async_scope scope;
            scope.spawn(proxy.serve());
            std::exception_ptr failure;
            try {
                co_await body();
            } catch (...) {
                failure = std::current_exception();
            }
            if (failure) {
                co_await proxy.stop();
            }
            co_await scope.join();
            if (failure) {
                std::rethrow_exception(failure);
            }
        };
        loop.run(both(), test::server_watchdog);
        CHECK(answered == 200);
        MESSAGE("200 STATUS took " << trips_for_status << " round trips (pipeline depth 32)");
        // One command at a time would take 200; the default depth of 32
        // needs about 200 / 32 windows, plus turns where answers straggle.
        CHECK(trips_for_status <= 16);
    }

    TEST_CASE("streaming a 2,000-message folder holds memory flat") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const std::optional<int> big = test::big_folder(dovecot);
        if (!big) {
            return;
        }
        const int messages = *big;
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        std::size_t seen = 0;
        std::size_t heap_early = 0;
        std::size_t heap_late = 0;
        std::uint64_t bytes = 0;
        auto body = [&]() -> task<std::uint64_t> {
            client::client imap = co_await test::in_big_folder(loop, dovecot, context);
            const std::uint64_t count =
                co_await imap.fetch(wire::sequence_set::all(), test::summary_items(256),
                                    [&](session::fetch_message&& m) {
                                        ++seen;
                                        for (const auto& section : m.sections) {
                                            bytes += section.size;
                                        }
                                        if (seen == 200) {
                                            heap_early = test::heap_in_use();
                                        }
                                        if (seen == static_cast<std::size_t>(messages) - 1) {
                                            heap_late = test::heap_in_use();
                                        }
                                    });
            co_await imap.logout();
            co_return count;
        };
        CHECK(loop.run(body(), test::bulk_watchdog) == static_cast<std::uint64_t>(messages));
        CHECK(seen == static_cast<std::size_t>(messages));
        const auto growth =
            static_cast<std::ptrdiff_t>(heap_late) - static_cast<std::ptrdiff_t>(heap_early);
        MESSAGE("heap grew by " << growth << " bytes from message 200 to message " << seen - 1
                                << ", while " << bytes << " bytes of body went through");
        // Nothing is kept per message: what the parser and the connection
        // hold is the same at message 200 and at message 1,999.
        CHECK(growth < 256 * 1024);
    }

    TEST_CASE("cancelling a fetch half way leaves the connection usable") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const std::optional<int> big = test::big_folder(dovecot);
        if (!big) {
            return;
        }
        const int messages = *big;
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        std::size_t seen = 0;
        auto body = [&]() -> task<void> {
            client::client imap = co_await test::in_big_folder(loop, dovecot, context);
            cancellation_source stop;
            auto fetch_all = [&]() -> task<void> {
                co_await imap.fetch(wire::sequence_set::all(), test::summary_items(256),
                                    [&](session::fetch_message&&) {
                                        if (++seen == 50) {
                                            stop.request_cancellation();
                                        }
                                    });
            };
            CHECK(co_await test::failure_code(with_cancellation(stop.token(), fetch_all())) ==
                  errc::cancelled);
            CHECK(imap.is_open());
            // The rest of the fetch is read and dropped; the next command
            // gets its own answer.
            const std::vector<wire::status_attr> items{wire::status_attr::messages};
            const session::mailbox_status status = co_await imap.status("INBOX", items);
            CHECK(status.messages == static_cast<std::uint32_t>(messages));
            co_await imap.logout();
        };
        loop.run(body(), test::bulk_watchdog);
        CHECK(seen == 50);
    }

    TEST_CASE("IDLE sees a message appended by another connection") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        std::vector<std::uint32_t> exists;
        cancellation_source stop;
        client::options opts = test::fixture_options(dovecot, context);
        opts.on_mailbox_update = [&](const session::mailbox_update& update) {
            if (const auto* e = std::get_if<session::exists_update>(&update)) {
                exists.push_back(e->count);
                stop.request_cancellation();
            }
        };
        // The other connection: raw IMAP, since the client has no APPEND.
        auto append = [&]() -> task<void> {
            co_await sleep_for(loop, 100ms);
            tls::tls_stream raw = co_await tls::connect(
                loop, "localhost", static_cast<std::uint16_t>(dovecot.imaps_port), context);
            const std::string message = "From: idle@example.org\r\nSubject: wake up\r\n\r\nhi\r\n";
            const std::string commands = "a LOGIN user0003 pw-user0003\r\nb APPEND INBOX {" +
                                         std::to_string(message.size()) + "+}\r\n" + message +
                                         "\r\nc LOGOUT\r\n";
            co_await raw.write(commands);
            co_await test::read_tagged(raw, "c");
            co_await raw.close();
        };
        std::uint32_t before = 0;
        auto body = [&]() -> task<void> {
            client::client imap =
                co_await test::logged_in(loop, std::move(opts), "user0003", "pw-user0003");
            before = (co_await imap.select("INBOX")).exists;
            async_scope other;
            other.spawn(append());
            client::idle_options how;
            how.stop = stop.token();
            co_await imap.idle(how);
            co_await other.join();
            other.rethrow_first_error();
            CHECK(imap.mailbox().exists() == before + 1);
            co_await imap.logout();
        };
        loop.run(body(), test::server_watchdog);
        REQUIRE(exists.size() >= 1);
        CHECK(exists.front() == before + 1);
    }

    TEST_CASE("IDLE restarts before the server would drop it, and commands interrupt it") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        std::vector<std::string> trace;
        client::options opts = test::traced_options(dovecot, context, trace);
        cancellation_source stop;
        auto body = [&]() -> task<void> {
            client::client imap =
                co_await test::logged_in(loop, std::move(opts), "alice", "wonderland");
            co_await imap.examine("INBOX");
            client::idle_options how;
            how.restart_after = 100ms;
            how.stop = stop.token();
            auto later = [&]() -> task<void> {
                co_await sleep_for(loop, 350ms);
                // A command from another task ends the IDLE for a moment.
                co_await imap.noop();
                co_await sleep_for(loop, 150ms);
                stop.request_cancellation();
            };
            async_scope other;
            other.spawn(later());
            co_await imap.idle(how);
            co_await other.join();
            other.rethrow_first_error();
            co_await imap.logout();
        };
        loop.run(body(), test::server_watchdog);
        std::size_t idles = 0;
        std::size_t dones = 0;
        for (const std::string& line : trace) {
            idles += line.find(" IDLE") != std::string::npos && line.rfind("C: ", 0) == 0 ? 1 : 0;
            dones += line == "C: DONE" ? 1 : 0;
        }
        CHECK(idles >= 4);
        CHECK(dones == idles);
    }
}
