// What `uvimap browse` prints: folders, messages, structures, part names and
// part contents.

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>

#include "browse_view.hpp"

using namespace uvimap;
using namespace uvimap::app;

namespace {

session::body_structure leaf(std::string type, std::string subtype, std::int64_t size,
                             std::string encoding = "7bit") {
    session::body_structure part;
    part.type = std::move(type);
    part.subtype = std::move(subtype);
    part.size = size;
    part.encoding = std::move(encoding);
    return part;
}

session::body_structure multipart(std::string subtype, std::vector<session::body_structure> parts) {
    session::body_structure node;
    node.multipart = true;
    node.type = "multipart";
    node.subtype = std::move(subtype);
    node.parts = std::move(parts);
    return node;
}

// multipart/mixed: 1 alternative (1.1 plain, 1.2 html), 2 a forwarded
// message whose body is multipart (2.1 plain, 2.2 png), 3 a pdf attachment.
session::body_structure sample_structure() {
    session::body_structure forwarded = leaf("message", "rfc822", 900);
    forwarded.message_body.push_back(
        multipart("mixed", {leaf("text", "plain", 40), leaf("image", "png", 300, "base64")}));
    session::body_structure pdf = leaf("application", "pdf", 5000, "base64");
    pdf.disposition = "attachment";
    pdf.disposition_parameters.emplace_back("filename", "=?UTF-8?Q?R=C3=A9sum=C3=A9.pdf?=");
    return multipart(
        "mixed", {multipart("alternative", {leaf("text", "plain", 213), leaf("text", "html", 498)}),
                  forwarded, pdf});
}

std::vector<std::uint32_t> path(std::initializer_list<std::uint32_t> numbers) {
    return numbers;
}

// A text part and the plan that decodes it (the plan points at the part).
struct decoding {
    session::body_structure part;
    part_plan plan;
    decoding(std::string encoding, std::string charset)
        : part(leaf("text", "plain", 100, std::move(encoding))) {
        part.parameters.emplace_back("charset", std::move(charset));
        plan.decode_as = &part;
    }
    decoding(const decoding&) = delete;
    decoding& operator=(const decoding&) = delete;
};

// Local time is UTC for the date tests.
struct utc_time_zone {
    utc_time_zone() {
        ::setenv("TZ", "UTC", 1);
        ::tzset();
    }
};

}  // namespace

TEST_SUITE("cli: browse view") {
    TEST_CASE("a folder: its name padded to 30 columns, then its flags, names made safe") {
        session::mailbox_entry box;
        box.name = "INBOX";
        box.flags = {"\\HasNoChildren"};
        CHECK(folder_line(box) == "INBOX                          \\HasNoChildren");
        box.name = "Evil\x1b]0;pwned\x07";
        box.flags = {};
        CHECK(folder_line(box) == "Evil\\x1b]0;pwned\\x07");  // no trailing blanks
    }

    TEST_CASE("INTERNALDATE as local time, and what is not a date is shown as sent") {
        utc_time_zone utc;
        CHECK(local_time_of("22-Oct-2014 20:37:21 +0000") == "2014-10-22 20:37:21");
        CHECK(local_time_of(" 2-Feb-2024 17:19:42 +0100") == "2024-02-02 16:19:42");
        CHECK(local_time_of("31-Dec-1999 23:30:00 -0130") == "2000-01-01 01:00:00");
        CHECK(local_time_of("yesterday") == "yesterday");
        CHECK(local_time_of("22-Foo-2014 20:37:21 +0000") == "22-Foo-2014 20:37:21 +0000");
        CHECK(local_time_of("22-Oct-2014 20:37:21 +00001") == "22-Oct-2014 20:37:21 +00001");
        CHECK(local_time_of("22-Oct-2014 -1:37:21 +0000") == "22-Oct-2014 -1:37:21 +0000");
    }

    TEST_CASE("a message: UID, date, size, flags, then From and Subject decoded") {
        utc_time_zone utc;
        mime::charset_converter cv;
        session::fetch_message m;
        m.uid = 42;
        m.internal_date = "22-Oct-2014 20:37:21 +0000";
        m.size = 1042;
        m.flags = std::vector<std::string>{"\\Seen", "\\Answered"};
        m.env.emplace();
        m.env->from = {{"=?ISO-8859-1?Q?Andr=E9?=", std::nullopt, "a", "b.be"},
                       {"=?utf-8?q?Doe=2C_Jane?=", std::nullopt, "jane", "example.org"}};
        m.env->subject = "caf\xc3\xa9\x1b[2J\r\n folded";
        const std::vector<std::string> lines = message_lines(m, cv);
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == "    42   2014-10-22 20:37:21    1042 bytes  \\Seen \\Answered");
        // A decoded name with a comma is quoted, as summary shows it.
        CHECK(lines[1] == "       From: André <a@b.be>, \"Doe, Jane\" <jane@example.org>");
        CHECK(lines[2] == "       Subject: café\\x1b[2J folded");

        m.env->from.clear();
        m.env->subject.reset();
        CHECK(message_lines(m, cv).size() == 1);  // neither From nor Subject
    }

    TEST_CASE("the structure: HEADER, TEXT, then the parts numbered as IMAP numbers them") {
        mime::charset_converter cv;
        const std::vector<std::string> expected = {
            "  HEADER",
            "  TEXT      multipart/mixed",
            "  1         multipart/alternative",
            "  1.1       text/plain size=213",
            "  1.2       text/html size=498",
            "  2         message/rfc822 size=900",
            "  2.1       text/plain size=40",
            "  2.2       image/png size=300",
            "  3         application/pdf size=5000 attachment filename=\"Résumé.pdf\"",
        };
        CHECK(structure_lines(sample_structure(), cv) == expected);
    }

    TEST_CASE("a single-part message is TEXT, and an enclosed single part is numbered under 1") {
        mime::charset_converter cv;
        CHECK(structure_lines(leaf("text", "plain", 12), cv) ==
              std::vector<std::string>{"  HEADER", "  TEXT      text/plain size=12"});
        session::body_structure forwarded = leaf("message", "rfc822", 300);
        forwarded.message_body.push_back(leaf("text", "plain", 100));
        CHECK(structure_lines(forwarded, cv) ==
              std::vector<std::string>{"  HEADER", "  TEXT      message/rfc822 size=300",
                                       "  1.1       text/plain size=100"});
    }

    TEST_CASE("part names: HEADER, TEXT, numbers, and numbers with HEADER, TEXT or MIME") {
        using kind = wire::section_spec::text_kind;
        auto header = parse_part_name("header");
        REQUIRE(header);
        CHECK(header->part.empty());
        CHECK(header->text == kind::header);
        auto text = parse_part_name("TEXT");
        REQUIRE(text);
        CHECK(text->text == kind::text);
        auto nested = parse_part_name("2.1");
        REQUIRE(nested);
        CHECK(nested->part == path({2, 1}));
        CHECK(nested->text == kind::none);
        auto mime = parse_part_name("2.MIME");
        REQUIRE(mime);
        CHECK(mime->part == path({2}));
        CHECK(mime->text == kind::mime);
        for (const char* bad : {"", "0", "1.0", "01", "1..2", "1.", ".1", "MIME", "HEADER.1",
                                "1.HEADER.2", "x", "-1", "4294967296", "1 2", "HEADER.FIELDS"}) {
            CAPTURE(bad);
            CHECK_FALSE(parse_part_name(bad).has_value());
        }
    }

    TEST_CASE("part numbers find their node, through multiparts and enclosed messages") {
        const session::body_structure root = sample_structure();
        CHECK(find_part(root, path({1}))->subtype == "alternative");
        CHECK(find_part(root, path({1, 2}))->subtype == "html");
        CHECK(find_part(root, path({2}))->subtype == "rfc822");
        CHECK(find_part(root, path({2, 2}))->subtype == "png");
        CHECK(find_part(root, path({3}))->subtype == "pdf");
        CHECK(find_part(root, path({4})) == nullptr);
        CHECK(find_part(root, path({3, 1})) == nullptr);
        CHECK(find_part(root, path({1, 1, 1})) == nullptr);
        const session::body_structure single = leaf("text", "plain", 5);
        CHECK(find_part(single, path({1})) == &single);
        CHECK(find_part(single, path({2})) == nullptr);
    }

    TEST_CASE("what showing a part takes: text decoded, headers by field, the rest not fetched") {
        const session::body_structure root = sample_structure();
        const auto plan = [&](const char* name) { return plan_part(root, *parse_part_name(name)); };
        CHECK(plan("1.1").decode_as == find_part(root, path({1, 1})));
        CHECK(plan("HEADER").header);
        CHECK(plan("2.MIME").header);
        CHECK(plan("2.HEADER").header);
        const part_plan mixed_text = plan("TEXT");
        CHECK(mixed_text.fetch);
        CHECK(mixed_text.decode_as == nullptr);  // MIME as sent
        CHECK(plan("2").decode_as == nullptr);
        const part_plan pdf = plan("3");
        CHECK_FALSE(pdf.fetch);
        CHECK(pdf.note == "[application/pdf, 5000 bytes in base64, not text: not shown]");
        session::body_structure hostile = leaf("image\x1b[2J", "png\x07", 10, "base64\x9b");
        const part_plan escaped = plan_part(hostile, *parse_part_name("1"));
        CHECK(escaped.note ==
              "[image\\x1b[2J/png\\x07, 10 bytes in base64\\x9b, not text: not shown]");
        const part_plan missing = plan("7");
        CHECK_FALSE(missing.fetch);
        CHECK(missing.note == "(No such section)");
        const session::body_structure single = leaf("text", "plain", 5, "quoted-printable");
        CHECK(plan_part(single, *parse_part_name("TEXT")).decode_as == &single);
    }

    TEST_CASE("content: decoded, blank lines around dropped, tabs expanded, made safe") {
        mime::charset_converter cv;
        const decoding latin1("quoted-printable", "iso-8859-1");
        CHECK(
            content_lines("\r\n\r\nCaf=E9\tau lait=\r\n, s'il vous pla=EEt\r\n\x1b[31mred\r\n\r\n",
                          latin1.plan, false, cv) ==
            std::vector<std::string>{"Café    au lait, s'il vous plaît", "\\x1b[31mred"});
        part_plan header;
        header.header = true;
        CHECK(content_lines("Subject: =?UTF-8?B?w6k=?=\r\n\tfolded\r\nTo: x@y\r\n\r\n", header,
                            false,
                            cv) == std::vector<std::string>{"Subject: é      folded", "To: x@y"});
    }

    TEST_CASE("content cut short by the size limit loses no character to the cut") {
        mime::charset_converter cv;
        const decoding utf8("base64", "utf-8");
        // "日本" in base64 is "5pel5pys"; cut after 7 digits, the second
        // character is incomplete and must not become U+FFFD.
        CHECK(content_lines("5pel5py", utf8.plan, true, cv) == std::vector<std::string>{"日"});
    }
}
