// Counting, cutting and collapsing UTF-8 text by code points.
#include <doctest/doctest.h>

#include <string>

#include "uvimap/mime/utf8_text.hpp"

using namespace uvimap::mime;

TEST_SUITE("mime: utf8 text") {
    TEST_CASE("code points are counted, not bytes") {
        CHECK(count_code_points("") == 0);
        CHECK(count_code_points("abc") == 3);
        CHECK(count_code_points("gr\xc3\xbc\xc3\x9f") == 4);        // grüß
        CHECK(count_code_points("\xe6\x97\xa5\xe6\x9c\xac") == 2);  // 日本
        CHECK(count_code_points("\xf0\x9f\x98\x80!") == 2);         // 😀!
    }

    TEST_CASE("first_code_points never cuts a character") {
        const std::string text = "a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80z";  // aé日😀z
        CHECK(first_code_points(text, 0) == "");
        CHECK(first_code_points(text, 1) == "a");
        CHECK(first_code_points(text, 2) == "a\xc3\xa9");
        CHECK(first_code_points(text, 3) == "a\xc3\xa9\xe6\x97\xa5");
        CHECK(first_code_points(text, 4) == "a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80");
        CHECK(first_code_points(text, 5) == text);
        CHECK(first_code_points(text, 60) == text);
    }

    TEST_CASE("runs of white space become one space, and the ends are trimmed") {
        CHECK(collapse_white_space("") == "");
        CHECK(collapse_white_space(" \t\r\n") == "");
        CHECK(collapse_white_space("  We are\r\n\r\nhappy\tthat  ") == "We are happy that");
        CHECK(collapse_white_space("a\v\fb") == "a b");
        // No-break space, ideographic space, line separator, NEL, thin space.
        CHECK(collapse_white_space("a\xc2\xa0\xe3\x80\x80z") == "a z");
        CHECK(collapse_white_space("a\xe2\x80\xa8z\xc2\x85y\xe2\x80\x89x") == "a z y x");
        // Characters that share a lead byte with a space are left alone.
        CHECK(collapse_white_space("\xc2\xa9 \xe2\x80\x94") == "\xc2\xa9 \xe2\x80\x94");
    }

    TEST_CASE("every Unicode white space character counts, and nothing that looks like one") {
        const char32_t spaces[] = {0x85,   0xa0,   0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
                                   0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
                                   0x2028, 0x2029, 0x202f, 0x205f, 0x3000};
        const auto utf8 = [](char32_t c) {
            std::string out;
            if (c < 0x800) {
                out += static_cast<char>(0xc0 | (c >> 6));
            } else {
                out += static_cast<char>(0xe0 | (c >> 12));
                out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
            }
            out += static_cast<char>(0x80 | (c & 0x3f));
            return out;
        };
        for (char32_t space : spaces) {
            CAPTURE(static_cast<unsigned>(space));
            CHECK(collapse_white_space("a" + utf8(space) + "z") == "a z");
        }
        for (char32_t other : {U'\u200b', U'\u2010', U'\u2030', U'\u3001', U'\u1681', U'\u00a1'}) {
            CAPTURE(static_cast<unsigned>(other));
            CHECK(collapse_white_space("a" + utf8(other) + "z") == "a" + utf8(other) + "z");
        }
        // A lead byte cut off at the end is kept as it is.
        CHECK(collapse_white_space("a \xe2\x80") == "a \xe2\x80");
        CHECK(collapse_white_space("a \xc2") == "a \xc2");
    }
}
