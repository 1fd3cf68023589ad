// MIME parameter values: RFC 2231's examples, and attachment names as
// mail clients actually write them.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "uvimap/mime/parameter.hpp"

using namespace uvimap::mime;

namespace {

std::optional<decoded_text> decode(std::vector<parameter> params, std::string_view name) {
    charset_converter converter;
    return decode_parameter(params, name, converter);
}

std::string text_of(std::vector<parameter> params, std::string_view name) {
    const auto result = decode(std::move(params), name);
    REQUIRE(result.has_value());
    CHECK(!result->problems.has(problem::bad_parameter));
    return result->text;
}

}  // namespace

TEST_SUITE("mime: parameters") {
    TEST_CASE("RFC 2231 §3: continuations") {
        CHECK(text_of({{"access-type", "URL"},
                       {"URL*0", "ftp://"},
                       {"URL*1", "cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"}},
                      "url") == "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar");
    }

    TEST_CASE("RFC 2231 §4: charset and language") {
        CHECK(text_of({{"title*", "us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A"}}, "title") ==
              "This is ***fun***");
    }

    TEST_CASE("RFC 2231 §4.1: charset, language and continuations together") {
        CHECK(text_of({{"title*0*", "us-ascii'en'This%20is%20even%20more%20"},
                       {"title*1*", "%2A%2A%2Afun%2A%2A%2A%20"},
                       {"title*2", "isn't it!"}},
                      "title") == "This is even more ***fun*** isn't it!");
    }

    TEST_CASE("attachment names as mail clients write them") {
        // Thunderbird, Apple Mail: UTF-8, a character split across sections.
        CHECK(text_of({{"FILENAME*0*", "utf-8''%E2%82"}, {"FILENAME*1*", "%AC%20rates.pdf"}},
                      "filename") == "\xe2\x82\xac rates.pdf");
        CHECK(text_of({{"filename*", "UTF-8''%e2%82%ac.txt"}}, "filename") == "\xe2\x82\xac.txt");
        CHECK(text_of({{"filename*", "iso-8859-1'de'F%FCr.txt"}}, "filename") == "F\xc3\xbcr.txt");
        // Outlook and Gmail: RFC 2047 in a plain value.
        CHECK(text_of({{"NAME", "=?utf-8?B?w6l0w6kucGRm?="}}, "name") == "\xc3\xa9t\xc3\xa9.pdf");
        CHECK(text_of({{"name", "=?iso-8859-1?Q?r=E9sum=E9?= 2024.pdf"}}, "name") ==
              "r\xc3\xa9sum\xc3\xa9 2024.pdf");
        // Raw 8-bit.
        CHECK(text_of({{"filename", "caf\xe9.txt"}}, "filename") == "caf\xc3\xa9.txt");
        // Plain ASCII, sections out of order.
        CHECK(text_of({{"name*1", "b"}, {"name*0", "a"}, {"name*2", "c"}}, "name") == "abc");
    }

    TEST_CASE("the RFC 2231 form wins over a plain value") {
        CHECK(text_of({{"filename", "fallback.pdf"}, {"filename*", "utf-8''r%C3%A9el.pdf"}},
                      "filename") ==
              "r\xc3\xa9"
              "el.pdf");
        CHECK(text_of({{"filename*0", "sec"}, {"filename", "plain"}, {"filename*1", "tions"}},
                      "filename") == "sections");
    }

    TEST_CASE("charsets: empty, missing, unknown") {
        CHECK(text_of({{"filename*", "''caf%C3%A9"}}, "filename") == "caf\xc3\xa9");
        CHECK(text_of({{"filename*", "caf%C3%A9"}}, "filename") == "caf\xc3\xa9");
        const auto unknown = decode({{"filename*", "x-nope''caf%E9"}}, "filename");
        REQUIRE(unknown.has_value());
        CHECK(unknown->text == "caf\xc3\xa9");
        CHECK(unknown->problems.has(problem::unknown_charset));
    }

    TEST_CASE("damage: bad escapes are kept, a missing section ends the value") {
        const auto escape = decode({{"filename*", "utf-8''100%.txt"}}, "filename");
        REQUIRE(escape.has_value());
        CHECK(escape->text == "100%.txt");
        CHECK(escape->problems.has(problem::bad_parameter));
        const auto gap = decode({{"name*0", "a"}, {"name*2", "c"}}, "name");
        REQUIRE(gap.has_value());
        CHECK(gap->text == "a");
        CHECK(gap->problems.has(problem::bad_parameter));
        // Duplicate sections: the first counts.
        CHECK(text_of({{"name*0", "a"}, {"name*0", "x"}, {"name*1", "b"}}, "name") == "ab");
        // Sections that do not start at 0 are ignored in favour of a plain value.
        const auto no_start = decode({{"name*1", "b"}, {"name", "plain"}}, "name");
        REQUIRE(no_start.has_value());
        CHECK(no_start->text == "plain");
    }

    TEST_CASE("names are matched exactly, without regard to case") {
        CHECK(!decode({}, "filename").has_value());
        CHECK(!decode({{"name", "x"}}, "filename").has_value());
        CHECK(!decode({{"filenamex", "x"}, {"filename*x", "y"}}, "filename").has_value());
        // A leading zero is no section number (RFC 2231 §3).
        CHECK(!decode({{"filename*01", "x"}}, "filename").has_value());
        CHECK(text_of({{"CharSet", "UTF-8"}}, "charset") == "UTF-8");
    }
}
