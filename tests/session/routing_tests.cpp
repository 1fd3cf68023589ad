// Where responses go: each command gets its own untagged data as owned
// values, and what nobody asked for updates the mailbox view.

#include <doctest/doctest.h>

#include "session_harness.hpp"
#include "support/process_limits.hpp"

using namespace uvimap;
using namespace uvimap::session;
using uvimap::test::heap_in_use;
using uvimap::test::session_harness;
using uvimap::test::uid_fetch_all;

namespace {

void select_inbox(session_harness& h, std::string_view responses) {
    h.s.submit(wire::select_command{"INBOX", false, false, std::nullopt});
    h.client();
    h.server(responses);
    h.events.clear();
}

}  // namespace

TEST_SUITE("session: routing") {
    TEST_CASE("the greeting's capabilities are known at once") {
        session_harness h({}, "");
        h.server("* OK [CAPABILITY IMAP4rev1 LITERAL+ STARTTLS] Dovecot ready.\r\n");
        REQUIRE(h.all<greeting_event>().size() == 1);
        CHECK(h.all<greeting_event>()[0].value.text == "Dovecot ready.");
        CHECK(h.s.capabilities_known());
        CHECK(h.s.capabilities().has("starttls"));
        CHECK(h.s.state() == connection_state::not_authenticated);
    }

    TEST_CASE("PREAUTH starts authenticated, and BYE as greeting ends the session") {
        session_harness preauth({}, "* PREAUTH ready\r\n");
        CHECK(preauth.s.state() == connection_state::authenticated);
        session_harness bye({}, "");
        bye.server("* BYE too many connections\r\n");
        CHECK(bye.s.state() == connection_state::logout);
        CHECK(bye.all<greeting_event>()[0].value.status == greeting::kind::bye);
    }

    TEST_CASE("EXAMINE gathers the folder's data, Dovecot's and Courier's") {
        session_harness dovecot;
        const command_id a = dovecot.s.submit(wire::select_command{"INBOX", true, false, {}});
        CHECK(dovecot.client() == "A1 EXAMINE INBOX\r\n");
        dovecot.server(
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            "* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n* 3 EXISTS\r\n* 0 RECENT\r\n"
            "* OK [UNSEEN 1] First unseen.\r\n* OK [UIDVALIDITY 1414010141] UIDs valid\r\n"
            "* OK [UIDNEXT 4] Predicted next UID\r\n* OK [NOMODSEQ] No permanent modsequences\r\n"
            "A1 OK [READ-ONLY] Examine completed (0.001 + 0.000 secs).\r\n");
        const auto data = std::get<selected_mailbox>(dovecot.result(a).data);
        CHECK(data.name == "INBOX");
        CHECK(data.exists == 3);
        CHECK(data.recent == 0);
        CHECK(data.flags.size() == 5);
        REQUIRE(data.permanent_flags.has_value());
        CHECK(data.permanent_flags->empty());
        CHECK(data.unseen == 1u);
        CHECK(data.uidvalidity == 1414010141u);
        CHECK(data.uidnext == 4u);
        CHECK(data.no_modseq);
        CHECK(data.read_only);
        CHECK(dovecot.s.state() == connection_state::selected);
        CHECK(dovecot.s.mailbox().exists() == 3);
        CHECK(dovecot.all<mailbox_event>().empty());  // SELECT's data is not news

        session_harness courier;
        const command_id b = courier.s.submit(wire::select_command{"INBOX", true, false, {}});
        courier.client();
        courier.server(
            "* FLAGS (\\Draft \\Answered \\Flagged \\Deleted \\Seen \\Recent)\r\n"
            "* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n"
            "* 2 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1] Ok\r\n"
            "* OK [MYRIGHTS \"acdilrsw\"] ACL\r\nA1 OK [READ-ONLY] Ok\r\n");
        const auto sparse = std::get<selected_mailbox>(courier.result(b).data);
        CHECK(sparse.exists == 2);
        CHECK_FALSE(sparse.uidnext.has_value());
        CHECK_FALSE(sparse.unseen.has_value());
        CHECK(sparse.read_only);
        using codes = std::vector<std::pair<std::string, std::string>>;
        CHECK(sparse.other_codes == codes{{"MYRIGHTS", "\"acdilrsw\""}});

        // Cyrus 3.6, as it answers EXAMINE: codes of its own besides.
        session_harness cyrus;
        const command_id c = cyrus.s.submit(wire::select_command{"INBOX", true, false, {}});
        cyrus.client();
        cyrus.server(
            "* 1 EXISTS\r\n* 1 RECENT\r\n* FLAGS (\\Answered \\Flagged \\Draft \\Deleted "
            "\\Seen)\r\n"
            "* OK [PERMANENTFLAGS ()] Ok\r\n* OK [UIDVALIDITY 1796626011] Ok\r\n"
            "* OK [UIDNEXT 2] Ok\r\n* OK [HIGHESTMODSEQ 2] Ok\r\n"
            "* OK [MAILBOXID (p049mxnsmt7jrk87zg9v8yhh)] Ok\r\n* OK [URLMECH INTERNAL] Ok\r\n"
            "* OK [ANNOTATIONS 65536] Ok\r\nA1 OK [READ-ONLY] Completed\r\n");
        const auto rich = std::get<selected_mailbox>(cyrus.result(c).data);
        CHECK(rich.highest_modseq == 2u);
        CHECK(rich.other_codes == codes{{"MAILBOXID", "(p049mxnsmt7jrk87zg9v8yhh)"},
                                        {"URLMECH", "INTERNAL"},
                                        {"ANNOTATIONS", "65536"}});
        CHECK(data.other_codes.empty());  // Dovecot's are all known ones
    }

    TEST_CASE("a failed SELECT leaves no mailbox selected") {
        session_harness h;
        select_inbox(h, "* 3 EXISTS\r\nA1 OK done\r\n");
        CHECK(h.s.mailbox().is_selected());
        const command_id bad = h.s.submit(wire::select_command{"Nope", false, false, {}});
        h.client();
        h.server("A2 NO [NONEXISTENT] Mailbox doesn't exist: Nope\r\n");
        CHECK(h.result(bad).outcome == command_result::status::no);
        CHECK(h.result(bad).code.name == "NONEXISTENT");
        CHECK(h.s.state() == connection_state::authenticated);
        CHECK_FALSE(h.s.mailbox().is_selected());
    }

    TEST_CASE("LIST entries come with decoded names and either delimiter") {
        session_harness h;
        const command_id list = h.s.submit(wire::list_command{});
        h.client();
        h.server(
            "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
            "* LIST (\\HasNoChildren \\Drafts) \"/\" \"Entw&APw-rfe\"\r\n"
            "* LIST (\\HasChildren) \".\" INBOX.Archive\r\n"
            "* LIST (\\Noselect) NIL {5}\r\nflat!\r\n"
            "A1 OK List completed\r\n");
        const auto entries = std::get<std::vector<mailbox_entry>>(h.result(list).data);
        REQUIRE(entries.size() == 4);
        CHECK(entries[1].name == "Entwürfe");
        CHECK(entries[1].raw_name == "Entw&APw-rfe");
        CHECK(entries[1].has_flag("\\drafts"));
        CHECK(entries[2].delimiter == ".");
        CHECK(entries[3].delimiter.empty());
        CHECK(entries[3].name == "flat!");
    }

    TEST_CASE("a LIST answer that never ends fails the session at its bound, not memory") {
        session_options options;
        options.max_gathered_bytes = 64 * 1024;
        session_harness h(options);
        const command_id list = h.s.submit(wire::list_command{});
        h.client();
        std::string flood;
        for (int i = 0; i < 2000; ++i) {
            flood += "* LIST (\\HasNoChildren) \"/\" \"folder " + std::to_string(i) + "\"\r\n";
        }
        h.server(flood);
        REQUIRE(h.all<failed_event>().size() == 1);
        CHECK(h.all<failed_event>()[0].error.what == session_error::kind::protocol_error);
        CHECK(h.all<failed_event>()[0].error.message.find("LIST answer grew past 65536 bytes") !=
              std::string::npos);
        CHECK(h.result(list).outcome == command_result::status::failed);
        CHECK(h.s.state() == connection_state::failed);
    }

    TEST_CASE("LIST-STATUS attaches each STATUS to its entry") {
        session_harness h;
        wire::list_command command;
        command.return_status = {wire::status_attr::messages, wire::status_attr::unseen};
        const command_id list = h.s.submit(command);
        CHECK(h.client() == "A1 LIST \"\" * RETURN (STATUS (MESSAGES UNSEEN))\r\n");
        h.server(
            "* LIST () \"/\" INBOX\r\n* STATUS INBOX (MESSAGES 3 UNSEEN 1)\r\n"
            "* LIST () \"/\" Sent\r\n* STATUS Sent (MESSAGES 9 UNSEEN 0)\r\nA1 OK\r\n");
        const auto entries = std::get<std::vector<mailbox_entry>>(h.result(list).data);
        REQUIRE(entries.size() == 2);
        REQUIRE(entries[1].status.has_value());
        CHECK(entries[1].status->messages == 9u);
        CHECK(entries[0].status->unseen == 1u);
    }

    TEST_CASE("FETCH responses stream out one message at a time") {
        session_harness h;
        select_inbox(h, "* 2 EXISTS\r\nA1 OK\r\n");
        const command_id id =
            h.s.submit(uid_fetch_all({wire::fetch_att_kind::uid, wire::fetch_att_kind::envelope,
                                      wire::fetch_att_kind::bodystructure}));
        h.client();
        h.server(
            "* 1 FETCH (UID 5 ENVELOPE (\"Mon, 1 Jan 2024 00:00:00 +0000\" \"Hi\" "
            "((\"Ann\" NIL \"ann\" \"example.org\")) NIL NIL NIL NIL NIL NIL \"<1@x>\") "
            "BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL "
            "\"QUOTED-PRINTABLE\" "
            "42 2 NIL NIL NIL NIL))\r\n");
        REQUIRE(h.all<fetch_event>().size() == 1);
        const fetch_message first = h.all<fetch_event>()[0].message;
        CHECK(first.uid == 5u);
        CHECK(first.env->subject == "Hi");
        CHECK(first.env->from[0].name == "Ann");
        CHECK(first.structure->type == "text");
        CHECK(first.structure->encoding == "quoted-printable");
        CHECK(first.structure->parameter("charset") == "utf-8");
        CHECK(h.s.mailbox().uid_of(1) == 5u);
        h.server(
            "* 2 FETCH (UID 9 ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) "
            "BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)(\"TEXT\" \"HTML\" "
            "NIL NIL NIL \"7BIT\" 1 1) \"ALTERNATIVE\"))\r\nA2 OK\r\n");
        CHECK(h.all<fetch_event>().size() == 2);
        CHECK(h.result(id).fetched == 2);
        CHECK(h.all<fetch_event>()[1].message.structure->parts.size() == 2);
    }

    TEST_CASE("what arrives unasked updates the view and is reported") {
        session_harness h;
        select_inbox(h, "* 3 EXISTS\r\nA1 OK\r\n");
        h.s.submit(wire::noop_command{});
        h.client();
        h.server(
            "* 1 FETCH (UID 10 FLAGS (\\Seen))\r\n* 2 FETCH (UID 11 FLAGS ())\r\n"
            "* 3 FETCH (UID 12 FLAGS ())\r\n* 4 EXISTS\r\n* 2 EXPUNGE\r\n"
            "* VANISHED 12\r\nA2 OK\r\n");
        const auto updates = h.all<mailbox_event>();
        REQUIRE(updates.size() == 6);
        CHECK(std::get<flags_update>(updates[0].update).uid == 10u);
        CHECK(std::get<exists_update>(updates[3].update).count == 4);
        CHECK(std::get<expunge_update>(updates[4].update).uid == 11u);
        CHECK(std::get<vanished_update>(updates[5].update).uids == std::vector<std::uint32_t>{12});
        CHECK(h.s.mailbox().exists() == 2);
        CHECK(h.s.mailbox().uid_of(1) == 10u);
        CHECK_FALSE(h.s.mailbox().uid_of(2).has_value());  // the new message
        CHECK(h.s.mailbox().sequence_of(10) == 1u);
    }

    TEST_CASE("a server's huge message counts cost no memory") {
        session_harness h;
        select_inbox(h, "* 4294967295 EXISTS\r\nA1 OK\r\n");
        CHECK(h.s.mailbox().exists() == 4294967295u);
        CHECK_FALSE(h.s.mailbox().uid_of(4294967295u).has_value());
        h.s.submit(wire::noop_command{});
        h.client();
        // A UID for a message far past what the view maps is counted, not
        // remembered; one within it is remembered; expunges still count.
        h.server(
            "* 4000000000 FETCH (UID 7 FLAGS ())\r\n* 2 FETCH (UID 9 FLAGS ())\r\n"
            "* 1 EXPUNGE\r\nA2 OK\r\n");
        CHECK(h.all<mailbox_event>().size() == 3);
        CHECK_FALSE(h.s.mailbox().sequence_of(7).has_value());
        CHECK(h.s.mailbox().uid_of(1) == 9u);
        CHECK(h.s.mailbox().exists() == 4294967294u);
        CHECK(heap_in_use() < std::size_t{64} << 20);
    }

    TEST_CASE("a UID FETCH answer without its UID, or with UID 0, still reaches the command") {
        session_harness h;
        select_inbox(h, "* 2 EXISTS\r\nA1 OK\r\n");
        const command_id id = h.s.submit(
            uid_fetch_all({wire::fetch_att_kind::uid, wire::fetch_att_kind::rfc822_size}));
        h.client();
        h.server("* 1 FETCH (UID 0 RFC822.SIZE 10)\r\n* 2 FETCH (RFC822.SIZE 20)\r\nA2 OK\r\n");
        REQUIRE(h.all<fetch_event>().size() == 2);
        CHECK(h.all<fetch_event>()[1].message.sequence == 2);
        CHECK(h.all<fetch_event>()[1].message.size == 20u);
        CHECK(h.result(id).fetched == 2);
    }

    TEST_CASE("a FLAGS change during a FETCH that did not ask for flags is not its answer") {
        session_harness h;
        select_inbox(h, "* 2 EXISTS\r\nA1 OK\r\n");
        wire::fetch_command fetch;
        fetch.uid = true;
        fetch.set = wire::sequence_set::single(7);
        fetch.items = {wire::fetch_att::body_section({}, true, wire::partial_range{0, 10})};
        const command_id id = h.s.submit(fetch);
        h.client();
        h.server(
            "* 1 FETCH (UID 7 FLAGS (\\Seen))\r\n* 1 FETCH (UID 7 BODY[]<0> {3}\r\nabc)\r\n"
            "A2 OK\r\n");
        const auto fetched = h.all<fetch_event>();
        REQUIRE(fetched.size() == 1);
        const auto* section = fetched[0].message.find_section("");
        REQUIRE(section != nullptr);
        CHECK(section->data == std::optional<std::string>("abc"));
        CHECK(section->origin == 0u);
        CHECK(h.all<mailbox_event>().size() == 1);
        CHECK(h.result(id).fetched == 1);
    }

    TEST_CASE("CAPABILITY, ID, NAMESPACE and ENABLE get their data") {
        session_harness h;
        const command_id caps = h.s.submit(wire::capability_command{});
        const command_id id = h.s.submit(wire::id_command{});
        const command_id ns = h.s.submit(wire::namespace_command{});
        const command_id en = h.s.submit(wire::enable_command{{"UTF8=ACCEPT"}});
        // ENABLE changes how later commands are written, but nothing is behind it.
        CHECK(h.client() ==
              "A1 CAPABILITY\r\nA2 ID NIL\r\nA3 NAMESPACE\r\nA4 ENABLE UTF8=ACCEPT\r\n");
        h.server(
            "* CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT\r\nA1 OK\r\n"
            "* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\nA2 OK\r\n"
            "* NAMESPACE ((\"\" \"/\")) NIL ((\"Public/\" \"/\"))\r\nA3 OK\r\n"
            "* ENABLED UTF8=ACCEPT\r\nA4 OK\r\n");
        CHECK(std::get<wire::capability_set>(h.result(caps).data).has("utf8=accept"));
        const auto fields = std::get<id_fields>(h.result(id).data);
        CHECK(fields[0].second == "Dovecot");
        CHECK_FALSE(fields[1].second.has_value());
        CHECK(std::get<namespaces>(h.result(ns).data).shared[0].prefix == "Public/");
        CHECK(std::get<std::vector<std::string>>(h.result(en).data) ==
              std::vector<std::string>{"UTF8=ACCEPT"});
        CHECK(h.s.is_enabled("UTF8=ACCEPT"));
        const command_id st =
            h.s.submit(wire::status_command{"Entwürfe", {wire::status_attr::messages}});
        CHECK(h.client() == "A5 STATUS \"Entwürfe\" (MESSAGES)\r\n");
        h.server("* STATUS \"Entwürfe\" (MESSAGES 1)\r\nA5 OK\r\n");
        CHECK(std::get<mailbox_status>(h.result(st).data).messages == 1u);
    }

    TEST_CASE("an ALERT reaches the application as such") {
        session_harness h;
        h.server("* OK [ALERT] System shutdown in 10 minutes\r\n");
        REQUIRE(h.all<alert_event>().size() == 1);
        CHECK(h.all<alert_event>()[0].text == "System shutdown in 10 minutes");
    }
}
