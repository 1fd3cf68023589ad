// Continuations (literals, SASL, IDLE), STARTTLS, cancellation, BYE, and the
// errors that end a command or the whole session.

#include <doctest/doctest.h>

#include "session_harness.hpp"
#include "uvimap/wire/encoder.hpp"

using namespace uvimap;
using namespace uvimap::session;
using uvimap::test::session_harness;
using uvimap::test::uid_fetch_all;

namespace {

bool contains(const std::vector<std::string>& lines, std::string_view needle) {
    for (const std::string& line : lines) {
        if (line.find(needle) != std::string::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_SUITE("session: lifecycle") {
    TEST_CASE("bytes after STARTTLS's OK are an injection and end the session") {
        session_harness h;
        const command_id tls = h.s.submit(wire::starttls_command{});
        h.client();
        h.server("A1 OK Begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n");
        REQUIRE(h.all<failed_event>().size() == 1);
        CHECK(h.all<failed_event>()[0].error.what == session_error::kind::protocol_error);
        CHECK(h.result(tls).error->message.find("injection") != std::string::npos);
        CHECK(h.s.state() == connection_state::failed);
        CHECK(h.s.submit(wire::noop_command{}) > 0);
        h.drain();
        CHECK(h.client().empty());
    }

    TEST_CASE("after STARTTLS the capabilities are forgotten and asked for again") {
        session_harness h;
        const command_id tls = h.s.submit(wire::starttls_command{});
        h.client();
        h.server("A1 OK Begin TLS\r\n");
        CHECK(h.result(tls).ok());
        CHECK_FALSE(h.s.capabilities_known());
        h.s.transport_secured();
        CHECK(h.client() == "A2 CAPABILITY\r\n");
        h.server("* CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2\r\nA2 OK\r\n");
        CHECK(h.s.capabilities_known());
        CHECK(h.s.capabilities().has_auth("xoauth2"));
        CHECK_FALSE(h.completed(2));  // the session's own command reports nothing
    }

    TEST_CASE("capabilities that change after login are picked up either way") {
        session_harness told;
        told.s.submit(wire::login_command{"u", wire::secret("p")});
        told.client();
        told.server("A1 OK [CAPABILITY IMAP4rev1 IDLE MOVE] Logged in\r\n");
        CHECK(told.s.capabilities().has("MOVE"));
        CHECK(told.client().empty());

        session_harness asked;
        asked.s.submit(wire::login_command{"u", wire::secret("p")});
        asked.client();
        asked.server("A1 OK Logged in\r\n");
        CHECK_FALSE(asked.s.capabilities_known());
        CHECK(asked.client() == "A2 CAPABILITY\r\n");
        asked.server("* CAPABILITY IMAP4rev1 IDLE\r\nA2 OK\r\n");
        CHECK(asked.s.capabilities().has("IDLE"));
    }

    TEST_CASE("AUTHENTICATE PLAIN goes in one line with SASL-IR") {
        session_harness h;
        command_options options;
        options.sasl = make_plain("alice", wire::secret("wonderland"));
        h.s.submit(wire::authenticate_command{}, options);
        CHECK(h.client() == "A1 AUTHENTICATE PLAIN " +
                                wire::base64_encode(std::string("\0alice\0wonderland", 17)) +
                                "\r\n");
        h.server("A1 OK Logged in\r\n");
        CHECK(h.s.state() == connection_state::authenticated);
        CHECK(contains(h.trace, "C: A1 AUTHENTICATE PLAIN <redacted>"));
        CHECK_FALSE(contains(h.trace, "wonderland"));
    }

    TEST_CASE("AUTHENTICATE without SASL-IR answers the empty challenge") {
        session_harness h({}, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
        command_options options;
        options.sasl = make_plain("alice", wire::secret("wonderland"));
        h.s.submit(wire::authenticate_command{}, options);
        h.s.submit(wire::noop_command{});
        CHECK(h.client() == "A1 AUTHENTICATE PLAIN\r\n");
        h.server("+ \r\n");
        CHECK(h.client() == wire::base64_encode(std::string("\0alice\0wonderland", 17)) + "\r\n");
        h.server("A1 OK Logged in\r\n");
        CHECK(h.client().find("A2 NOOP") != std::string::npos);
    }

    TEST_CASE("an XOAUTH2 error challenge gets an empty answer, then the NO") {
        session_harness h({}, "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] ready\r\n");
        command_options options;
        options.sasl = make_xoauth2("bob@example.com", wire::secret("ya29.token"));
        const command_id auth = h.s.submit(wire::authenticate_command{}, options);
        CHECK(h.client().rfind("A1 AUTHENTICATE XOAUTH2 ", 0) == 0);
        h.server("+ " + wire::base64_encode("{\"status\":\"401\"}") + "\r\n");
        CHECK(h.client() == "\r\n");
        h.server("A1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n");
        CHECK(h.result(auth).outcome == command_result::status::no);
        CHECK(h.result(auth).code.name == "AUTHENTICATIONFAILED");
        CHECK(h.s.state() == connection_state::not_authenticated);
        CHECK_FALSE(contains(h.trace, "ya29"));
    }

    TEST_CASE("IDLE reports when it is established and what changes meanwhile") {
        session_harness h;
        h.s.submit(wire::select_command{"INBOX", false, false, {}});
        h.client();
        h.server("* 1 EXISTS\r\nA1 OK\r\n");
        const command_id idle = h.s.submit(wire::idle_command{});
        CHECK(h.client() == "A2 IDLE\r\n");
        h.server("+ idling\r\n");
        REQUIRE(h.all<idling_event>().size() == 1);
        h.server("* 2 EXISTS\r\n");
        CHECK(h.s.mailbox().exists() == 2);
        h.s.end_idle(idle);
        CHECK(h.client() == "DONE\r\n");
        h.s.end_idle(idle);  // twice is once
        CHECK(h.client().empty());
        h.server("A2 OK Idle completed\r\n");
        CHECK(h.result(idle).ok());
    }

    TEST_CASE("a cancelled IDLE ends with DONE, even before its +") {
        session_harness h;
        const command_id idle = h.s.submit(wire::idle_command{});
        h.client();
        h.s.cancel(idle);
        CHECK(h.result(idle).error->what == session_error::kind::cancelled);
        CHECK(h.client().empty());
        h.server("+ idling\r\n");
        CHECK(h.client() == "DONE\r\n");
        h.server("A1 OK\r\n");
        h.s.submit(wire::noop_command{});
        CHECK(h.client() == "A2 NOOP\r\n");
    }

    TEST_CASE("a cancelled command is never sent if it was still queued") {
        session_harness h;
        h.s.submit(wire::login_command{"u", wire::secret("p")});
        const command_id list = h.s.submit(wire::list_command{});
        h.client();
        h.s.cancel(list);
        CHECK(h.result(list).error->what == session_error::kind::cancelled);
        h.server("A1 OK [CAPABILITY IMAP4rev1] in\r\n");
        CHECK(h.client().empty());
    }

    TEST_CASE("a cancelled command in flight completes at once, its answer is dropped") {
        session_harness h;
        const command_id list = h.s.submit(wire::list_command{});
        h.client();
        h.s.cancel(list);
        CHECK(h.completed(list));
        h.server("* LIST () \"/\" INBOX\r\nA1 OK\r\n");
        CHECK(h.all<completed_event>().size() == 1);
        CHECK(h.s.in_flight() == 0);
    }

    TEST_CASE("a cancelled AUTHENTICATE answers the next challenge with *") {
        session_harness h({}, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
        command_options options;
        options.sasl = make_plain("alice", wire::secret("wonderland"));
        const command_id auth = h.s.submit(wire::authenticate_command{}, options);
        h.client();
        h.s.cancel(auth);
        h.server("+ \r\n");
        CHECK(h.client() == "*\r\n");
        h.server("A1 BAD Authentication cancelled\r\n");
        CHECK(h.s.in_flight() == 0);
    }

    TEST_CASE("BYE at any time: the commands in flight fail with it when the connection ends") {
        session_harness h;
        const command_id list = h.s.submit(wire::list_command{});
        h.client();
        h.server("* BYE Server shutting down\r\n");
        REQUIRE(h.all<bye_event>().size() == 1);
        CHECK(h.s.state() == connection_state::logout);
        const command_id later = h.s.submit(wire::noop_command{});
        h.s.connection_lost({session_error::kind::connection_lost, "EOF"});
        h.drain();
        CHECK(h.result(list).error->what == session_error::kind::bye);
        CHECK(h.result(list).error->message.find("Server shutting down") != std::string::npos);
        CHECK(h.result(later).error.has_value());
    }

    TEST_CASE("LOGOUT's BYE and the end of the connection are not failures") {
        session_harness h;
        const command_id logout = h.s.submit(wire::logout_command{});
        CHECK(h.client() == "A1 LOGOUT\r\n");
        h.server("* BYE Logging out\r\nA1 OK Logout completed.\r\n");
        h.s.connection_lost({session_error::kind::connection_lost, "EOF"});
        h.drain();
        CHECK(h.result(logout).ok());
        CHECK(h.all<failed_event>().empty());
        const command_id late = h.s.submit(wire::noop_command{});
        h.drain();
        CHECK(h.result(late).error->what == session_error::kind::not_sent);
    }

    TEST_CASE("a tagged answer for a tag never sent ends the session, failing every command") {
        session_harness h;
        const command_id a = h.s.submit(wire::noop_command{});
        const command_id b = h.s.submit(wire::capability_command{});
        h.client();
        h.server("X99 OK what?\r\n");
        REQUIRE(h.all<failed_event>().size() == 1);
        CHECK(h.result(a).error == h.all<failed_event>()[0].error);
        CHECK(h.result(b).error == h.all<failed_event>()[0].error);
    }

    TEST_CASE("an unexpected + ends the session") {
        session_harness h;
        h.s.submit(wire::noop_command{});
        h.client();
        h.server("+ hello\r\n");
        CHECK(h.all<failed_event>().size() == 1);
    }

    TEST_CASE("a framing error ends the session") {
        session_options options;
        options.limits.max_line_length = 100;
        session_harness h(options);
        const command_id noop = h.s.submit(wire::noop_command{});
        h.client();
        h.server("* " + std::string(200, 'x') + "\r\n");
        CHECK(h.result(noop).error->what == session_error::kind::protocol_error);
    }

    TEST_CASE("a response that does not parse fails the commands in flight, not the session") {
        session_harness h;
        h.s.submit(wire::select_command{"INBOX", false, false, {}});
        h.client();
        h.server("* 2 EXISTS\r\nA1 OK\r\n");
        const command_id id = h.s.submit(
            uid_fetch_all({wire::fetch_att_kind::uid, wire::fetch_att_kind::rfc822_size}));
        h.client();
        h.server(
            "* 1 FETCH (UID 4 RFC822.SIZE 10)\r\n* 2 FETCH (UID 5 RFC822.SIZE x)\r\n"
            "A2 OK Fetch completed\r\n");
        const command_result result = h.result(id);
        CHECK(result.outcome == command_result::status::failed);
        CHECK(result.error->what == session_error::kind::protocol_error);
        CHECK(result.text == "Fetch completed");
        CHECK(result.fetched == 1);
        CHECK(h.all<failed_event>().empty());
        const command_id next = h.s.submit(wire::noop_command{});
        h.client();
        h.server("A3 OK\r\n");
        CHECK(h.result(next).ok());
    }

    TEST_CASE("a password never reaches the trace, in a quoted string or a literal") {
        session_harness h({}, "* OK [CAPABILITY IMAP4rev1] no literal+\r\n");
        h.s.submit(wire::login_command{"alice", wire::secret("p\xc3\xa4ss")});
        h.client();
        h.server("+ go\r\n");
        h.server("A1 OK\r\n");
        CHECK_FALSE(contains(h.trace, "p\xc3\xa4ss"));
        CHECK(contains(h.trace, "C: A1 LOGIN alice {5}"));
        CHECK(contains(h.trace, "C: <redacted>"));
        CHECK(contains(h.trace, "S: A1 OK"));
    }
}
