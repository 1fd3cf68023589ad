// The client against the Dovecot fixture, over implicit TLS and STARTTLS.

#include <doctest/doctest.h>

#include <algorithm>

#include "client_test_helpers.hpp"
#include "support/error_code.hpp"
#include "support/test_loop.hpp"
#include "uvimap/async/when_all.hpp"

using namespace uvimap;
using namespace uvimap::async;

namespace {

const client::security both_modes[] = {client::security::implicit_tls, client::security::starttls};

const char* name_of(client::security mode) {
    return mode == client::security::implicit_tls ? "implicit TLS" : "STARTTLS";
}

}  // namespace

TEST_SUITE("client: dovecot") {
    TEST_CASE("login with the right password, and the wrong one, over both kinds of TLS") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        for (const client::security mode : both_modes) {
            CAPTURE(name_of(mode));
            test::test_loop loop;
            auto good = [&]() -> task<void> {
                client::client imap = co_await client::client::connect(
                    loop, "localhost", test::fixture_options(dovecot, context, mode));
                CHECK(imap.is_secure());
                CHECK(imap.greeting().find("Dovecot") != std::string::npos);
                co_await imap.login("alice", wire::secret("wonderland"));
                CHECK(imap.state() == session::connection_state::authenticated);
                // After STARTTLS and after login the capabilities are asked again.
                const wire::capability_set caps = co_await imap.capabilities();
                CHECK(caps.has("IDLE"));
                CHECK_FALSE(caps.has("STARTTLS"));
                co_await imap.logout();
                CHECK_FALSE(imap.is_open());
            };
            loop.run(good(), test::server_watchdog);
            auto bad = [&]() -> task<std::error_code> {
                client::client imap = co_await client::client::connect(
                    loop, "localhost", test::fixture_options(dovecot, context, mode));
                const std::error_code code =
                    co_await test::failure_code(imap.login("alice", wire::secret("wrong")));
                CHECK(imap.is_open());  // a refused login leaves the connection usable
                co_await imap.logout();
                co_return code;
            };
            CHECK(loop.run(bad(), test::server_watchdog) == client::errc::authentication_failed);
        }
    }

    TEST_CASE("list gives flags, delimiter and decoded names") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        auto body = [&]() -> task<std::vector<session::mailbox_entry>> {
            client::client imap = co_await test::logged_in(
                loop, test::fixture_options(dovecot, context), "alice", "wonderland");
            client::list_options how;
            how.status = {wire::status_attr::messages, wire::status_attr::unseen};
            auto entries = co_await imap.list("", "*", how);
            co_await imap.logout();
            co_return entries;
        };
        const auto entries = loop.run(body(), test::server_watchdog);
        auto find = [&](std::string_view name) -> const session::mailbox_entry* {
            const auto it = std::find_if(entries.begin(), entries.end(),
                                         [&](const auto& e) { return e.name == name; });
            return it == entries.end() ? nullptr : &*it;
        };
        REQUIRE(find("INBOX") != nullptr);
        REQUIRE(find("Entwürfe") != nullptr);
        CHECK(find("Entwürfe")->raw_name == "Entw&APw-rfe");
        CHECK(find("Entwürfe")->has_flag("\\Drafts"));
        CHECK(find("Archive")->has_flag("\\Archive"));
        CHECK(find("INBOX")->delimiter == "/");
        REQUIRE(find("INBOX")->status.has_value());
        CHECK(find("INBOX")->status->messages == 3u);
    }

    TEST_CASE("examine INBOX of the sample mailbox, then status and search") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        auto body = [&]() -> task<void> {
            client::client imap = co_await test::logged_in(
                loop, test::fixture_options(dovecot, context, client::security::starttls), "alice",
                "wonderland");
            const session::selected_mailbox inbox = co_await imap.examine("INBOX");
            CHECK(inbox.exists == 3);
            CHECK(inbox.recent == 0);
            CHECK(inbox.read_only);
            CHECK(inbox.uidvalidity == 1704531000u);
            CHECK(inbox.uidnext == 4u);
            CHECK(inbox.unseen == 1u);
            CHECK(std::find(inbox.flags.begin(), inbox.flags.end(), "\\Seen") != inbox.flags.end());
            CHECK(imap.mailbox().exists() == 3);
            // Lists are built before the co_await: g++ 12 rejects a braced
            // list inside one ("array used as initializer", GCC bug 100611).
            std::vector<wire::status_attr> items{
                wire::status_attr::messages, wire::status_attr::unseen, wire::status_attr::uidnext};
            const session::mailbox_status archive = co_await imap.status("Archive", items);
            CHECK(archive.messages == 2u);
            CHECK(archive.unseen == 0u);
            std::vector<wire::search_key> everything{
                wire::search_key::flag(wire::search_kind::all)};
            const session::search_result all = co_await imap.search(everything);
            CHECK(all.numbers == std::vector<std::uint32_t>{1, 2, 3});
            co_await imap.unselect();
            CHECK(imap.state() == session::connection_state::authenticated);
            co_await imap.logout();
        };
        loop.run(body(), test::server_watchdog);
    }

    TEST_CASE("fetch streams ENVELOPE, BODYSTRUCTURE and partial bodies") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        std::vector<session::fetch_message> messages;
        auto body = [&]() -> task<std::uint64_t> {
            client::client imap = co_await test::logged_in(
                loop, test::fixture_options(dovecot, context), "alice", "wonderland");
            co_await imap.examine("INBOX");
            std::vector<wire::fetch_att> items = test::summary_items(60);
            const std::uint64_t count = co_await imap.fetch(
                wire::sequence_set::all(), std::move(items),
                [&](session::fetch_message&& m) { messages.push_back(std::move(m)); });
            co_await imap.logout();
            co_return count;
        };
        CHECK(loop.run(body(), test::server_watchdog) == 3);
        REQUIRE(messages.size() == 3);
        CHECK(messages[0].uid == 1u);
        CHECK(messages[0].env->from[0].name == "Postmaster");
        CHECK(messages[2].structure->multipart);
        CHECK(messages[2].structure->subtype == "mixed");
        const session::body_section* first = messages[0].find_section("1");
        REQUIRE(first != nullptr);
        CHECK(first->origin == 0u);
        CHECK(first->data->size() == 60);
    }

    TEST_CASE("concurrent callers share one connection, their commands pipelined") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        auto body = [&]() -> task<void> {
            client::client imap = co_await test::logged_in(
                loop, test::fixture_options(dovecot, context), "alice", "wonderland");
            std::vector<task<session::mailbox_status>> asks;
            const std::vector<wire::status_attr> items{wire::status_attr::messages};
            for (const char* name : {"INBOX", "Archive", "Entwürfe"}) {
                asks.push_back(imap.status(name, items));
            }
            const auto statuses = co_await when_all(std::move(asks));
            CHECK(statuses[0].messages == 3u);
            CHECK(statuses[1].messages == 2u);
            CHECK(statuses[2].messages == 1u);
            CHECK(statuses[2].mailbox == "Entwürfe");
            co_await imap.logout();
        };
        loop.run(body(), test::server_watchdog);
    }

    TEST_CASE("the trace shows both directions and never the password, traffic() counts them") {
        const test::dovecot_fixture dovecot = test::dovecot_fixture::require();
        const tls::client_context context(test::trust_only(dovecot.ca_file));
        test::test_loop loop;
        std::vector<std::string> lines;
        client::options opts = test::traced_options(dovecot, context, lines);
        client::traffic_counts traffic;
        auto body = [&]() -> task<void> {
            client::client imap =
                co_await test::logged_in(loop, std::move(opts), "alice", "wonderland");
            co_await imap.noop();
            co_await imap.logout();
            traffic = imap.traffic();
        };
        loop.run(body(), test::server_watchdog);
        std::string all;
        std::uint64_t server_bytes = 0;
        for (const std::string& line : lines) {
            all += line + "\n";
            if (line.starts_with("S: ")) {
                server_bytes += line.size() - 3 + 2;  // without "S: ", with CRLF
            }
        }
        // traffic(): the IMAP bytes each way, after TLS.
        CHECK(traffic.sent ==
              std::string("A1 LOGIN alice wonderland\r\nA2 NOOP\r\nA3 LOGOUT\r\n").size());
        CHECK(traffic.received == server_bytes);
        CHECK(all.find("S: * OK") != std::string::npos);
        CHECK(all.find("C: A1 LOGIN alice <redacted>") != std::string::npos);
        CHECK(all.find("wonderland") == std::string::npos);
        CHECK(all.find(" NOOP\n") != std::string::npos);
        CHECK(all.find("S: * BYE") != std::string::npos);
    }
}
