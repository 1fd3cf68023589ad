// Known answers: responses from RFC 3501/9051 and real servers, field by field.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parser_test_util.hpp"

using namespace uvimap::wire;
using namespace uvimap::wire::test;

namespace {

std::vector<std::string> strs(std::span<const std::string_view> list) {
    return {list.begin(), list.end()};
}

const fetch_item* item(const response& r, fetch_item_kind kind) {
    for (const auto& i : r.fetch.items) {
        if (i.kind == kind) {
            return &i;
        }
    }
    return nullptr;
}

}  // namespace

TEST_SUITE("parser known answers") {
    TEST_CASE("status responses carry status, tag, code and text") {
        struct row {
            std::string line;
            response_type type;
            std::string tag;
            status_kind status;
            code_kind code;
            std::string code_name;
            std::string raw_args;
            std::uint64_t number;
            std::string text;
        };
        const std::vector<row> rows = {
            {"* OK IMAP4rev1 Service Ready\r\n", response_type::untagged, "", status_kind::ok,
             code_kind::none, "", "", 0, "IMAP4rev1 Service Ready"},
            {"* PREAUTH IMAP4rev1 server logged in as Smith\r\n", response_type::untagged, "",
             status_kind::preauth, code_kind::none, "", "", 0,
             "IMAP4rev1 server logged in as Smith"},
            {"* BYE Autologout; idle for too long\r\n", response_type::untagged, "",
             status_kind::bye, code_kind::none, "", "", 0, "Autologout; idle for too long"},
            {"a002 OK [READ-WRITE] SELECT completed\r\n", response_type::tagged, "a002",
             status_kind::ok, code_kind::read_write, "READ-WRITE", "", 0, "SELECT completed"},
            {"A004 NO [TRYCREATE] No such mailbox\r\n", response_type::tagged, "A004",
             status_kind::no, code_kind::trycreate, "TRYCREATE", "", 0, "No such mailbox"},
            {"A006 BAD [PARSE] Missing ')'\r\n", response_type::tagged, "A006", status_kind::bad,
             code_kind::parse, "PARSE", "", 0, "Missing ')'"},
            {"* OK [ALERT] System shutdown in 10 minutes\r\n", response_type::untagged, "",
             status_kind::ok, code_kind::alert, "ALERT", "", 0, "System shutdown in 10 minutes"},
            {"* OK [UIDNEXT 4392] Predicted next UID\r\n", response_type::untagged, "",
             status_kind::ok, code_kind::uidnext, "UIDNEXT", "4392", 4392, "Predicted next UID"},
            {"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n", response_type::untagged, "",
             status_kind::ok, code_kind::uidvalidity, "UIDVALIDITY", "3857529045", 3857529045,
             "UIDs valid"},
            {"* OK [UNSEEN 17] Message 17 is the first unseen message\r\n", response_type::untagged,
             "", status_kind::ok, code_kind::unseen, "UNSEEN", "17", 17,
             "Message 17 is the first unseen message"},
            {"* OK [HIGHESTMODSEQ 715194045007] Highest\r\n", response_type::untagged, "",
             status_kind::ok, code_kind::highestmodseq, "HIGHESTMODSEQ", "715194045007",
             715194045007, "Highest"},
            {"* OK [NOMODSEQ] No modseqs\r\n", response_type::untagged, "", status_kind::ok,
             code_kind::nomodseq, "NOMODSEQ", "", 0, "No modseqs"},
            {"* OK [CLOSED] Previous mailbox closed\r\n", response_type::untagged, "",
             status_kind::ok, code_kind::closed, "CLOSED", "", 0, "Previous mailbox closed"},
            {"a1 NO [NONEXISTENT] Mailbox doesn't exist: Nope\r\n", response_type::tagged, "a1",
             status_kind::no, code_kind::other, "NONEXISTENT", "", 0,
             "Mailbox doesn't exist: Nope"},
            {"a1 NO [X-WEIRD some (args) here] Text [with] brackets\r\n", response_type::tagged,
             "a1", status_kind::no, code_kind::other, "X-WEIRD", "some (args) here", 0,
             "Text [with] brackets"},
            {"* OK [READ-ONLY] \r\n", response_type::untagged, "", status_kind::ok,
             code_kind::read_only, "READ-ONLY", "", 0, ""},
        };
        parser p;
        for (const auto& r : rows) {
            CAPTURE(r.line);
            const response& got = parse_one(p, r.line);
            CHECK(got.type == r.type);
            CHECK(got.tag == r.tag);
            CHECK(got.status == r.status);
            CHECK(got.code.kind == r.code);
            CHECK(got.code.name == r.code_name);
            CHECK(got.code.raw_args == r.raw_args);
            CHECK(got.code.number == r.number);
            CHECK(got.text == r.text);
            CHECK(got.kind == data_kind::none);
        }
    }

    TEST_CASE("response codes with lists and UID sets are parsed") {
        parser p;
        const response& cap =
            parse_one(p, "* OK [CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI] Server ready\r\n");
        CHECK(cap.code.kind == code_kind::capability);
        CHECK(strs(cap.code.list) ==
              std::vector<std::string>{"IMAP4rev2", "STARTTLS", "AUTH=GSSAPI"});
        CHECK(cap.text == "Server ready");

        const response& perm =
            parse_one(p, "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n");
        CHECK(perm.code.kind == code_kind::permanentflags);
        CHECK(strs(perm.code.list) == std::vector<std::string>{"\\Deleted", "\\Seen", "\\*"});

        const response& empty_perm = parse_one(p, "* OK [PERMANENTFLAGS ()] Permanent flags\r\n");
        CHECK(empty_perm.code.kind == code_kind::permanentflags);
        CHECK(empty_perm.code.list.empty());

        const response& charset =
            parse_one(p, "A005 NO [BADCHARSET (UTF-8 \"ISO-8859-1\")] not supported\r\n");
        CHECK(charset.code.kind == code_kind::badcharset);
        CHECK(strs(charset.code.list) == std::vector<std::string>{"UTF-8", "ISO-8859-1"});
        const response& bare_charset = parse_one(p, "A005 NO [BADCHARSET] no\r\n");
        CHECK(bare_charset.code.kind == code_kind::badcharset);
        CHECK(bare_charset.code.list.empty());

        const response& append =
            parse_one(p, "A003 OK [APPENDUID 38505 3955] APPEND completed\r\n");
        CHECK(append.code.kind == code_kind::appenduid);
        CHECK(append.code.number == 38505);
        CHECK(append.code.uid_set == "3955");

        const response& copy =
            parse_one(p, "a103 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n");
        CHECK(copy.code.kind == code_kind::copyuid);
        CHECK(copy.code.number == 38505);
        CHECK(copy.code.uid_set == "304,319:320");
        CHECK(copy.code.dest_uid_set == "3956:3958");
        CHECK(copy.code.raw_args == "38505 304,319:320 3956:3958");
    }

    TEST_CASE("continuation requests keep their text or base64") {
        parser p;
        CHECK(parse_one(p, "+ Ready for literal data\r\n").continuation ==
              "Ready for literal data");
        const response& b64 =
            parse_one(p, "+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzmeTxuNRgYWh\r\n");
        CHECK(b64.type == response_type::continuation);
        CHECK(b64.continuation == "YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzmeTxuNRgYWh");
        const response& bare = parse_one(p, "+\r\n");
        CHECK(bare.type == response_type::continuation);
        CHECK(bare.continuation.empty());
    }

    TEST_CASE("capability, enabled and flags data are atom lists") {
        parser p;
        const response& cap =
            parse_one(p, "* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n");
        CHECK(cap.kind == data_kind::capability);
        CHECK(strs(cap.atoms) ==
              std::vector<std::string>{"IMAP4rev1", "STARTTLS", "AUTH=GSSAPI", "LOGINDISABLED"});
        const response& en = parse_one(p, "* ENABLED CONDSTORE QRESYNC\r\n");
        CHECK(en.kind == data_kind::enabled);
        CHECK(strs(en.atoms) == std::vector<std::string>{"CONDSTORE", "QRESYNC"});
        const response& none = parse_one(p, "* ENABLED\r\n");
        CHECK(none.kind == data_kind::enabled);
        CHECK(none.atoms.empty());
        const response& flags =
            parse_one(p, "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n");
        CHECK(flags.kind == data_kind::flags);
        CHECK(flags.atoms.size() == 6);
        CHECK(flags.atoms[5] == "$Forwarded");
    }

    TEST_CASE("message counts: EXISTS, RECENT, EXPUNGE") {
        struct row {
            const char* line;
            data_kind kind;
            std::uint32_t number;
        };
        const row rows[] = {
            {"* 18 EXISTS\r\n", data_kind::exists, 18},
            {"* 2 RECENT\r\n", data_kind::recent, 2},
            {"* 3 EXPUNGE\r\n", data_kind::expunge, 3},
            {"* 4294967295 EXISTS\r\n", data_kind::exists, 4294967295u},
        };
        parser p;
        for (const auto& r : rows) {
            CAPTURE(r.line);
            const response& got = parse_one(p, r.line);
            CHECK(got.kind == r.kind);
            CHECK(got.number == r.number);
        }
    }

    TEST_CASE("LIST and LSUB: flags, delimiter, mailbox forms and extended data") {
        parser p;
        const response& a = parse_one(p, "* LIST (\\Noselect) \"/\" ~/Mail/foo\r\n");
        CHECK(a.kind == data_kind::list);
        CHECK(strs(a.list.flags) == std::vector<std::string>{"\\Noselect"});
        CHECK(a.list.delimiter.bytes == "/");
        CHECK(a.list.mailbox.bytes == "~/Mail/foo");
        CHECK(a.list.mailbox.form == string_form::atom);

        const response& b = parse_one(p, "* LIST (\\Noselect) NIL \"\"\r\n");
        CHECK(b.list.delimiter.is_nil());
        CHECK(b.list.mailbox.form == string_form::quoted);
        CHECK(b.list.mailbox.bytes.empty());

        const response& c = parse_one(p, "* LSUB () \".\" #news.comp.mail.mime\r\n");
        CHECK(c.kind == data_kind::lsub);
        CHECK(c.list.flags.empty());
        CHECK(c.list.mailbox.bytes == "#news.comp.mail.mime");

        const response& d = parse_one(
            p, "* LIST (\\Subscribed) \"/\" \"Fruit/Banana\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n");
        REQUIRE(d.list.extended.size() == 1);
        CHECK(d.list.extended[0].tag.bytes == "CHILDINFO");
        CHECK(d.list.extended[0].raw == "(\"SUBSCRIBED\")");
        REQUIRE(d.list.extended[0].values.size() == 1);
        CHECK(d.list.extended[0].values[0].bytes == "SUBSCRIBED");

        const response& e =
            parse_one(p, "* LIST () \"/\" \"NewName\" (\"OLDNAME\" (\"OldName\"))\r\n");
        REQUIRE(e.list.extended.size() == 1);
        CHECK(e.list.extended[0].tag.bytes == "OLDNAME");
        CHECK(e.list.extended[0].values[0].bytes == "OldName");

        const response& f =
            parse_one(p, "* LIST (\\HasChildren) \"/\" {12}\r\nSch\xc3\xb6ne Welt\r\n");
        CHECK(f.list.mailbox.form == string_form::literal);
        CHECK(f.list.mailbox.bytes == "Sch\xc3\xb6ne Welt");

        const response& g = parse_one(p, "* LIST () \"/\" \"Quote\\\"d \\\\ name\"\r\n");
        CHECK(g.list.mailbox.bytes == "Quote\"d \\ name");

        const response& h = parse_one(p, "* LIST (\\HasNoChildren) \"/\" &AMk-t&AOk-\r\n");
        CHECK(h.list.mailbox.bytes == "&AMk-t&AOk-");
    }

    TEST_CASE("STATUS data names each attribute") {
        parser p;
        const response& r = parse_one(p,
                                      "* STATUS \"Sent Items\" (MESSAGES 17 DELETED 0 SIZE 921932 "
                                      "HIGHESTMODSEQ 7011231777 X-NEW 3)\r\n");
        CHECK(r.kind == data_kind::status);
        CHECK(r.mailbox_status.mailbox.bytes == "Sent Items");
        REQUIRE(r.mailbox_status.items.size() == 5);
        CHECK(r.mailbox_status.items[0].attr == status_attr::messages);
        CHECK(r.mailbox_status.items[0].value == 17);
        CHECK(r.mailbox_status.items[2].attr == status_attr::size);
        CHECK(r.mailbox_status.items[2].value == 921932);
        CHECK(r.mailbox_status.items[3].attr == status_attr::highestmodseq);
        CHECK(r.mailbox_status.items[3].value == 7011231777);
        CHECK(r.mailbox_status.items[4].attr == status_attr::other);
        CHECK(r.mailbox_status.items[4].name == "X-NEW");
    }

    TEST_CASE("SEARCH, SORT and ESEARCH results") {
        parser p;
        const response& s = parse_one(p, "* SEARCH 2 84 882\r\n");
        CHECK(s.kind == data_kind::search);
        CHECK(std::vector<std::uint32_t>(s.search.numbers.begin(), s.search.numbers.end()) ==
              std::vector<std::uint32_t>{2, 84, 882});
        CHECK_FALSE(s.search.has_modseq);
        CHECK(parse_one(p, "* SEARCH\r\n").search.numbers.empty());
        const response& m = parse_one(p, "* SEARCH 2 5 6 (MODSEQ 917162500)\r\n");
        CHECK(m.search.numbers.size() == 3);
        CHECK(m.search.has_modseq);
        CHECK(m.search.modseq == 917162500);
        CHECK(parse_one(p, "* SORT 5 3 4\r\n").search.numbers.size() == 3);

        const response& e = parse_one(p, "* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800\r\n");
        CHECK(e.kind == data_kind::esearch);
        CHECK(e.esearch.tag.bytes == "A285");
        CHECK(e.esearch.uid);
        REQUIRE(e.esearch.items.size() == 2);
        CHECK(e.esearch.items[0].name == "MIN");
        CHECK(e.esearch.items[0].number == 7);
        CHECK(e.esearch.items[1].number == 3800);
        const response& all = parse_one(p, "* ESEARCH (TAG \"A283\") ALL 2,10:11\r\n");
        CHECK_FALSE(all.esearch.uid);
        CHECK(all.esearch.items[0].raw == "2,10:11");
        const response& partial = parse_one(
            p, "* ESEARCH (TAG \"a\") UID PARTIAL (-1:-100 200:250,252:300) MODSEQ 917162500\r\n");
        REQUIRE(partial.esearch.items.size() == 2);
        CHECK(partial.esearch.items[0].raw == "(-1:-100 200:250,252:300)");
        CHECK(partial.esearch.items[1].number == 917162500);
        const response& untagged = parse_one(p, "* ESEARCH COUNT 0\r\n");
        CHECK(untagged.esearch.tag.is_nil());
        CHECK(untagged.esearch.items[0].number == 0);
    }

    TEST_CASE("VANISHED with and without EARLIER") {
        parser p;
        const response& a = parse_one(p, "* VANISHED 405,407,410,425\r\n");
        CHECK(a.kind == data_kind::vanished);
        CHECK_FALSE(a.vanished.earlier);
        CHECK(a.vanished.uid_set == "405,407,410,425");
        const response& b = parse_one(p, "* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n");
        CHECK(b.vanished.earlier);
        CHECK(b.vanished.uid_set == "41,43:116,118,120:211,214:540");
    }

    TEST_CASE("ID and NAMESPACE data") {
        parser p;
        const response& id =
            parse_one(p, "* ID (\"name\" \"Cyrus\" \"version\" \"3.8.1\" \"support-url\" NIL)\r\n");
        CHECK(id.kind == data_kind::id);
        REQUIRE(id.id.size() == 3);
        CHECK(id.id[1].name.bytes == "version");
        CHECK(id.id[1].value.bytes == "3.8.1");
        CHECK(id.id[2].value.is_nil());
        CHECK(parse_one(p, "* ID NIL\r\n").id.empty());

        const response& ns = parse_one(p,
                                       "* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" "
                                       "\"/\")(\"#public/\" \"/\")(\"#news.\" \".\"))\r\n");
        CHECK(ns.kind == data_kind::namespace_);
        REQUIRE(ns.namespaces.personal.size() == 1);
        CHECK(ns.namespaces.personal[0].prefix.bytes.empty());
        CHECK(ns.namespaces.personal[0].delimiter.bytes == "/");
        CHECK(ns.namespaces.other_users[0].prefix.bytes == "~");
        REQUIRE(ns.namespaces.shared.size() == 3);
        CHECK(ns.namespaces.shared[2].delimiter.bytes == ".");

        const response& ext = parse_one(
            p, "* NAMESPACE ((\"\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))) NIL NIL\r\n");
        CHECK(ext.namespaces.personal[0].extensions == "\"X-PARAM\" (\"FLAG1\" \"FLAG2\")");
        CHECK(ext.namespaces.other_users.empty());
        CHECK(ext.namespaces.shared.empty());
    }

    TEST_CASE("FETCH with the RFC 3501 envelope and a basic body") {
        const std::string s = corpus("rfc3501.imap");
        parser p;
        const response* found = find_response(p, s, [](const response& r) {
            return r.kind == data_kind::fetch && item(r, fetch_item_kind::envelope);
        });
        REQUIRE(found != nullptr);
        const response& r = *found;
        CHECK(r.number == 12);
        CHECK(strs(item(r, fetch_item_kind::flags)->flags) == std::vector<std::string>{"\\Seen"});
        CHECK(item(r, fetch_item_kind::internaldate)->value.bytes == "17-Jul-1996 02:44:25 -0700");
        CHECK(item(r, fetch_item_kind::rfc822_size)->number == 4286);
        const envelope& e = *item(r, fetch_item_kind::envelope)->env;
        CHECK(e.date.bytes == "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)");
        CHECK(e.subject.bytes == "IMAP4rev1 WG mtg summary and minutes");
        REQUIRE(e.from.size() == 1);
        CHECK(e.from[0].name.bytes == "Terry Gray");
        CHECK(e.from[0].adl.is_nil());
        CHECK(e.from[0].mailbox.bytes == "gray");
        CHECK(e.from[0].host.bytes == "cac.washington.edu");
        CHECK(e.sender.size() == 1);
        CHECK(e.reply_to.size() == 1);
        REQUIRE(e.to.size() == 1);
        CHECK(e.to[0].name.is_nil());
        REQUIRE(e.cc.size() == 2);
        CHECK(e.cc[1].name.bytes == "John Klensin");
        CHECK(e.bcc.empty());
        CHECK(e.in_reply_to.is_nil());
        CHECK(e.message_id.bytes == "<B27397-0100000@cac.washington.edu>");
        const body& b = *item(r, fetch_item_kind::body)->structure;
        CHECK_FALSE(b.multipart);
        CHECK(b.type.bytes == "TEXT");
        CHECK(b.subtype.bytes == "PLAIN");
        REQUIRE(b.params.size() == 1);
        CHECK(b.params[0].name.bytes == "CHARSET");
        CHECK(b.params[0].value.bytes == "US-ASCII");
        CHECK(b.encoding.bytes == "7BIT");
        CHECK(b.size == 3028);
        CHECK(b.has_lines);
        CHECK(b.lines == 92);
        CHECK(b.extension_fields == 0);
    }

    TEST_CASE("BODYSTRUCTURE: nested multipart with every extension field") {
        const std::string s = corpus("dovecot.imap");
        parser p;
        const response* found = find_response(p, s, [](const response& r) {
            return item(r, fetch_item_kind::bodystructure) && r.number == 1;
        });
        REQUIRE(found != nullptr);
        const body& b = *item(*found, fetch_item_kind::bodystructure)->structure;
        CHECK(b.multipart);
        CHECK(b.subtype.bytes == "MIXED");
        REQUIRE(b.parts.size() == 2);
        const body& alt = b.parts[0];
        CHECK(alt.multipart);
        CHECK(alt.subtype.bytes == "ALTERNATIVE");
        REQUIRE(alt.parts.size() == 2);
        CHECK(alt.parts[1].subtype.bytes == "HTML");
        CHECK(alt.parts[1].lines == 90);
        CHECK(alt.parts[1].extension_fields == 4);
        CHECK(alt.params[0].value.bytes == "000000000000a2b3c4");
        const body& pdf = b.parts[1];
        CHECK(pdf.type.bytes == "APPLICATION");
        CHECK_FALSE(pdf.has_lines);
        CHECK(pdf.size == 42212);
        CHECK(pdf.md5.is_nil());
        CHECK(pdf.disposition.type.bytes == "ATTACHMENT");
        REQUIRE(pdf.disposition.params.size() == 1);
        CHECK(pdf.disposition.params[0].value.bytes == "report.pdf");
        CHECK(b.params[0].value.bytes == "outer");
        CHECK(b.disposition.type.is_nil());
        REQUIRE(b.language.size() == 2);
        CHECK(b.language[1].bytes == "DE");
        CHECK(b.location.bytes == "http://example.com/loc");
        CHECK(b.extensions == "42 (\"X\" 1)");
        CHECK(item(*found, fetch_item_kind::modseq)->number == 10);
    }

    TEST_CASE("BODYSTRUCTURE: message/rfc822 with its envelope, body and lines") {
        parser p;
        const std::string s = corpus("dovecot.imap");
        const response* found = find_response(p, s, [](const response& r) {
            return item(r, fetch_item_kind::bodystructure) && r.number == 2;
        });
        REQUIRE(found != nullptr);
        const body* b = item(*found, fetch_item_kind::bodystructure)->structure;
        REQUIRE(b != nullptr);
        CHECK(b->type.bytes == "MESSAGE");
        CHECK(b->subtype.bytes == "RFC822");
        REQUIRE(b->message_envelope != nullptr);
        CHECK(b->message_envelope->subject.bytes == "IMAP4rev1 WG mtg summary and minutes");
        REQUIRE(b->message_body != nullptr);
        CHECK(b->message_body->subtype.bytes == "PLAIN");
        CHECK(b->message_body->lines == 12);
        CHECK(b->has_lines);
        CHECK(b->lines == 30);
        CHECK(b->md5.bytes == "d41d8cd98f00b204e9800998ecf8427e");
        CHECK(b->disposition.type.bytes == "INLINE");
        REQUIRE(b->language.size() == 1);
        CHECK(b->language[0].bytes == "EN");
        CHECK(b->location.is_nil());
        CHECK(b->extension_fields == 4);
    }

    TEST_CASE("FETCH sections, origins, literals and binary items") {
        parser p;
        const response& a = parse_one(
            p, "* 2 FETCH (UID 2 BODY[HEADER.FIELDS (FROM SUBJECT)] {9}\r\nFrom: a\r\n)\r\n");
        const fetch_item* h = item(a, fetch_item_kind::body_section);
        REQUIRE(h != nullptr);
        CHECK(h->name == "BODY[HEADER.FIELDS (FROM SUBJECT)]");
        CHECK(h->section == "HEADER.FIELDS (FROM SUBJECT)");
        CHECK_FALSE(h->has_origin);
        CHECK(h->value.form == string_form::literal);
        CHECK(h->value.bytes == "From: a\r\n");
        CHECK(h->raw == "{9}\r\nFrom: a\r\n");

        const response& b = parse_one(p, "* 2 FETCH (BODY[1.2.MIME]<0> \"x\" BODY[1]<10> NIL)\r\n");
        REQUIRE(b.fetch.items.size() == 2);
        CHECK(b.fetch.items[0].section == "1.2.MIME");
        CHECK(b.fetch.items[0].has_origin);
        CHECK(b.fetch.items[0].origin == 0);
        CHECK(b.fetch.items[1].origin == 10);
        CHECK(b.fetch.items[1].value.is_nil());

        static const char k_bin[] = "* 1 FETCH (BINARY[1] ~{5}\r\na\0b\0c BINARY.SIZE[2] 1200)\r\n";
        const std::string bin(k_bin, sizeof k_bin - 1);
        const response& c = parse_one(p, bin);
        REQUIRE(c.fetch.items.size() == 2);
        CHECK(c.fetch.items[0].kind == fetch_item_kind::binary);
        CHECK(c.fetch.items[0].value.form == string_form::binary_literal);
        CHECK(c.fetch.items[0].value.bytes == std::string_view("a\0b\0c", 5));
        CHECK(c.fetch.items[1].kind == fetch_item_kind::binary_size);
        CHECK(c.fetch.items[1].number == 1200);

        const response& d = parse_one(
            p, "* 24 FETCH (RFC822.HEADER {3}\r\nA\r\n RFC822.TEXT {0}\r\n RFC822 \"x\")\r\n");
        CHECK(item(d, fetch_item_kind::rfc822_header)->value.bytes == "A\r\n");
        CHECK(item(d, fetch_item_kind::rfc822_text)->value.form == string_form::literal);
        CHECK(item(d, fetch_item_kind::rfc822_text)->value.size == 0);
        CHECK(item(d, fetch_item_kind::rfc822)->value.bytes == "x");
    }

    TEST_CASE("Gmail extensions and unknown FETCH items") {
        parser p;
        const response& g = parse_one(
            p,
            "* 1 FETCH (X-GM-THRID 1563190496481790748 X-GM-MSGID 1563491715126921418 X-GM-LABELS "
            "(\"\\\\Sent\" \\Important Family \"Work Stuff\") UID 227195)\r\n");
        CHECK(item(g, fetch_item_kind::x_gm_thrid)->number == 1563190496481790748ull);
        CHECK(item(g, fetch_item_kind::x_gm_msgid)->number == 1563491715126921418ull);
        CHECK(strs(item(g, fetch_item_kind::x_gm_labels)->flags) ==
              std::vector<std::string>{"\\Sent", "\\Important", "Family", "Work Stuff"});

        const response& u = parse_one(p,
                                      "* 6 FETCH (UID 8 ANNOTATION (/comment (value.priv \"My "
                                      "comment\")) X-UNKNOWN {5}\r\nabcde PREVIEW \"Hello\")\r\n");
        REQUIRE(u.fetch.items.size() == 4);
        CHECK(u.fetch.items[1].kind == fetch_item_kind::unknown);
        CHECK(u.fetch.items[1].name == "ANNOTATION");
        CHECK(u.fetch.items[1].raw == "(/comment (value.priv \"My comment\"))");
        CHECK(u.fetch.items[2].value.bytes == "abcde");
        CHECK(u.fetch.items[3].name == "PREVIEW");
        CHECK(u.fetch.items[3].value.bytes == "Hello");
    }

    TEST_CASE("envelope group syntax is kept as start and end markers") {
        parser p;
        const response& r =
            parse_one(p,
                      "* 4 FETCH (ENVELOPE (NIL NIL ((\"A Group\" NIL \"agroup\" NIL)(NIL NIL "
                      "\"a\" \"example.com\")(NIL NIL NIL NIL)) NIL NIL NIL NIL NIL NIL NIL))\r\n");
        const envelope& e = *item(r, fetch_item_kind::envelope)->env;
        REQUIRE(e.from.size() == 3);
        CHECK(e.from[0].is_group_start());
        CHECK(e.from[0].mailbox.bytes == "agroup");
        CHECK_FALSE(e.from[1].is_group_start());
        CHECK_FALSE(e.from[1].is_group_end());
        CHECK(e.from[2].is_group_end());
    }

    TEST_CASE("literals stand wherever a string may: envelope, parameters, mailboxes") {
        parser p;
        const response& e =
            parse_one(p,
                      "* 1 FETCH (ENVELOPE (NIL {7}\r\nSub\"j)\r NIL NIL NIL ((NIL NIL ~{3}\r\nbob "
                      "{11}\r\nexample.com)) NIL NIL NIL {0}\r\n))\r\n");
        REQUIRE(e.type == response_type::untagged);
        const envelope& env = *item(e, fetch_item_kind::envelope)->env;
        CHECK(env.subject.form == string_form::literal);
        CHECK(env.subject.bytes == "Sub\"j)\r");
        REQUIRE(env.to.size() == 1);
        CHECK(env.to[0].mailbox.form == string_form::binary_literal);
        CHECK(env.to[0].mailbox.bytes == "bob");
        CHECK(env.to[0].host.bytes == "example.com");
        CHECK(env.message_id.form == string_form::literal);
        CHECK(env.message_id.size == 0);

        const response& b = parse_one(p,
                                      "* 2 FETCH (BODY (\"TEXT\" \"PLAIN\" (\"NAME\" {5}\r\na b c) "
                                      "NIL NIL \"7BIT\" 1 1))\r\n");
        REQUIRE(b.type == response_type::untagged);
        CHECK(item(b, fetch_item_kind::body)->structure->params[0].value.bytes == "a b c");

        const response& s = parse_one(p, "* STATUS {5}\r\nIN)BX (MESSAGES 1)\r\n");
        CHECK(s.mailbox_status.mailbox.bytes == "IN)BX");
        CHECK(s.mailbox_status.items[0].value == 1);
    }

    TEST_CASE("unknown untagged data is kept raw") {
        parser p;
        // THREAD (RFC 5256) is not parsed into types, yet.
        const response& r = parse_one(p, "* THREAD (2)(3 6 (4 23)(44 7 96))\r\n");
        CHECK(r.type == response_type::untagged);
        CHECK(r.kind == data_kind::other);
        CHECK(r.keyword == "THREAD");
        CHECK(r.raw == "* THREAD (2)(3 6 (4 23)(44 7 96))\r\n");
    }
}
