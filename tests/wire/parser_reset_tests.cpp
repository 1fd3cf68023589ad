// The grammar reuses one response struct and, for speed, clears only the
// members the previous response can have set. These cases check that nothing
// leaks over: every kind of response with as many members set as it can have,
// followed by every minimal response, must give the same dump as the minimal
// response parsed by a fresh parser.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parser_test_util.hpp"

using namespace uvimap::wire;
using namespace uvimap::wire::test;

namespace {

// Responses with many members set, one or more of every response type, data
// kind and response code kind, plus malformed ones.
const std::vector<std::string>& rich_responses() {
    static const std::vector<std::string> r = {
        "a1 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
        "a2 NO [APPENDUID 38505 3955] Appended\r\n",
        "a3 BAD [PARSE] Bad syntax\r\n",
        "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
        "* NO [BADCHARSET (UTF-8 US-ASCII)] No such charset\r\n",
        "* OK [CAPABILITY IMAP4rev1 IDLE LITERAL+] Hello\r\n",
        "* OK [UIDNEXT 4392] Predicted next UID\r\n",
        "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
        "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n",
        "* OK [X-SOMETHING foo bar] Unknown code\r\n",
        "* BYE [ALERT] Going away\r\n",
        "* PREAUTH [READ-WRITE] Logged in\r\n",
        "+ Ready for additional command text\r\n",
        "* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN IDLE\r\n",
        "* ENABLED CONDSTORE QRESYNC\r\n",
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n",
        "* ID (\"name\" \"Dovecot\" \"version\" \"2.3\")\r\n",
        "* NAMESPACE ((\"\" \"/\")) ((\"Other Users/\" \"/\")) ((\"Shared/\" \"/\"))\r\n",
        "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX/Sent\" (\"CHILDINFO\" "
        "(\"SUBSCRIBED\"))\r\n",
        "* LSUB (\\Noselect) \".\" \"#news.comp\"\r\n",
        "* STATUS INBOX (MESSAGES 231 UIDNEXT 44292 UNSEEN 3)\r\n",
        "* SEARCH 2 84 882 (MODSEQ 917162500)\r\n",
        "* SORT 5 3 4 1 2\r\n",
        "* ESEARCH (TAG \"A282\") UID MIN 2 MAX 11 COUNT 3 ALL 2,10:11\r\n",
        "* VANISHED (EARLIER) 41,43:116,118\r\n",
        "* XLIST (\\HasNoChildren \\Inbox) \"/\" Inbox (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n",
        "* STATUS INBOX (MESSAGES 2 MAILBOXID (F2212ea8) X-NEW (1 2))\r\n",
        "* ACL INBOX fred rwipslxetad -fred wetd\r\n",
        "* LISTRIGHTS INBOX smith la r swicdkxte\r\n",
        "* MYRIGHTS INBOX rwiptsldaex\r\n",
        "* QUOTA \"\" (STORAGE 10 512 MESSAGE 1 100)\r\n",
        "* QUOTAROOT INBOX \"\" storage=0\r\n",
        "* METADATA INBOX (/private/comment {3}\r\nabc /shared/comment NIL)\r\n",
        "* METADATA INBOX /shared/comment /private/comment\r\n",
        "+ [CAPABILITY IMAP4rev1 IDLE] idling\r\n",
        "* 23 EXISTS\r\n",
        "* 5 RECENT\r\n",
        "* 44 EXPUNGE\r\n",
        "* 7 XNUMBERED something\r\n",
        "* XUNKNOWN some data\r\n",
        "* 12 FETCH (UID 4827 FLAGS (\\Seen \\Answered) INTERNALDATE "
        "\"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 MODSEQ (12121) "
        "ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700\" \"Subject \\\"x\\\"\" "
        "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) NIL NIL "
        "((NIL NIL \"imap\" \"cac.washington.edu\")) NIL NIL \"<a@b>\" \"<c@d>\") "
        "BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" "
        "1152 23) (\"APPLICATION\" \"PDF\" (\"NAME\" \"a.pdf\") \"<id>\" \"desc\" "
        "\"BASE64\" 4554 \"md5\" (\"ATTACHMENT\" (\"FILENAME\" \"a.pdf\")) \"EN\" "
        "\"loc\") \"MIXED\" (\"BOUNDARY\" \"x\") NIL NIL) "
        "BODY[HEADER.FIELDS (From)]<0> {5}\r\nhello X-GM-LABELS (\\Inbox \"a b\") "
        "X-GM-MSGID 1278455344230334865 X-UNKNOWN-ITEM (a b))\r\n",
        // Malformed at several depths.
        "* 1 FETCH (UID x)\r\n",
        "a9 MAYBE\r\n",
        "* OK [UIDNEXT abc] bad\r\n",
        "* LIST (\\Noselect) \"/\" \r\n",
    };
    return r;
}

// Responses that set as little as each kind allows.
const std::vector<std::string>& minimal_responses() {
    static const std::vector<std::string> r = {
        "a1 OK\r\n",
        "a2 NO x\r\n",
        "* OK\r\n",
        "* BYE\r\n",
        "+\r\n",
        "* 1 EXISTS\r\n",
        "* 0 RECENT\r\n",
        "* 1 EXPUNGE\r\n",
        "* CAPABILITY IMAP4rev1\r\n",
        "* ENABLED\r\n",
        "* FLAGS ()\r\n",
        "* ID NIL\r\n",
        "* NAMESPACE NIL NIL NIL\r\n",
        "* LIST () NIL x\r\n",
        "* LSUB () NIL x\r\n",
        "* STATUS x ()\r\n",
        "* SEARCH\r\n",
        "* ESEARCH\r\n",
        "* VANISHED 1\r\n",
        "* XLIST () NIL x\r\n",
        "* ACL x\r\n",
        "* LISTRIGHTS x y z\r\n",
        "* MYRIGHTS x y\r\n",
        "* QUOTA x ()\r\n",
        "* QUOTAROOT x\r\n",
        "* METADATA x y\r\n",
        "+ x\r\n",
        "* 1 FETCH ()\r\n",
        "* 1 FETCH (UID 1)\r\n",
        "* X\r\n",
        "* 1 FETCH (\r\n",
    };
    return r;
}

// The dump of the first response of `bytes`, from a fresh parser, fed at
// stream offset `offset` (so that offsets in the dump match).
std::string fresh(const std::string& padding, const std::string& bytes) {
    parser p;
    p.feed(padding);
    p.feed(bytes);
    // The padding is NUL bytes, which the framer drops between responses.
    REQUIRE(p.next() == parse_status::ready);
    return describe(p.current());
}

}  // namespace

TEST_SUITE("parser reset between responses") {
    TEST_CASE("every data kind is walked: k_data_kinds lists them all") {
        // The every-member dump walks the members of each kind in
        // k_data_kinds; a kind missing there would hide its leftovers.
        std::size_t named = 0;
        for (int k = 0; k < 256; ++k) {
            named += to_string(static_cast<data_kind>(k)) != "unknown" ? 1 : 0;
        }
        CHECK(named == std::size(k_data_kinds));
    }

    TEST_CASE("the rich responses parse as intended") {
        for (const auto& rich : rich_responses()) {
            CAPTURE(rich);
            parser p;
            p.feed(rich);
            REQUIRE(p.next() == parse_status::ready);
            const bool expect_malformed = rich.rfind("* 1 FETCH (UID x", 0) == 0 ||
                                          rich.rfind("a9 ", 0) == 0 ||
                                          rich.rfind("* OK [UIDNEXT abc", 0) == 0 ||
                                          rich.rfind("* LIST (\\Noselect) \"/\" \r", 0) == 0;
            CHECK((p.current().type == response_type::malformed) == expect_malformed);
        }
    }

    TEST_CASE("nothing of a response leaks into the next") {
        for (const auto& rich : rich_responses()) {
            const std::string padding(rich.size(), '\0');
            for (const auto& minimal : minimal_responses()) {
                CAPTURE(rich);
                CAPTURE(minimal);
                parser p;
                p.feed(rich);
                p.feed(minimal);
                REQUIRE(p.next() == parse_status::ready);
                REQUIRE(p.next() == parse_status::ready);
                CHECK(describe(p.current()) == fresh(padding, minimal));
            }
        }
    }

    TEST_CASE("a response after a minimal one is parsed as by a fresh parser") {
        for (const auto& minimal : minimal_responses()) {
            const std::string padding(minimal.size(), '\0');
            for (const auto& rich : rich_responses()) {
                CAPTURE(minimal);
                CAPTURE(rich);
                parser p;
                p.feed(minimal);
                p.feed(rich);
                REQUIRE(p.next() == parse_status::ready);
                REQUIRE(p.next() == parse_status::ready);
                CHECK(describe(p.current()) == fresh(padding, rich));
            }
        }
    }
}
