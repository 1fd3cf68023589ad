// What Cyrus and Courier answer where Dovecot answers differently, replayed
// from interop runs against the real servers (Debian 12's Cyrus 3.6 and
// Courier-IMAP 5.0), for what the Dovecot fixture cannot show.

#include <doctest/doctest.h>

#include "scripted_imap.hpp"
#include "uvimap_cli.hpp"

using namespace uvimap::test;

namespace {

// Runs `SUBCOMMAND ... INBOX` (text, then --json) against a server that
// answers EXAMINE with `examine_answer` and UID FETCH with `fetch_answer`
// (tagged completions excluded).
std::pair<process_result, process_result> run_against(const std::string& subcommand,
                                                      const std::string& examine_answer,
                                                      const std::string& fetch_answer = "") {
    const auto script = [&](scripted_peer& peer, unsigned) {
        serve_imap(
            peer, plain_greeting,
            [&](const std::string& tag, const std::string& command) -> std::optional<std::string> {
                if (command.starts_with("EXAMINE ")) {
                    return examine_answer + tag + " OK [READ-ONLY] Completed\r\n";
                }
                if (command.starts_with("UID FETCH ")) {
                    return fetch_answer + tag + " OK Completed\r\n";
                }
                return std::nullopt;
            });
    };
    thread_server server(script, 2);
    const std::vector<std::string> args = {subcommand, "127.0.0.1",
                                           "alice",    "INBOX",
                                           "--plain",  "--allow-plaintext-login",
                                           "--port",   std::to_string(server.port())};
    process_result text = run_uvimap(args, "pw\n");
    process_result json = run_uvimap(args + std::vector<std::string>{"--json"}, "pw\n");
    return {text, json};
}

}  // namespace

TEST_SUITE("uvimap: other servers") {
    TEST_CASE("status prints Cyrus's own codes as imaplib keeps them") {
        const auto [text, json] = run_against(
            "status",
            "* 1 EXISTS\r\n* 1 RECENT\r\n* FLAGS (\\Answered \\Flagged \\Draft \\Deleted "
            "\\Seen)\r\n"
            "* OK [PERMANENTFLAGS ()] Ok\r\n* OK [UIDVALIDITY 1796626011] Ok\r\n"
            "* OK [UIDNEXT 2] Ok\r\n* OK [HIGHESTMODSEQ 2] Ok\r\n"
            "* OK [MAILBOXID (p049mxnsmt7jrk87zg9v8yhh)] Ok\r\n* OK [URLMECH INTERNAL] Ok\r\n"
            "* OK [ANNOTATIONS 65536] Ok\r\n");
        CHECK(text.exit_status == 0);
        CHECK(text.out ==
              "ANNOTATIONS: ['65536']\n"
              "EXISTS: 1\n"
              "FLAGS: ('\\\\Answered', '\\\\Flagged', '\\\\Draft', '\\\\Deleted', '\\\\Seen')\n"
              "HIGHESTMODSEQ: 2\n"
              "MAILBOXID: ['(p049mxnsmt7jrk87zg9v8yhh)']\n"
              "PERMANENTFLAGS: ()\n"
              "READ-ONLY: ['']\n"
              "RECENT: 1\n"
              "UIDNEXT: 2\n"
              "UIDVALIDITY: 1796626011\n"
              "URLMECH: ['INTERNAL']\n");
        CHECK(json.exit_status == 0);
        CHECK(json.out.find("\"other_codes\":{\"ANNOTATIONS\":[\"65536\"],\"MAILBOXID\":[\"("
                            "p049mxnsmt7jrk87zg9v8yhh)\"],\"URLMECH\":[\"INTERNAL\"]}") !=
              std::string::npos);
    }

    TEST_CASE("status of a Courier folder: its rights, and no UIDNEXT or UNSEEN") {
        const auto [text, json] =
            run_against("status",
                        "* FLAGS (\\Draft \\Answered \\Flagged \\Deleted \\Seen \\Recent)\r\n"
                        "* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n* 3 EXISTS\r\n"
                        "* 0 RECENT\r\n* OK [UIDVALIDITY 796626017] Ok\r\n"
                        "* OK [MYRIGHTS \"acdilrsw\"] ACL\r\n");
        CHECK(text.exit_status == 0);
        CHECK(text.out ==
              "EXISTS: 3\n"
              "FLAGS: ('\\\\Draft', '\\\\Answered', '\\\\Flagged', '\\\\Deleted', '\\\\Seen', "
              "'\\\\Recent')\n"
              "MYRIGHTS: ['\"acdilrsw\"']\n"
              "PERMANENTFLAGS: ()\n"
              "READ-ONLY: ['']\n"
              "RECENT: 0\n"
              "UIDVALIDITY: 796626017\n");
        CHECK(json.out.find("\"uidnext\":null") != std::string::npos);
        CHECK(json.out.find("\"other_codes\":{\"MYRIGHTS\":[\"\\\"acdilrsw\\\"\"]}") !=
              std::string::npos);
    }

    TEST_CASE("a message without From: None, as the chapter's script prints it") {
        // Cyrus's ENVELOPE for a message that has no From header.
        const auto [text, json] =
            run_against("summary", "* 1 EXISTS\r\n* OK [UIDVALIDITY 7] Ok\r\n",
                        "* 1 FETCH (UID 5 ENVELOPE (NIL \"no From at all\" NIL NIL NIL NIL NIL NIL "
                        "NIL NIL) BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL "
                        "NIL \"7bit\" 5 1 NIL NIL NIL NIL) BODY[1]<0> {5}\r\nHello)\r\n");
        CHECK(text.exit_status == 0);
        CHECK(text.out == "5 None\n   Hello ...\n");
        CHECK(json.out.find("{\"uid\":5,\"from\":null,\"text\":\"Hello\"}") != std::string::npos);
    }
}
