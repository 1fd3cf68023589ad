// Quoted-printable and base64 (RFC 2045 §6.7, §6.8): known answers, the
// damage real mail has, and how a cut at the end of a truncated input is
// treated. Every prefix of longer bodies is covered by prefix_tests.cpp.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "uvimap/mime/base64.hpp"
#include "uvimap/mime/quoted_printable.hpp"
#include "uvimap/mime/transfer_encoding.hpp"

using namespace uvimap::mime;

namespace {

struct decoding_case {
    std::string_view encoded;
    std::string_view decoded;
    bool damaged;  // whether a problem is reported
};

void check_cases(decoded_bytes (*decode)(std::string_view, input_end), input_end end,
                 std::initializer_list<decoding_case> cases) {
    for (const decoding_case& c : cases) {
        CAPTURE(c.encoded);
        const decoded_bytes result = decode(c.encoded, end);
        CHECK(result.bytes == c.decoded);
        CHECK(result.problems.empty() == !c.damaged);
    }
}

}  // namespace

TEST_SUITE("mime: quoted-printable") {
    TEST_CASE("RFC 2045 §6.7: escapes, soft line breaks, transport padding") {
        check_cases(decode_quoted_printable, input_end::complete,
                    {
                        {"", "", false},
                        {"plain text", "plain text", false},
                        {"a=3Db", "a=b", false},
                        {"caf=C3=A9", "caf\xc3\xa9", false},
                        // The rule 5 example: soft line breaks join lines.
                        {"Now's the time =\r\nfor all folk to come=\r\n to the aid of "
                         "their country.",
                         "Now's the time for all folk to come to the aid of their country.", false},
                        // Hard line breaks stay, as they are written.
                        {"line 1\r\nline 2\nline 3", "line 1\r\nline 2\nline 3", false},
                        // Rule 3: trailing white space was added in transport.
                        {"abc  \r\ndef\t\r\nghi \t", "abc\r\ndef\r\nghi", false},
                        // ... but white space before a soft line break is text.
                        {"abc =\r\ndef", "abc def", false},
                        {"=20\r\n", " \r\n", false},
                        // A soft line break followed by transport padding.
                        {"abc= \t\r\ndef", "abcdef", false},
                        {"abc=\ndef", "abcdef", false},
                        // A final soft line break.
                        {"abc=", "abc", false},
                        {"abc=  ", "abc", false},
                    });
    }

    TEST_CASE("real-world damage: lower-case hex, bad escapes, raw 8-bit bytes") {
        check_cases(decode_quoted_printable, input_end::complete,
                    {
                        {"caf=c3=a9", "caf\xc3\xa9", false},
                        {"caf=C3=a9", "caf\xc3\xa9", false},
                        {"50% = half", "50% = half", true},
                        {"a=ZZb", "a=ZZb", true},
                        {"a=4Gb", "a=4Gb", true},
                        {"ends with =4", "ends with =4", true},
                        {"x=\ry", "x=\ry", true},
                        {"raw caf\xe9", "raw caf\xe9", false},
                        {"bare\rCR", "bare\rCR", false},
                    });
    }

    TEST_CASE("a truncated input leaves out what its end may have cut") {
        check_cases(decode_quoted_printable, input_end::truncated,
                    {
                        {"abc=", "abc", false},    // an escape or a soft line break
                        {"abc=4", "abc", false},   // half an escape
                        {"abc=\r", "abc", false},  // half a soft line break
                        {"abc= ", "abc", false},   // a soft line break with padding
                        {"abc=\r\n", "abc", false},
                        {"abc  ", "abc", false},     // maybe trailing white space
                        {"abc \r", "abc", false},    // maybe trailing, before a line end
                        {"abc\r", "abc\r", false},   // a CR is a CR either way
                        {"abc=4G", "abc=4G", true},  // cannot be an escape any more
                        {"abc=41", "abcA", false},
                        {"a b", "a b", false},
                    });
    }
}

TEST_SUITE("mime: base64") {
    TEST_CASE("RFC 4648 §10 test vectors") {
        check_cases(decode_base64, input_end::complete,
                    {
                        {"", "", false},
                        {"Zg==", "f", false},
                        {"Zm8=", "fo", false},
                        {"Zm9v", "foo", false},
                        {"Zm9vYg==", "foob", false},
                        {"Zm9vYmE=", "fooba", false},
                        {"Zm9vYmFy", "foobar", false},
                    });
    }

    TEST_CASE("line breaks and white space anywhere are skipped") {
        check_cases(decode_base64, input_end::complete,
                    {
                        {"Zm9v\r\nYmFy\r\n", "foobar", false},
                        {"Zm\n9v Ym\tFy", "foobar", false},
                        {"  Zm9vYg==\r\n\r\n", "foob", false},
                    });
    }

    TEST_CASE("real-world damage: garbage skipped, data ends at padding") {
        check_cases(decode_base64, input_end::complete,
                    {
                        {"Zm9v*YmFy", "foobar", true},
                        {"Zm9v\xc3\xa9YmFy", "foobar", true},
                        {"=Zm9v", "foo", true},
                        // Padding ends the data: junk after it is ignored.
                        {"Zm8=Zm9v", "fo", false},
                        {"Zg==\r\n-- \r\nlist footer", "f", false},
                        // Missing padding is no loss.
                        {"Zm9vYmE", "fooba", false},
                        {"Zm9vYg", "foob", false},
                        // A lone final digit holds no byte.
                        {"Zm9vY", "foo", true},
                    });
    }

    TEST_CASE("a truncated input gives every byte whose bits are in") {
        check_cases(decode_base64, input_end::truncated,
                    {
                        {"Zm9vY", "foo", false},
                        {"Zm9vYm", "foob", false},
                        {"Zm9vYmF", "fooba", false},
                        {"Zm9vYmFy\r", "foobar", false},
                        {"Zm9vYg=", "foob", false},
                    });
    }
}

TEST_SUITE("mime: transfer encodings") {
    TEST_CASE("names are read without regard to case, quotes and white space") {
        CHECK(parse_transfer_encoding("") == transfer_encoding::seven_bit);
        CHECK(parse_transfer_encoding("7BIT") == transfer_encoding::seven_bit);
        CHECK(parse_transfer_encoding("8bit") == transfer_encoding::eight_bit);
        CHECK(parse_transfer_encoding("Binary") == transfer_encoding::binary);
        CHECK(parse_transfer_encoding(" Quoted-Printable ") == transfer_encoding::quoted_printable);
        CHECK(parse_transfer_encoding("\"base64\"") == transfer_encoding::base64);
        CHECK(parse_transfer_encoding("BASE64") == transfer_encoding::base64);
        CHECK(parse_transfer_encoding("x-uuencode") == transfer_encoding::unknown);
        CHECK(parse_transfer_encoding("quoted_printable") == transfer_encoding::unknown);
    }

    TEST_CASE("identity encodings pass bytes through, and unknown ones too, reported") {
        const std::string_view body("a=3D\0\xff", 6);
        for (const auto encoding : {transfer_encoding::seven_bit, transfer_encoding::eight_bit,
                                    transfer_encoding::binary}) {
            const decoded_bytes result = decode_transfer_encoding(body, encoding);
            CHECK(result.bytes == body);
            CHECK(result.problems.empty());
        }
        const decoded_bytes unknown = decode_transfer_encoding(body, transfer_encoding::unknown);
        CHECK(unknown.bytes == body);
        CHECK(unknown.problems.has(problem::unknown_transfer_encoding));
    }

    TEST_CASE("quoted-printable and base64 are decoded") {
        CHECK(decode_transfer_encoding("a=3Db", transfer_encoding::quoted_printable).bytes ==
              "a=b");
        CHECK(decode_transfer_encoding("Zm9v", transfer_encoding::base64).bytes == "foo");
        CHECK(decode_transfer_encoding("Zm9vY", transfer_encoding::base64, input_end::truncated)
                  .problems.empty());
    }
}
