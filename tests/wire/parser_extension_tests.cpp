// Known answers for the extension responses: ACL (RFC 4314), QUOTA (RFC
// 9208), METADATA (RFC 5464), XLIST, STATUS with MAILBOXID (RFC 8474),
// response codes on continuation requests and Gmail's labels. Every row is
// checked fed whole and one byte at a time, and its dump compared at every
// two-chunk split (check_every_feeding).
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "parser_test_util.hpp"

using namespace uvimap::wire;
using namespace uvimap::wire::test;

namespace {

struct row {
    std::string bytes;
    std::function<void(const response&)> check;
};

void check_rows(const std::vector<row>& rows) {
    for (const row& r : rows) {
        CAPTURE(r.bytes);
        check_every_feeding(r.bytes, [&](const response& got) {
            CAPTURE(got.error.expected);
            REQUIRE(got.type != response_type::malformed);
            r.check(got);
        });
    }
}

std::vector<std::string> strings(std::span<const string_value> list) {
    std::vector<std::string> out;
    for (const string_value& s : list) {
        out.emplace_back(s.bytes);
    }
    return out;
}

std::vector<std::string> views(std::span<const std::string_view> list) {
    return {list.begin(), list.end()};
}

}  // namespace

TEST_SUITE("parser extensions") {
    TEST_CASE("ACL, LISTRIGHTS and MYRIGHTS (RFC 4314)") {
        check_rows({
            {"* ACL INBOX Fred rwipslxetad -Fred wetd $team w\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::acl);
                 CHECK(r.acl.mailbox.bytes == "INBOX");
                 REQUIRE(r.acl.entries.size() == 3);
                 CHECK(r.acl.entries[0].identifier.bytes == "Fred");
                 CHECK(r.acl.entries[0].rights.bytes == "rwipslxetad");
                 CHECK(r.acl.entries[1].identifier.bytes == "-Fred");
                 CHECK(r.acl.entries[2].rights.bytes == "w");
             }},
            // No identifier/rights pairs at all: the list is empty.
            {"* ACL INBOX\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::acl);
                 CHECK(r.acl.entries.empty());
             }},
            {"* ACL \"Shared Folders/Team\" \"anyone\" \"\"\r\n",
             [](const response& r) {
                 CHECK(r.acl.mailbox.bytes == "Shared Folders/Team");
                 CHECK(r.acl.mailbox.form == string_form::quoted);
                 REQUIRE(r.acl.entries.size() == 1);
                 CHECK(r.acl.entries[0].rights.form == string_form::quoted);
                 CHECK(r.acl.entries[0].rights.bytes.empty());
             }},
            {"* ACL {5}\r\nA\"B\"C fred lr \r\n",
             [](const response& r) {
                 CHECK(r.acl.mailbox.form == string_form::literal);
                 CHECK(r.acl.mailbox.bytes == "A\"B\"C");
                 CHECK(r.acl.entries.size() == 1);
             }},
            {"* LISTRIGHTS ~/Mail/saved smith la r swicdkxte\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::listrights);
                 CHECK(r.listrights.mailbox.bytes == "~/Mail/saved");
                 CHECK(r.listrights.identifier.bytes == "smith");
                 CHECK(r.listrights.required.bytes == "la");
                 CHECK(strings(r.listrights.optional) ==
                       std::vector<std::string>{"r", "swicdkxte"});
             }},
            {"* LISTRIGHTS archive.imap anyone \"\" l r s w i p k x t e c d a 0 1 2 3 4 5 6 7 8 "
             "9\r\n",
             [](const response& r) {
                 CHECK(r.listrights.required.bytes.empty());
                 CHECK(r.listrights.optional.size() == 23);
             }},
            {"* LISTRIGHTS INBOX fred lr\r\n",
             [](const response& r) { CHECK(r.listrights.optional.empty()); }},
            {"* MYRIGHTS \"Other Users/fred\" lrswipkxtecda\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::myrights);
                 CHECK(r.myrights.mailbox.bytes == "Other Users/fred");
                 CHECK(r.myrights.rights.bytes == "lrswipkxtecda");
             }},
        });
    }

    TEST_CASE("QUOTA and QUOTAROOT (RFC 9208)") {
        check_rows({
            {"* QUOTA \"\" (STORAGE 10 512)\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::quota);
                 CHECK(r.quota.root.form == string_form::quoted);
                 CHECK(r.quota.root.bytes.empty());
                 REQUIRE(r.quota.resources.size() == 1);
                 CHECK(r.quota.resources[0].name == "STORAGE");
                 CHECK(r.quota.resources[0].usage == 10);
                 CHECK(r.quota.resources[0].limit == 512);
             }},
            {"* QUOTA \"!partition/sda4\" (STORAGE 104 10923847 MESSAGE 3 100 "
             "ANNOTATION-STORAGE 0 9223372036854775807)\r\n",
             [](const response& r) {
                 REQUIRE(r.quota.resources.size() == 3);
                 CHECK(r.quota.resources[1].name == "MESSAGE");
                 CHECK(r.quota.resources[1].usage == 3);
                 CHECK(r.quota.resources[2].limit == 9223372036854775807ull);
             }},
            // A root that is an atom (Dovecot's `storage=...`), and a root
            // with no limits (Cyrus sends an empty list).
            {"* QUOTA storage=0 ()\r\n",
             [](const response& r) {
                 CHECK(r.quota.root.form == string_form::atom);
                 CHECK(r.quota.root.bytes == "storage=0");
                 CHECK(r.quota.resources.empty());
             }},
            {"* QUOTAROOT INBOX \"\"\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::quotaroot);
                 CHECK(r.quotaroot.mailbox.bytes == "INBOX");
                 REQUIRE(r.quotaroot.roots.size() == 1);
                 CHECK(r.quotaroot.roots[0].bytes.empty());
             }},
            {"* QUOTAROOT comp.mail.mime storage=0 \"user/fred\" {4}\r\nr oo\r\n",
             [](const response& r) {
                 CHECK(strings(r.quotaroot.roots) ==
                       std::vector<std::string>{"storage=0", "user/fred", "r oo"});
                 CHECK(r.quotaroot.roots[2].form == string_form::literal);
             }},
            {"* QUOTAROOT Trash\r\n", [](const response& r) { CHECK(r.quotaroot.roots.empty()); }},
        });
    }

    TEST_CASE("METADATA with values and unsolicited (RFC 5464)") {
        check_rows({
            {"* METADATA INBOX (/private/comment \"My own comment\")\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::metadata);
                 CHECK(r.metadata.with_values);
                 REQUIRE(r.metadata.entries.size() == 1);
                 CHECK(r.metadata.entries[0].name.bytes == "/private/comment");
                 CHECK(r.metadata.entries[0].value.bytes == "My own comment");
             }},
            {"* METADATA \"\" (/shared/comment \"Shared comment\" /private/comment NIL "
             "/shared/admin \"mailto:a@b\")\r\n",
             [](const response& r) {
                 CHECK(r.metadata.mailbox.bytes.empty());
                 REQUIRE(r.metadata.entries.size() == 3);
                 CHECK(r.metadata.entries[1].value.is_nil());
                 CHECK(r.metadata.entries[2].value.bytes == "mailto:a@b");
             }},
            // Literal values, and literals next to each other: an entry name
            // sent as a literal right before its literal value.
            {std::string(
                 bytes_of("* METADATA INBOX (/private/comment {11}\r\nline1\r\nline /shared/x "
                          "~{3}\r\na\0b)\r\n")),
             [](const response& r) {
                 REQUIRE(r.metadata.entries.size() == 2);
                 CHECK(r.metadata.entries[0].value.form == string_form::literal);
                 CHECK(r.metadata.entries[0].value.bytes == "line1\r\nline");
                 CHECK(r.metadata.entries[1].value.form == string_form::binary_literal);
                 CHECK(r.metadata.entries[1].value.bytes == std::string_view("a\0b", 3));
             }},
            {"* METADATA \"\" ({15}\r\n/shared/comment {3}\r\nabc {16}\r\n/private/comment "
             "{0}\r\n)\r\n",
             [](const response& r) {
                 REQUIRE(r.metadata.entries.size() == 2);
                 CHECK(r.metadata.entries[0].name.form == string_form::literal);
                 CHECK(r.metadata.entries[0].name.bytes == "/shared/comment");
                 CHECK(r.metadata.entries[0].value.bytes == "abc");
                 CHECK(r.metadata.entries[1].name.bytes == "/private/comment");
                 CHECK(r.metadata.entries[1].value.form == string_form::literal);
                 CHECK(r.metadata.entries[1].value.size == 0);
             }},
            // The unsolicited form: a mailbox and bare entry names.
            {"* METADATA INBOX /shared/comment /private/comment\r\n",
             [](const response& r) {
                 CHECK_FALSE(r.metadata.with_values);
                 REQUIRE(r.metadata.entries.size() == 2);
                 CHECK(r.metadata.entries[0].name.bytes == "/shared/comment");
                 CHECK(r.metadata.entries[0].value.is_nil());
                 CHECK(r.metadata.entries[1].name.bytes == "/private/comment");
             }},
            {"* METADATA \"\" /shared/vendor/x\r\n",
             [](const response& r) { CHECK(r.metadata.entries.size() == 1); }},
        });
    }

    TEST_CASE("XLIST has LIST's shape (Gmail, Yandex, Zoho)") {
        check_rows({
            {"* XLIST (\\HasNoChildren \\Inbox) \"/\" \"Inbox\"\r\n",
             [](const response& r) {
                 CHECK(r.kind == data_kind::xlist);
                 CHECK(views(r.list.flags) ==
                       std::vector<std::string>{"\\HasNoChildren", "\\Inbox"});
                 CHECK(r.list.delimiter.bytes == "/");
                 CHECK(r.list.mailbox.bytes == "Inbox");
             }},
            {"* XLIST (\\AllMail \\HasNoChildren) \"/\" \"[Gmail]/All Mail\"\r\n",
             [](const response& r) {
                 CHECK(r.list.flags[0] == "\\AllMail");
                 CHECK(r.list.mailbox.bytes == "[Gmail]/All Mail");
             }},
            {"* XLIST (\\Noselect) \"/\" ~/Mail/foo\r\n",
             [](const response& r) {
                 CHECK(r.list.mailbox.form == string_form::atom);
                 CHECK(r.list.mailbox.bytes == "~/Mail/foo");
             }},
            {"* XLIST (\\Noinferiors \\Spam) NIL Spam\r\n",
             [](const response& r) { CHECK(r.list.delimiter.is_nil()); }},
        });
    }

    TEST_CASE("STATUS with MAILBOXID (RFC 8474) and items this parser does not know") {
        check_rows({
            {"* STATUS foo (MAILBOXID (F2212ea87-6097-4256-9d51-71338625))\r\n",
             [](const response& r) {
                 REQUIRE(r.mailbox_status.items.size() == 1);
                 const status_item& i = r.mailbox_status.items[0];
                 CHECK(i.attr == status_attr::mailboxid);
                 CHECK(i.name == "MAILBOXID");
                 CHECK(i.object_id == "F2212ea87-6097-4256-9d51-71338625");
                 CHECK(i.raw == "(F2212ea87-6097-4256-9d51-71338625)");
                 CHECK(i.value == 0);
             }},
            {"* STATUS INBOX (MESSAGES 231 mailboxid (Uabc_12-x) UIDNEXT 44292)\r\n",
             [](const response& r) {
                 REQUIRE(r.mailbox_status.items.size() == 3);
                 CHECK(r.mailbox_status.items[0].value == 231);
                 CHECK(r.mailbox_status.items[0].raw == "231");
                 CHECK(r.mailbox_status.items[1].object_id == "Uabc_12-x");
                 CHECK(r.mailbox_status.items[2].attr == status_attr::uidnext);
                 CHECK(r.mailbox_status.items[2].value == 44292);
             }},
            // An unknown item keeps its value raw, whatever its shape.
            {"* STATUS INBOX (X-LIST (1 (2 \"x\") {3}\r\nabc) X-COUNT 7 X-ATOM abc)\r\n",
             [](const response& r) {
                 REQUIRE(r.mailbox_status.items.size() == 3);
                 CHECK(r.mailbox_status.items[0].attr == status_attr::other);
                 CHECK(r.mailbox_status.items[0].raw == "(1 (2 \"x\") {3}\r\nabc)");
                 CHECK(r.mailbox_status.items[1].value == 7);
                 CHECK(r.mailbox_status.items[2].raw == "abc");
             }},
        });
    }

    TEST_CASE("a continuation request keeps its response code apart from its text") {
        check_rows({
            {"+ [ALERT] idling\r\n",
             [](const response& r) {
                 CHECK(r.type == response_type::continuation);
                 CHECK(r.code.kind == code_kind::alert);
                 CHECK(r.code.name == "ALERT");
                 CHECK(r.text == "idling");
                 CHECK(r.continuation == "[ALERT] idling");
             }},
            {"+ [CAPABILITY IMAP4rev1 IDLE] go ahead\r\n",
             [](const response& r) {
                 CHECK(r.code.kind == code_kind::capability);
                 CHECK(views(r.code.list) == std::vector<std::string>{"IMAP4rev1", "IDLE"});
                 CHECK(r.text == "go ahead");
             }},
            {"+ idling\r\n",
             [](const response& r) {
                 CHECK(r.code.kind == code_kind::none);
                 CHECK(r.text == "idling");
                 CHECK(r.continuation == "idling");
             }},
            {"+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzmeTxuNRgYWh\r\n",
             [](const response& r) {
                 CHECK(r.code.kind == code_kind::none);
                 CHECK(r.text == r.continuation);
             }},
            // A code that does not parse stays text: the request is still one.
            {"+ [UIDNEXT x] go\r\n",
             [](const response& r) {
                 CHECK(r.code.kind == code_kind::none);
                 CHECK(r.text == "[UIDNEXT x] go");
             }},
            {"+ [ALERT never closed\r\n",
             [](const response& r) {
                 CHECK(r.code.kind == code_kind::none);
                 CHECK(r.text == "[ALERT never closed");
             }},
        });
    }

    TEST_CASE("X-GM-LABELS as Gmail sends them, with bracketed names unquoted") {
        check_rows({
            {"* 1 FETCH (X-GM-LABELS ([Gmail]/Sent \\Important) UID 3)\r\n",
             [](const response& r) {
                 REQUIRE(r.fetch.items.size() == 2);
                 CHECK(views(r.fetch.items[0].flags) ==
                       std::vector<std::string>{"[Gmail]/Sent", "\\Important"});
             }},
            {"* 2 FETCH (X-GM-LABELS ([Mailbox] \"[Gmail]/All Mail\" \"\\\\Inbox\" Family))\r\n",
             [](const response& r) {
                 CHECK(views(r.fetch.items[0].flags) ==
                       std::vector<std::string>{"[Mailbox]", "[Gmail]/All Mail", "\\Inbox",
                                                "Family"});
             }},
        });
    }
}
