// The pipelining rules of the scheduler, each with scripted server bytes:
// what goes out together, and what waits for what.

#include <doctest/doctest.h>

#include "session_harness.hpp"

using namespace uvimap;
using namespace uvimap::session;
using uvimap::test::session_harness;

namespace {

wire::command status_of(std::string mailbox) {
    return wire::status_command{std::move(mailbox), {wire::status_attr::messages}};
}

wire::command uid_fetch(wire::sequence_set set) {
    wire::fetch_command fetch;
    fetch.uid = true;
    fetch.set = std::move(set);
    fetch.items = {wire::fetch_att::simple(wire::fetch_att_kind::uid),
                   wire::fetch_att::simple(wire::fetch_att_kind::envelope)};
    return fetch;
}

wire::command msn_fetch(wire::sequence_set set) {
    wire::fetch_command fetch;
    fetch.set = std::move(set);
    fetch.items = {wire::fetch_att::simple(wire::fetch_att_kind::flags)};
    return fetch;
}

// Selects INBOX (tag A1), so that the next command is A2.
void select_inbox(session_harness& h) {
    h.s.submit(wire::select_command{"INBOX", false, false, std::nullopt});
    h.client();
    h.server("* 3 EXISTS\r\nA1 OK [READ-WRITE] done\r\n");
    h.events.clear();
}

}  // namespace

TEST_SUITE("session: scheduler") {
    TEST_CASE("nothing is sent before the greeting") {
        session_harness h({}, "");
        h.s.submit(wire::capability_command{});
        CHECK(h.client().empty());
        h.server("* OK ready\r\n");
        CHECK(h.client() == "A1 CAPABILITY\r\n");
    }

    TEST_CASE("independent commands go out together and complete by tag, in any order") {
        session_harness h;
        const command_id inbox = h.s.submit(status_of("INBOX"));
        const command_id sent = h.s.submit(status_of("Sent"));
        const command_id noop = h.s.submit(wire::noop_command{});
        CHECK(h.client() ==
              "A1 STATUS INBOX (MESSAGES)\r\nA2 STATUS Sent (MESSAGES)\r\nA3 NOOP\r\n");
        h.server(
            "A3 OK noop\r\n* STATUS Sent (MESSAGES 7)\r\nA2 OK\r\n"
            "* STATUS INBOX (MESSAGES 3)\r\nA1 OK\r\n");
        CHECK(h.result(noop).ok());
        CHECK(std::get<mailbox_status>(h.result(sent).data).messages == 7u);
        CHECK(std::get<mailbox_status>(h.result(inbox).data).messages == 3u);
        CHECK(std::get<mailbox_status>(h.result(inbox).data).mailbox == "INBOX");
    }

    TEST_CASE("rule 1: at most pipeline_depth commands are in flight") {
        session_options options;
        options.pipeline_depth = 2;
        session_harness h(options);
        for (const char* name : {"a", "b", "c", "d"}) {
            h.s.submit(status_of(name));
        }
        CHECK(h.client() == "A1 STATUS a (MESSAGES)\r\nA2 STATUS b (MESSAGES)\r\n");
        CHECK(h.s.in_flight() == 2);
        CHECK(h.s.queued() == 2);
        h.server("A1 OK\r\n");
        CHECK(h.client() == "A3 STATUS c (MESSAGES)\r\n");
    }

    TEST_CASE("rule 2: nothing is sent past a command waiting for +") {
        session_harness h({}, "* OK [CAPABILITY IMAP4rev1] no LITERAL+ here\r\n");
        wire::search_command search;
        search.uid = true;
        search.criteria = {wire::search_key::string(wire::search_kind::text, "line\r\nbreak")};
        const command_id find = h.s.submit(search);
        h.s.submit(wire::noop_command{});
        CHECK(h.client() == "A1 UID SEARCH TEXT {11}\r\n");
        h.server("+ go ahead\r\n");
        CHECK(h.client() == "line\r\nbreak\r\nA2 NOOP\r\n");
        h.server("* SEARCH 4 9\r\nA1 OK\r\nA2 OK\r\n");
        CHECK(std::get<search_result>(h.result(find).data).numbers ==
              std::vector<std::uint32_t>{4, 9});
    }

    TEST_CASE("rule 3: nothing goes behind LOGIN until it completes") {
        session_harness h;
        const command_id login = h.s.submit(wire::login_command{"alice", wire::secret("pw")});
        h.s.submit(wire::list_command{});
        CHECK(h.client() == "A1 LOGIN alice pw\r\n");
        h.server("A1 OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE] Logged in\r\n");
        CHECK(h.result(login).ok());
        CHECK(h.s.state() == connection_state::authenticated);
        CHECK(h.client() == "A2 LIST \"\" *\r\n");
    }

    TEST_CASE("rule 4: SELECT waits for what is before it, and what is after waits for it") {
        session_harness h;
        h.s.submit(status_of("Archive"));
        h.s.submit(wire::select_command{"INBOX", true, false, std::nullopt});
        h.s.submit(uid_fetch(wire::sequence_set::all()));
        CHECK(h.client() == "A1 STATUS Archive (MESSAGES)\r\n");
        h.server("* STATUS Archive (MESSAGES 2)\r\nA1 OK\r\n");
        CHECK(h.client() == "A2 EXAMINE INBOX\r\n");
        h.server("* 3 EXISTS\r\nA2 OK [READ-ONLY] done\r\n");
        CHECK(h.client() == "A3 UID FETCH 1:* (UID ENVELOPE)\r\n");
    }

    TEST_CASE("rule 5: a sequence-number command waits while one that may expunge is in flight") {
        session_harness h;
        select_inbox(h);
        h.s.submit(uid_fetch(wire::sequence_set::all()));
        h.s.submit(wire::noop_command{});
        const command_id flags = h.s.submit(msn_fetch(wire::sequence_set::range(1, 3)));
        CHECK(h.client() == "A2 UID FETCH 1:* (UID ENVELOPE)\r\nA3 NOOP\r\n");
        h.server("* 2 EXPUNGE\r\nA3 OK\r\n");
        CHECK(h.client().empty());  // the UID FETCH may still see EXPUNGEs
        h.server("A2 OK\r\n");
        CHECK(h.client() == "A4 FETCH 1:3 (FLAGS)\r\n");
        h.server("* 1 FETCH (FLAGS (\\Seen))\r\nA4 OK\r\n");
        CHECK(h.result(flags).fetched == 1);
    }

    TEST_CASE("rule 5: UID commands overlap freely") {
        session_harness h;
        select_inbox(h);
        h.s.submit(uid_fetch(wire::sequence_set::range(1, 10)));
        h.s.submit(wire::noop_command{});
        wire::search_command search;
        search.uid = true;
        search.criteria = {wire::search_key::flag(wire::search_kind::unseen)};
        h.s.submit(search);
        h.s.submit(uid_fetch(wire::sequence_set::range(11, 20)));
        CHECK(h.client() ==
              "A2 UID FETCH 1:10 (UID ENVELOPE)\r\nA3 NOOP\r\nA4 UID SEARCH UNSEEN\r\n"
              "A5 UID FETCH 11:20 (UID ENVELOPE)\r\n");
    }

    TEST_CASE("a UID SEARCH with a sequence-set criterion counts as using sequence numbers") {
        session_harness h;
        select_inbox(h);
        h.s.submit(wire::noop_command{});
        wire::search_command search;
        search.uid = true;
        search.criteria = {wire::search_key::set_key(wire::search_kind::sequence,
                                                     wire::sequence_set::range(1, 2))};
        h.s.submit(search);
        CHECK(h.client() == "A2 NOOP\r\n");
        h.server("A2 OK\r\n");
        CHECK(h.client() == "A3 UID SEARCH 1:2\r\n");
    }

    TEST_CASE("rule 6: STARTTLS and IDLE go alone") {
        session_harness h;
        h.s.submit(wire::noop_command{});
        h.s.submit(wire::starttls_command{});
        h.s.submit(wire::noop_command{});
        CHECK(h.client() == "A1 NOOP\r\n");
        h.server("A1 OK\r\n");
        CHECK(h.client() == "A2 STARTTLS\r\n");

        session_harness idle;
        select_inbox(idle);
        idle.s.submit(wire::noop_command{});
        const command_id waiting = idle.s.submit(wire::idle_command{});
        idle.s.submit(wire::noop_command{});
        CHECK(idle.client() == "A2 NOOP\r\n");
        idle.server("A2 OK\r\n");
        CHECK(idle.client() == "A3 IDLE\r\n");
        idle.server("+ idling\r\n");
        CHECK(idle.client().empty());
        idle.s.end_idle(waiting);
        CHECK(idle.client() == "DONE\r\n");
        idle.server("A3 OK\r\n");
        CHECK(idle.client() == "A4 NOOP\r\n");
    }

    TEST_CASE("rule 7: answers that could not be told apart wait for each other") {
        session_harness h;
        select_inbox(h);
        h.s.submit(wire::list_command{});
        h.s.submit(wire::lsub_command{});
        h.s.submit(status_of("Drafts"));
        h.s.submit(status_of("Drafts"));
        h.s.submit(uid_fetch(wire::sequence_set::range(1, 5)));
        h.s.submit(uid_fetch(wire::sequence_set::range(4, 8)));
        // Submission order holds: the second LIST-family command stops the queue.
        CHECK(h.client() == "A2 LIST \"\" *\r\n");
        h.server("A2 OK\r\n");
        CHECK(h.client() == "A3 LSUB \"\" *\r\nA4 STATUS Drafts (MESSAGES)\r\n");
        h.server("A3 OK\r\n* STATUS Drafts (MESSAGES 1)\r\nA4 OK\r\n");
        CHECK(h.client() == "A5 STATUS Drafts (MESSAGES)\r\nA6 UID FETCH 1:5 (UID ENVELOPE)\r\n");
        h.server("A5 OK\r\nA6 OK\r\n");
        CHECK(h.client() == "A7 UID FETCH 4:8 (UID ENVELOPE)\r\n");
    }

    TEST_CASE("two SEARCHes with RETURN go together and get their own ESEARCH") {
        session_harness h;
        select_inbox(h);
        wire::search_command seen;
        seen.uid = true;
        seen.criteria = {wire::search_key::flag(wire::search_kind::seen)};
        seen.return_options = std::vector<wire::search_return>{wire::search_return::count};
        wire::search_command unseen = seen;
        unseen.criteria = {wire::search_key::flag(wire::search_kind::unseen)};
        const command_id a = h.s.submit(seen);
        const command_id b = h.s.submit(unseen);
        CHECK(h.client() ==
              "A2 UID SEARCH RETURN (COUNT) SEEN\r\nA3 UID SEARCH RETURN (COUNT) UNSEEN\r\n");
        h.server(
            "* ESEARCH (TAG \"A3\") UID COUNT 5\r\n* ESEARCH (TAG \"A2\") UID COUNT 2\r\n"
            "A2 OK\r\nA3 OK\r\n");
        CHECK(std::get<search_result>(h.result(a).data).count == 2u);
        CHECK(std::get<search_result>(h.result(b).data).count == 5u);
    }

    TEST_CASE("commands are written with the capabilities in force when they are sent") {
        session_harness h({}, "* OK [CAPABILITY IMAP4rev1] no literal+ before login\r\n");
        h.s.submit(wire::login_command{"alice", wire::secret("pw")});
        h.s.submit(status_of("Entwürfe"));
        CHECK(h.client() == "A1 LOGIN alice pw\r\n");
        h.server("A1 OK [CAPABILITY IMAP4rev1 LITERAL+] in\r\n");
        CHECK(h.client() == "A2 STATUS Entw&APw-rfe (MESSAGES)\r\n");
    }
}
