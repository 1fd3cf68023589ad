// Real-server deviations from the grammar that the parser accepts, one row
// per quirk, each with the server known to send it (see parser.hpp).
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "parser_test_util.hpp"

using namespace uvimap::wire;
using namespace uvimap::wire::test;

namespace {

const body& first_body(const response& r) {
    for (const auto& i : r.fetch.items) {
        if (i.structure != nullptr) {
            return *i.structure;
        }
    }
    static const body none;
    FAIL("no body in response");
    return none;
}

const envelope& first_envelope(const response& r) {
    for (const auto& i : r.fetch.items) {
        if (i.env != nullptr) {
            return *i.env;
        }
    }
    static const envelope none;
    FAIL("no envelope in response");
    return none;
}

}  // namespace

TEST_SUITE("parser quirks") {
    TEST_CASE("each tolerated quirk parses to the intended value") {
        struct row {
            const char* server;
            std::string line;
            std::function<void(const response&)> check;
        };
        const std::vector<row> rows = {
            {"Exchange: -1 body size and line count",
             "* 41 FETCH (BODYSTRUCTURE (\"text\" \"plain\" () NIL NIL \"7bit\" -1 -1 NIL NIL NIL "
             "NIL))\r\n",
             [](const response& r) {
                 CHECK(first_body(r).size == -1);
                 CHECK(first_body(r).lines == -1);
                 CHECK(first_body(r).params.empty());
             }},
            {"imap.qq.com/Exchange: spaces before ')' and the line end",
             "* 43 FETCH (UID 403  FLAGS (\\Seen )  RFC822.SIZE 100 ) \r\n",
             [](const response& r) {
                 REQUIRE(r.fetch.items.size() == 3);
                 CHECK(r.fetch.items[2].number == 100);
             }},
            {"Exchange: trailing space after the last capability",
             "* CAPABILITY IMAP4 IMAP4rev1 LITERAL+ \r\n",
             [](const response& r) { CHECK(r.atoms.size() == 3); }},
            {"Exchange: trailing space in SEARCH", "* SEARCH 1 2 3 \r\n",
             [](const response& r) { CHECK(r.search.numbers.size() == 3); }},
            {"Exchange: disposition as a bare string",
             "* 37 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"ISO-8859-1\") NIL NIL "
             "\"QUOTED-PRINTABLE\" 850 31 NIL \"inline\" NIL NIL))\r\n",
             [](const response& r) {
                 CHECK(first_body(r).disposition.type.bytes == "inline");
                 CHECK(first_body(r).extension_fields == 4);
             }},
            {"mail.ru/Exchange: NIL as a body parameter value",
             "* 40 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" NIL \"format\" "
             "\"flowed\") NIL NIL \"7bit\" 120 4))\r\n",
             [](const response& r) {
                 REQUIRE(first_body(r).params.size() == 2);
                 CHECK(first_body(r).params[0].value.is_nil());
             }},
            {"Exchange: text part without a line count",
             "* 40 FETCH (BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 120 NIL NIL NIL "
             "NIL))\r\n",
             [](const response& r) {
                 CHECK_FALSE(first_body(r).has_lines);
                 CHECK(first_body(r).extension_fields == 4);
             }},
            {"Exchange: message/rfc822 without envelope and body",
             "* 41 FETCH (BODYSTRUCTURE (\"message\" \"rfc822\" (\"name\" \"fwd.eml\") NIL NIL "
             "\"7bit\" 2048 NIL (\"attachment\" NIL) NIL NIL))\r\n",
             [](const response& r) {
                 CHECK(first_body(r).message_envelope == nullptr);
                 CHECK(first_body(r).disposition.type.bytes == "attachment");
             }},
            {"Stalwart/Exchange: spaces between multipart parts",
             "* 1 FETCH (BODY ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1) (\"text\" \"html\" "
             "NIL NIL NIL \"7bit\" 2 1) \"alternative\"))\r\n",
             [](const response& r) { CHECK(first_body(r).parts.size() == 2); }},
            {"Gmail: HIGHESTMODSEQ code without text", "* OK [HIGHESTMODSEQ 987654]\r\n",
             [](const response& r) {
                 CHECK(r.code.number == 987654);
                 CHECK(r.text.empty());
             }},
            {"Gmail: empty multipart with only a subtype",
             "* 3 FETCH (BODY ((\"TEXT\" \"PLAIN\" NIL NIL NIL \"QUOTED-PRINTABLE\" 211 "
             "5)(\"ALTERNATIVE\") \"REPORT\"))\r\n",
             [](const response& r) {
                 REQUIRE(first_body(r).parts.size() == 2);
                 const body& empty = first_body(r).parts[1];
                 CHECK(empty.multipart);
                 CHECK(empty.subtype.bytes == "ALTERNATIVE");
                 CHECK(empty.parts.empty());
             }},
            {"Gmail: empty multipart with extension data",
             "* 2 FETCH (BODYSTRUCTURE ((\"RELATED\" NIL (\"ATTACHMENT\" NIL) NIL) \"MIXED\"))\r\n",
             [](const response& r) {
                 const body& empty = first_body(r).parts[0];
                 CHECK(empty.multipart);
                 CHECK(empty.subtype.bytes == "RELATED");
                 CHECK(empty.disposition.type.bytes == "ATTACHMENT");
             }},
            {"Apple Mail stores: multipart with a NIL type and no parts",
             "* 2 FETCH (BODYSTRUCTURE (NIL \"alternative\" (\"boundary\" \"x\") NIL NIL NIL))\r\n",
             [](const response& r) {
                 CHECK(first_body(r).multipart);
                 CHECK(first_body(r).subtype.bytes == "alternative");
                 CHECK(first_body(r).params.size() == 1);
             }},
            {"iCloud: unescaped quotes in envelope strings",
             "* 1 FETCH (ENVELOPE (\"d\" \"Re: \"quoted\" subject\" ((\"Jane \"JJ\" Doe\" NIL "
             "\"jane\" \"icloud.com\")) NIL NIL NIL NIL NIL NIL \"<x@icloud.com>\"))\r\n",
             [](const response& r) {
                 CHECK(first_envelope(r).subject.bytes == "Re: \"quoted\" subject");
                 CHECK(first_envelope(r).from[0].name.bytes == "Jane \"JJ\" Doe");
                 CHECK(first_envelope(r).message_id.bytes == "<x@icloud.com>");
             }},
            {"iCloud: an unescaped quote followed by a word that looks like NIL",
             "* 2 FETCH (ENVELOPE (\"d\" \"The \"NIL\" trick\" NIL NIL NIL NIL NIL NIL NIL "
             "NIL))\r\n",
             [](const response& r) {
                 CHECK(first_envelope(r).subject.bytes == "The \"NIL\" trick");
             }},
            {"Dovecot/Exchange: FETCH with no items", "* 42 FETCH ()\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::fetch);
                 CHECK(r.number == 42);
                 CHECK(r.fetch.items.empty());
             }},
            {"iCloud: untagged status with nothing after", "* OK\r\n",
             [](const response& r) {
                 CHECK(r.status == status_kind::ok);
                 CHECK(r.text.empty());
             }},
            {"ppops.net: tagged OK with nothing after", "a1 OK\r\n",
             [](const response& r) {
                 CHECK(r.tag == "a1");
                 CHECK(r.status == status_kind::ok);
             }},
            {"small servers: tagged NO with a trailing space only", "a2 NO \r\n",
             [](const response& r) { CHECK(r.status == status_kind::no); }},
            {"lowercase keywords (case-insensitive grammar)",
             "* 5 fetch (uid 7 flags (\\seen) rfc822.size 12)\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::fetch);
                 REQUIRE(r.fetch.items.size() == 3);
                 CHECK(r.fetch.items[0].kind == fetch_item_kind::uid);
                 CHECK(r.fetch.items[2].kind == fetch_item_kind::rfc822_size);
             }},
            {"lowercase status and code", "* ok [uidnext 5] fine\r\n",
             [](const response& r) {
                 CHECK(r.status == status_kind::ok);
                 CHECK(r.code.kind == code_kind::uidnext);
                 CHECK(r.code.number == 5);
             }},
            {"double spaces between tokens", "* LIST  (\\HasNoChildren)  \"/\"  INBOX\r\n",
             [](const response& r) { CHECK(r.list.mailbox.bytes == "INBOX"); }},
            {"Gmail: X-GM-LABELS with bracketed names unquoted",
             "* 7 FETCH (X-GM-LABELS ([Gmail]/Sent \\Important [Mailbox]))\r\n",
             [](const response& r) {
                 REQUIRE(r.fetch.items[0].flags.size() == 3);
                 CHECK(r.fetch.items[0].flags[0] == "[Gmail]/Sent");
                 CHECK(r.fetch.items[0].flags[2] == "[Mailbox]");
             }},
            {"Gmail/Yandex/Zoho: XLIST with \\Inbox and \\AllMail",
             "* XLIST (\\AllMail \\HasNoChildren) \"/\" \"[Gmail]/All Mail\"\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::xlist);
                 CHECK(r.list.mailbox.bytes == "[Gmail]/All Mail");
             }},
            {"Cyrus: QUOTA with an empty resource list", "* QUOTA user.fred ()\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::quota);
                 CHECK(r.quota.resources.empty());
             }},
            {"Dovecot: a quota root sent as an atom",
             "* QUOTA storage=1024000.0000 (STORAGE 538567 1024000)\r\n",
             [](const response& r) {
                 CHECK(r.quota.root.bytes == "storage=1024000.0000");
                 CHECK(r.quota.resources[0].limit == 1024000);
             }},
            {"unknown STATUS item with a parenthesised value, kept raw",
             "* STATUS INBOX (X-FUTURE (a b) MESSAGES 1)\r\n",
             [](const response& r) {
                 REQUIRE(r.mailbox_status.items.size() == 2);
                 CHECK(r.mailbox_status.items[0].raw == "(a b)");
             }},
            {"a continuation whose response code does not parse keeps it as text",
             "+ [UIDNEXT soon] go ahead\r\n",
             [](const response& r) {
                 CHECK(r.type == response_type::continuation);
                 CHECK(r.text == "[UIDNEXT soon] go ahead");
             }},
            {"Exchange: a LIST mailbox name with unquoted tabs",
             "* LIST (\\HasNoChildren) \"/\" INBOX/Da\tOggetto\r\n",
             [](const response& r) { CHECK(r.list.mailbox.bytes == "INBOX/Da\tOggetto"); }},
            {"a LIST mailbox name that runs into ()",
             "* LIST (\\NoInferiors) \"/\" Root/Folder/Subfolder()\r\n",
             [](const response& r) { CHECK(r.list.mailbox.bytes == "Root/Folder/Subfolder()"); }},
            {"bare LF line ends", "* 1 FETCH (UID 1 BODY[] {2}\nab)\n",
             [](const response& r) { CHECK(r.fetch.items[1].value.bytes == "ab"); }},
        };
        parser p;
        for (const auto& r : rows) {
            CAPTURE(r.server);
            const response& got = parse_one(p, r.line);
            if (got.type == response_type::malformed) {
                CAPTURE(got.error.offset);
                CAPTURE(got.error.expected);
                FAIL_CHECK("parsed as malformed");
                continue;
            }
            r.check(got);
        }
    }

    TEST_CASE("NUL bytes before a response are skipped") {
        parser p;
        p.feed(bytes_of("\0\0\0* 3 EXISTS\r\n"));
        REQUIRE(p.next() == parse_status::ready);
        CHECK(p.current().kind == data_kind::exists);
        CHECK(p.current().offset == 3);
    }
}
