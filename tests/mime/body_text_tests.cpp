// decode_body_text as the CLI calls it, ending with the book's summary of
// its sample mailbox built from growing prefixes of each message's text.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "support/dovecot_fixture.hpp"
#include "support/skip.hpp"
#include "uvimap/mime/body_text.hpp"
#include "uvimap/mime/header_block.hpp"
#include "uvimap/mime/header_value.hpp"
#include "uvimap/mime/utf8_text.hpp"

using namespace uvimap::mime;

namespace {

// The summary line of folder_summary.py: 60 characters of the text, with
// runs of white space made one space. Starts with a small prefix and fetches
// more (here: takes a longer prefix) while the text may still be too short.
std::string summary_text(std::string_view body, std::string_view encoding, std::string_view charset,
                         charset_converter& converter) {
    constexpr std::size_t k_characters = 60;
    for (std::size_t fetched = 16;; fetched *= 2) {
        const bool whole = fetched >= body.size();
        const decoded_text text =
            decode_body_text(body.substr(0, fetched), encoding, charset,
                             whole ? input_end::complete : input_end::truncated, converter);
        const std::string collapsed = collapse_white_space(text.text);
        if (whole || count_code_points(collapsed) >= k_characters)
            return std::string(first_code_points(collapsed, k_characters));
    }
}

}  // namespace

TEST_SUITE("mime: body text") {
    TEST_CASE("transfer encoding and charset are undone together") {
        charset_converter converter;
        struct body_case {
            std::string_view body;
            const char* encoding;
            const char* charset;
            const char* text;
        };
        const body_case cases[] = {
            {"caf=E9 cr=E8me", "quoted-printable", "iso-8859-1", "caf\xc3\xa9 cr\xc3\xa8me"},
            {"Y2Fmw6k=", "BASE64", "UTF-8", "caf\xc3\xa9"},
            {"k/qWe4zq", "base64", "shift_jis", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"},
            {"plain", "", "", "plain"},
            {"plain", "7bit", "us-ascii", "plain"},
            {"caf\xc3\xa9", "8bit", "", "caf\xc3\xa9"},
        };
        for (const body_case& c : cases) {
            CAPTURE(c.body);
            const decoded_text result =
                decode_body_text(c.body, c.encoding, c.charset, input_end::complete, converter);
            CHECK(result.text == c.text);
        }
    }

    TEST_CASE("problems of both steps are reported together") {
        charset_converter converter;
        const decoded_text result = decode_body_text("caf=E9=\r\n=ZZ", "quoted-printable", "utf-8",
                                                     input_end::complete, converter);
        CHECK(result.text == "caf\xef\xbf\xbd=ZZ");
        CHECK(result.problems.has(problem::bad_quoted_printable));
        CHECK(result.problems.has(problem::invalid_characters));
        const decoded_text unknown =
            decode_body_text("begin 644 x", "x-uuencode", "x-nope", input_end::complete, converter);
        CHECK(unknown.text == "begin 644 x");
        CHECK(unknown.problems.has(problem::unknown_transfer_encoding));
        CHECK(unknown.problems.has(problem::unknown_charset));
    }

    TEST_CASE("a truncated QP body in UTF-8 cut inside an escaped character") {
        charset_converter converter;
        // "été" is =C3=A9t=C3=A9: cuts inside the second escape of each
        // character give the text up to the character before.
        const std::string_view body = "=C3=A9t=C3=A9";
        const char* expected[] = {"",          "",
                                  "",          "",
                                  "",          "",
                                  "\xc3\xa9",  "\xc3\xa9t",
                                  "\xc3\xa9t", "\xc3\xa9t",
                                  "\xc3\xa9t", "\xc3\xa9t",
                                  "\xc3\xa9t", "\xc3\xa9t\xc3\xa9"};
        for (std::size_t cut = 0; cut <= body.size(); ++cut) {
            CAPTURE(cut);
            const decoded_text text = decode_body_text(body.substr(0, cut), "quoted-printable",
                                                       "utf-8", input_end::truncated, converter);
            CHECK(text.text == expected[cut]);
            CHECK(text.problems.empty());
        }
    }

    TEST_CASE("the book's sample mailbox summarises as in the chapter") {
        const auto path = uvimap::test::shared_file("fixtures/sample-mbox");
        if (!path) {
            uvimap::test::report_skip("UVIMAP_SHARED_DIR/fixtures/sample-mbox not found");
            return;
        }
        std::ifstream in(*path, std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        const std::string mbox = content.str();
        // The two single-part messages: header block, then body, up to the
        // next "From " line.
        std::vector<std::string_view> messages;
        std::size_t start = 0;
        while (start < mbox.size()) {
            const std::size_t next = mbox.find("\nFrom ", start);
            const std::size_t end = next == std::string::npos ? mbox.size() : next + 1;
            messages.push_back(std::string_view(mbox).substr(start, end - start));
            start = end;
        }
        REQUIRE(messages.size() == 3);
        const char* expected[][2] = {
            {"Administrator <admin@mail.example.com>",
             "We are happy that you have chosen to use example.com's indus"},
            {"Administrator <admin@mail.example.com>",
             "Administrator e-mails are sent as plain ASCII without MIME o"},
        };
        charset_converter converter;
        for (std::size_t i = 0; i < 2; ++i) {
            const std::string_view message = messages[i].substr(messages[i].find('\n') + 1);
            const std::size_t body_start = message.find("\n\n") + 2;
            const auto fields = parse_header_block(message.substr(0, body_start));
            const header_field* from = find_field(fields, "from");
            REQUIRE(from != nullptr);
            CHECK(decode_header_value(from->value, converter).text == expected[i][0]);
            CHECK(summary_text(message.substr(body_start), "", "", converter) == expected[i][1]);
        }
    }
}
