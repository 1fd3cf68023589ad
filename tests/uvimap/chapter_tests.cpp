// The chapter's programs as uvimap subcommands, against the Dovecot fixture:
// the outputs the book shows, byte for byte where the book's mailbox is
// loaded, and browse driven through a pipe.

#include <doctest/doctest.h>

#include "support/skip.hpp"
#include "uvimap_cli.hpp"

using namespace uvimap::test;

namespace {

// DESIGN.md's block: folder_summary.py on the book's sample mailbox.
constexpr const char* book_summary =
    "1 Administrator <admin@mail.example.com>\n"
    "   We are happy that you have chosen to use example.com's indus ...\n"
    "2 Administrator <admin@mail.example.com>\n"
    "   Administrator e-mails are sent as plain ASCII without MIME o ...\n"
    "3 Test Sender <sender@example.com>\n"
    "  Parts: multipart/alternative text/plain\n";

// tests/dovecot/README.md: the same for our own sample mailbox (alice).
constexpr const char* alice_summary =
    "1 Postmaster <postmaster@mail.example.org>\n"
    "   Thank you for signing up with example.org's friendly neighbo ...\n"
    "2 Postmaster <postmaster@mail.example.org>\n"
    "   Notices from the postmaster are written as plain text with n ...\n"
    "3 Carol Writer <carol@example.org>\n"
    "  Parts: multipart/alternative text/plain\n";

}  // namespace

TEST_SUITE("uvimap: the chapter's programs") {
    TEST_CASE("summary of the book's mailbox prints the chapter's block, byte for byte") {
        const dovecot_fixture fx = dovecot_fixture::require();
        if (!fx.book_mailbox) {
            report_skip("../shared/fixtures/sample-mbox was not there when Dovecot started");
            return;
        }
        const process_result r = run_over_tls(
            fx, std::vector<std::string>{"summary", fx.host, "brandon", "INBOX"}, "abc123\n");
        CHECK(r.err == "");
        CHECK(r.exit_status == 0);
        CHECK(r.out == book_summary);
    }

    TEST_CASE("summary of our own sample mailbox") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_over_tls(
            fx, std::vector<std::string>{"summary", fx.host, "alice", "INBOX"}, "wonderland\n");
        CHECK(r.err == "");
        CHECK(r.exit_status == 0);
        CHECK(r.out == alice_summary);
    }

    TEST_CASE("summary of an empty folder prints nothing and succeeds") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_over_tls(
            fx, std::vector<std::string>{"summary", fx.host, "empty", "INBOX"}, "empty\n");
        CHECK(r.exit_status == 0);
        CHECK(r.out == "");
    }

    TEST_CASE("list prints the capabilities as a Python tuple, then the mailboxes as the book") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r =
            run_over_tls(fx, std::vector<std::string>{"list", fx.host, "brandon"}, "abc123\n");
        CHECK(r.exit_status == 0);
        CHECK(r.out.starts_with("Capabilities: ('IMAP4REV1', "));
        CHECK(r.out.find("'IDLE'") != std::string::npos);
        CHECK(
            r.out.ends_with("')\nListing mailboxes:\n  \\HasNoChildren                / INBOX\n"));
    }

    TEST_CASE("status opens the folder read-only and prints its data, keys sorted") {
        const dovecot_fixture fx = dovecot_fixture::require();
        if (!fx.book_mailbox) {
            report_skip("../shared/fixtures/sample-mbox was not there when Dovecot started");
            return;
        }
        const process_result r = run_over_tls(
            fx, std::vector<std::string>{"status", fx.host, "brandon", "INBOX"}, "abc123\n");
        CHECK(r.exit_status == 0);
        // The book's folder_info.py output, but for UIDNEXT (the book's server
        // had seen more messages) and NOMODSEQ (Dovecot keeps mod-sequences).
        CHECK(r.out ==
              "EXISTS: 3\n"
              "FLAGS: ('\\\\Answered', '\\\\Flagged', '\\\\Deleted', '\\\\Seen', '\\\\Draft')\n"
              "PERMANENTFLAGS: ()\n"
              "READ-ONLY: ['']\n"
              "RECENT: 0\n"
              "UIDNEXT: 4\n"
              "UIDVALIDITY: 1414010141\n"
              "UNSEEN: ['1']\n");
    }

    TEST_CASE("status of a folder whose name is not ASCII, as typed in UTF-8") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_over_tls(
            fx, std::vector<std::string>{"status", fx.host, "alice", "Entwürfe"}, "wonderland\n");
        CHECK(r.exit_status == 0);
        CHECK(r.out.starts_with("EXISTS: 1\n"));
    }

    TEST_CASE("status of a folder that does not exist: the server's NO, exit status 1") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r = run_over_tls(
            fx, std::vector<std::string>{"status", fx.host, "alice", "Nowhere"}, "wonderland\n");
        CHECK(r.exit_status == 1);
        CHECK(r.out == "");
        CHECK(r.err.starts_with("uvimap: imap_no: "));
        CHECK(r.err.find("Mailbox doesn't exist: Nowhere") != std::string::npos);

        // The connection is still good after a NO: it ends with LOGOUT.
        const process_result traced = run_over_tls(
            fx, std::vector<std::string>{"status", fx.host, "alice", "Nowhere", "--trace"},
            "wonderland\n");
        CHECK(traced.exit_status == 1);
        CHECK(traced.err.find(" LOGOUT\n") != std::string::npos);
        CHECK(traced.err.find("S: * BYE") != std::string::npos);
    }
}

TEST_SUITE("uvimap: browse") {
    TEST_CASE("browse through a pipe: folders, a folder, a message, a part, and back up") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r =
            run_over_tls(fx, std::vector<std::string>{"browse", fx.host, "alice"},
                         "wonderland\nINBOX\n3\n1.2\nq\nq\nq\n");
        CHECK(r.err == "");
        CHECK(r.exit_status == 0);
        const std::string expected =
            "\n"
            "Archive                        \\HasNoChildren \\UnMarked \\Archive\n"
            "Entwürfe                       \\HasNoChildren \\UnMarked \\Drafts\n"
            "INBOX                          \\HasNoChildren\n"
            "\n"
            "Type a folder name, or \"q\" to quit: INBOX\n"
            "\n"
            "     1   2024-01-06 09:30:00     413 bytes\n"
            "       From: Postmaster <postmaster@mail.example.org>\n"
            "       Subject: Your new mailbox is ready\n"
            "     2   2024-02-01 14:45:00     444 bytes\n"
            "       From: Postmaster <postmaster@mail.example.org>\n"
            "       Subject: How we send notices\n"
            "     3   2024-02-02 16:20:00    1035 bytes\n"
            "       From: Carol Writer <carol@example.org>\n"
            "       Subject: Notes from the reading group\n"
            "\n"
            "Folder INBOX - type a message UID, or \"q\" to quit: 3\n"
            "\n"
            "Flags: none\n"
            "Structure:\n"
            "  HEADER\n"
            "  TEXT      multipart/mixed\n"
            "  1         multipart/alternative\n"
            "  1.1       text/html size=105\n"
            "  1.2       text/plain size=70\n"
            "  2         text/plain size=35 attachment filename=\"notes.txt\"\n"
            "\n"
            "Message 3 - type a part name, or \"q\" to quit: 1.2\n"
            "\n"
            "------------------------------------------------------------------------\n"
            "Hi Alice,\n"
            "Here are my notes from Thursday's reading group.\n"
            "- Carol\n"
            "------------------------------------------------------------------------\n";
        // \UnMarked comes and goes with Dovecot's own bookkeeping: compare
        // the folder list without it.
        std::string out = r.out;
        for (std::size_t at; (at = out.find(" \\UnMarked")) != std::string::npos;) {
            out.erase(at, 10);
        }
        std::string want = expected;
        for (std::size_t at; (at = want.find(" \\UnMarked")) != std::string::npos;) {
            want.erase(at, 10);
        }
        CHECK(out.substr(0, want.size()) == want);
        CHECK(out.ends_with("Type a folder name, or \"q\" to quit: q\n"));
    }

    TEST_CASE("browse says what is wrong with a reply and asks again") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r =
            run_over_tls(fx, std::vector<std::string>{"browse", fx.host, "alice"},
                         "wonderland\nNowhere\nINBOX\nthree\n99\n3\n7\n1.x\nHEADER\nq\nq\nq\n");
        CHECK(r.exit_status == 0);
        CHECK(r.out.find("Error: no folder named 'Nowhere'\n") != std::string::npos);
        CHECK(r.out.find("Please type a message UID or \"q\" to quit\n") != std::string::npos);
        CHECK(r.out.find("Error: no message with UID 99 in this folder\n") != std::string::npos);
        CHECK(r.out.find("quit: 7\n\n(No such section)\n") != std::string::npos);
        CHECK(r.out.find("Error: no part named '1.x'") != std::string::npos);
        CHECK(r.out.find("Subject: Notes from the reading group\nDate: ") != std::string::npos);
    }

    TEST_CASE("browse: the end of the input quits from anywhere, and a non-ASCII folder opens") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r =
            run_over_tls(fx, std::vector<std::string>{"browse", fx.host, "alice"},
                         "wonderland\nentwürfe\nEntwürfe\n1\n1");
        CHECK(r.exit_status == 0);
        CHECK(r.out.find("Error: no folder named 'entwürfe'\n") != std::string::npos);
        CHECK(r.out.find("       Subject: Grüße und Tee\n") != std::string::npos);
        CHECK(r.out.find("Folder Entwürfe - type a message UID") != std::string::npos);
        CHECK(r.out.ends_with(
            "------------------------------------------------------------------------\n"
            "\nFlags: \\Seen \\Draft\nStructure:\n  HEADER\n"
            "  TEXT      text/plain size=114\n\n"
            "Message 1 - type a part name, or \"q\" to quit: \n"));
    }

    TEST_CASE("browse with a wrong password fails like the other subcommands") {
        const dovecot_fixture fx = dovecot_fixture::require();
        const process_result r =
            run_over_tls(fx, std::vector<std::string>{"browse", fx.host, "alice"}, "nope\nINBOX\n");
        CHECK(r.exit_status == 1);
        CHECK(r.err.starts_with("uvimap: imap_authentication_failed: "));
    }
}
