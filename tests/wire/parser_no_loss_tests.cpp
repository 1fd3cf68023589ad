// Bytes the grammar cannot place are kept (in a name, a text, a raw value) or
// make the response malformed; they are never dropped. A client that acts on
// a response with bytes silently cut off acts on another response than the
// server sent: `* LIST () "/" Root/Folder/Subfolder()` once named the mailbox
// `Root/Folder/Subfolder`, which does not exist.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parser_test_util.hpp"

using namespace uvimap::wire;
using namespace uvimap::wire::test;

namespace {

// The frames of `stream`, each a whole response.
std::vector<std::string> frames_of(const std::string& stream) {
    std::vector<std::string> out;
    framer f;
    f.feed(stream);
    while (f.next() == frame_status::ready) {
        out.emplace_back(f.current().bytes);
    }
    return out;
}

// What `uvimap parse` prints for `frame` parsed alone, or "" if malformed.
std::string printed(const std::string& frame) {
    parser p;
    p.feed(frame);
    REQUIRE(p.next() == parse_status::ready);
    const response& r = p.current();
    return r.type == response_type::malformed ? std::string() : describe(r, walk_detail::sent);
}

// The frame with `extra` inserted before the CRLF (or LF) that ends it.
std::string with_extra_at_end(const std::string& frame, const std::string& extra) {
    std::size_t at = frame.size() - 1;
    if (at > 0 && frame[at - 1] == '\r') {
        --at;
    }
    return frame.substr(0, at) + extra + frame.substr(at);
}

}  // namespace

TEST_SUITE("parser never drops bytes") {
    TEST_CASE("each place a response ends keeps glued bytes or fails") {
        // One row per place where the grammar stops before the CRLF: the
        // bytes are either in the named member or the response is malformed.
        struct row {
            std::string place;
            std::string line;
            std::string kept;  // Where the bytes went; empty: malformed.
        };
        const std::vector<row> rows = {
            {"LIST mailbox atom", "* LIST (\\NoInferiors) \"/\" Root/Folder/Subfolder()\r\n",
             "Root/Folder/Subfolder()"},
            {"LIST mailbox atom with tabs (Exchange)",
             "* LIST (\\HasNoChildren) \"/\" INBOX/Da\tOggetto\tRicevuto\t\r\n",
             "INBOX/Da\tOggetto\tRicevuto\t"},
            {"LSUB mailbox atom before extended data",
             "* LSUB () \".\" foo(bar) (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n", "foo(bar)"},
            {"XLIST mailbox atom", "* XLIST (\\Inbox) \"/\" Inbox{}\r\n", "Inbox{}"},
            {"LIST quoted mailbox", "* LIST () \"/\" \"Sent\"()\r\n", ""},
            {"LIST literal mailbox", "* LIST () \"/\" {4}\r\nSent()\r\n", ""},
            {"LIST extended data", "* LIST () \"/\" a (\"CHILDINFO\" (\"A\"))()\r\n", ""},
            {"LIST delimiter", "* LIST () \"/\"() a\r\n", ""},
            {"STATUS mailbox", "* STATUS INBOX() (MESSAGES 1)\r\n", ""},
            {"STATUS items", "* STATUS INBOX (MESSAGES 1)()\r\n", ""},
            {"STATUS number", "* STATUS INBOX (MESSAGES 1())\r\n", ""},
            {"FETCH", "* 1 FETCH (UID 1)()\r\n", ""},
            {"FETCH flags", "* 1 FETCH (FLAGS (\\Seen)())\r\n", ""},
            {"EXISTS", "* 3 EXISTS()\r\n", ""},
            {"EXPUNGE", "* 3 EXPUNGE ()\r\n", ""},
            {"CAPABILITY", "* CAPABILITY IMAP4rev1 ()\r\n", ""},
            {"ENABLED", "* ENABLED CONDSTORE()\r\n", ""},
            {"FLAGS", "* FLAGS (\\Seen)()\r\n", ""},
            {"SEARCH numbers", "* SEARCH 1 2()\r\n", ""},
            {"SEARCH modseq", "* SEARCH 1 2 (MODSEQ 5)()\r\n", ""},
            {"ESEARCH", "* ESEARCH (TAG \"a\") COUNT 5()\r\n", ""},
            {"VANISHED", "* VANISHED 1:3()\r\n", ""},
            {"ID", "* ID (\"name\" \"x\")()\r\n", ""},
            {"NAMESPACE", "* NAMESPACE NIL NIL NIL()\r\n", ""},
            {"ACL", "* ACL INBOX fred rw()\r\n", ""},
            {"ACL mailbox", "* ACL INBOX()\r\n", ""},
            {"LISTRIGHTS", "* LISTRIGHTS INBOX fred lr r()\r\n", ""},
            {"MYRIGHTS", "* MYRIGHTS INBOX lr()\r\n", ""},
            {"QUOTA", "* QUOTA \"\" (STORAGE 1 2)()\r\n", ""},
            {"QUOTAROOT", "* QUOTAROOT INBOX root()\r\n", ""},
            {"METADATA values", "* METADATA INBOX (/a \"b\")()\r\n", ""},
            {"METADATA entries", "* METADATA INBOX /a()\r\n", ""},
            {"tagged status text", "a1 OK done()\r\n", "done()"},
            {"tagged status after a code", "a1 OK [ALERT]()\r\n", "()"},
            {"untagged status after a numeric code", "* OK [UIDNEXT 5]()\r\n", "()"},
            {"continuation", "+ [ALERT]()\r\n", "()"},
            {"unknown data", "* XUNKNOWN anything()\r\n", "* XUNKNOWN anything()\r\n"},
        };
        for (const row& r : rows) {
            CAPTURE(r.place);
            check_every_feeding(r.line, [&](const response& got) {
                if (r.kept.empty()) {
                    CHECK(got.type == response_type::malformed);
                    return;
                }
                REQUIRE(got.type != response_type::malformed);
                switch (got.kind) {
                    case data_kind::list:
                    case data_kind::lsub:
                    case data_kind::xlist:
                        CHECK(got.list.mailbox.bytes == r.kept);
                        break;
                    case data_kind::other:
                        CHECK(got.raw == r.kept);
                        break;
                    default:
                        CHECK(got.text == r.kept);
                        break;
                }
            });
        }
    }

    TEST_CASE("bytes glued to the end of any corpus response are kept or fail it") {
        // The property behind the rows above, over every response of every
        // corpus: bytes right before the CRLF must change what a reader sees
        // (the JSON of uvimap parse) or make the response malformed.
        std::size_t checked = 0;
        for (const auto& name : corpus_names()) {
            CAPTURE(name);
            for (const std::string& frame : frames_of(corpus(name))) {
                const std::string before = printed(frame);
                if (before.empty()) {
                    continue;
                }
                for (const char* extra : {"()", "x", "]", "\t", "\""}) {
                    const std::string changed = with_extra_at_end(frame, extra);
                    CAPTURE(changed);
                    const std::string after = printed(changed);
                    CHECK((after.empty() || after != before));
                    ++checked;
                }
            }
        }
        CHECK(checked > 5 * 150);
    }
}
