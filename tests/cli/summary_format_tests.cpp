// What `uvimap summary` prints about one message, from ENVELOPE,
// BODYSTRUCTURE and the first bytes of part 1.

#include <doctest/doctest.h>

#include "summary_format.hpp"
#include "uvimap/mime/utf8_text.hpp"

using namespace uvimap;
using namespace uvimap::app;

namespace {

session::address mailbox(std::optional<std::string> name, std::string box, std::string host) {
    session::address a;
    a.name = std::move(name);
    a.mailbox = std::move(box);
    a.host = std::move(host);
    return a;
}

session::body_structure text_part(std::string subtype, std::string encoding, std::string charset,
                                  std::int64_t size) {
    session::body_structure part;
    part.type = "text";
    part.subtype = std::move(subtype);
    part.encoding = std::move(encoding);
    if (!charset.empty()) {
        part.parameters.emplace_back("charset", std::move(charset));
    }
    part.size = size;
    return part;
}

body_summary summarize(const session::body_structure& s, std::optional<std::string> bytes,
                       bool last_try = false) {
    mime::charset_converter cv;
    return summarize_body(s, bytes, last_try, cv);
}

}  // namespace

TEST_SUITE("cli: summary format") {
    TEST_CASE("From: a name and an address as a header shows them") {
        mime::charset_converter cv;
        CHECK(format_from({mailbox("Administrator", "admin", "mail.example.com")}, cv) ==
              "Administrator <admin@mail.example.com>");
        CHECK(format_from({mailbox(std::nullopt, "admin", "example.com")}, cv) ==
              "admin@example.com");
        CHECK(format_from({}, cv).empty());
    }

    TEST_CASE("From: RFC 2047 names are decoded, and quoted where RFC 5322 wants it") {
        mime::charset_converter cv;
        CHECK(format_from({mailbox("=?ISO-8859-1?Q?Andr=E9_Pirard?=", "pirard", "example.be")},
                          cv) == "André Pirard <pirard@example.be>");
        CHECK(format_from({mailbox("Doe, John", "john", "example.com")}, cv) ==
              "\"Doe, John\" <john@example.com>");
        CHECK(format_from({mailbox("Say \"hi\".", "x", "y.org")}, cv) ==
              "\"Say \\\"hi\\\".\" <x@y.org>");
    }

    TEST_CASE("From: several senders are joined, group markers are left out") {
        mime::charset_converter cv;
        session::address start;
        start.mailbox = "team";
        session::address end;
        CHECK(format_from({start, mailbox("A", "a", "x.org"), mailbox("B", "b", "x.org"), end},
                          cv) == "A <a@x.org>, B <b@x.org>");
    }

    TEST_CASE("a multipart message lists its top-level part types") {
        session::body_structure root;
        root.multipart = true;
        root.type = "multipart";
        root.subtype = "mixed";
        session::body_structure alternative = root;
        alternative.subtype = "alternative";
        root.parts = {alternative, text_part("plain", "7bit", "us-ascii", 10)};
        const body_summary s = summarize(root, std::nullopt);
        CHECK(s.what == body_summary::kind::parts);
        CHECK(s.line() == "  Parts: multipart/alternative text/plain");
    }

    TEST_CASE("a text part: the first 60 characters, white space made one, then ' ...'") {
        const std::string body =
            "We are happy that you have chosen to use example.com's industry-leading\r\n"
            "Internet e-mail service.\r\n";
        const body_summary s = summarize(
            text_part("plain", "7bit", "us-ascii", static_cast<std::int64_t>(body.size())), body);
        REQUIRE(s.what == body_summary::kind::text);
        CHECK(s.line() == "   We are happy that you have chosen to use example.com's indus ...");
    }

    TEST_CASE("quoted-printable and base64 are decoded, charsets converted, before the cut") {
        const std::string qp =
            "Gr=FC=DFe aus K=F6ln, mit einem sehr langen Satz, der weit =\r\n"
            "=FCber sechzig Zeichen hinausgeht.\r\n";
        const body_summary latin1 = summarize(text_part("plain", "quoted-printable", "iso-8859-1",
                                                        static_cast<std::int64_t>(qp.size())),
                                              qp);
        REQUIRE(latin1.what == body_summary::kind::text);
        CHECK(latin1.text == "Grüße aus Köln, mit einem sehr langen Satz, der weit über se");

        // "日本語のテキスト" and more, in base64 UTF-8: the cut counts characters.
        const std::string japanese =
            "5pel5pys6Kqe44Gu44OG44Kt44K544OI44Gn44GZ44CC5pel5pys6Kqe44Gu44OG44Kt44K544OI44Gn"
            "44GZ44CC5pel5pys6Kqe44Gu44OG44Kt44K544OI44Gn44GZ44CC5pel5pys6Kqe44Gu44OG44Kt44K5"
            "44OI44Gn44GZ44CC5pel5pys6Kqe44Gu44OG44Kt44K544OI44Gn44GZ44CC5pel5pys6Kqe44Gu44OG"
            "44Kt44K544OI44Gn44GZ44CC5pel5pys6Kqe44Gu44OG44Kt44K544OI44Gn44GZ44CC\r\n";
        const body_summary utf8 = summarize(
            text_part("plain", "base64", "utf-8", static_cast<std::int64_t>(japanese.size())),
            japanese);
        REQUIRE(utf8.what == body_summary::kind::text);
        CHECK(mime::count_code_points(utf8.text) == 60);
        CHECK(utf8.text.starts_with("日本語のテキストです。日本語"));
    }

    TEST_CASE("too few characters in the first bytes of a longer part: ask for more") {
        const std::string first = "=E6=97=A5=E6=9C=AC=E8=AA=9E";  // three characters, QP
        const auto part = text_part("plain", "quoted-printable", "utf-8", 5000);
        CHECK(summarize(part, first).what == body_summary::kind::need_more);
        // The last try shows what there is.
        const body_summary last = summarize(part, first, true);
        REQUIRE(last.what == body_summary::kind::text);
        CHECK(last.text == "日本語");
    }

    TEST_CASE("a short part that is all there: shown whole, no second fetch") {
        const body_summary s =
            summarize(text_part("plain", "7bit", "", 6), std::string("Hi.\r\n\r\n"));
        REQUIRE(s.what == body_summary::kind::text);
        CHECK(s.text == "Hi.");
    }

    TEST_CASE("a single part that is not text: its type and size") {
        session::body_structure image;
        image.type = "image";
        image.subtype = "png";
        image.encoding = "base64";
        image.size = 34567;
        const body_summary s = summarize(image, std::string("iVBORw0KGgo"));
        CHECK(s.what == body_summary::kind::other);
        CHECK(s.line() == "   [image/png, 34567 bytes]");
    }

    TEST_CASE("a server that sent no bytes for part 1 (NIL) gives an empty text, not a crash") {
        const body_summary s = summarize(text_part("plain", "7bit", "", 100), std::nullopt, true);
        REQUIRE(s.what == body_summary::kind::text);
        CHECK(s.text.empty());
    }
}
