// RFC 2047 encoded words in header values: every example of RFC 2047 §8
// and RFC 2231 §5, then the broken encodings real mail is full of.
#include <doctest/doctest.h>

#include <string_view>

#include "uvimap/mime/header_value.hpp"

using namespace uvimap::mime;

namespace {

struct header_case {
    std::string_view raw;
    std::string_view decoded;
};

void check_decodes(std::initializer_list<header_case> cases, problem_set expected_problems) {
    charset_converter converter;
    for (const header_case& c : cases) {
        CAPTURE(c.raw);
        const decoded_text result = decode_header_value(c.raw, converter);
        CHECK(result.text == c.decoded);
        CHECK(result.problems == expected_problems);
    }
}

problem_set only(problem p) {
    problem_set set;
    set.add(p);
    return set;
}

}  // namespace

TEST_SUITE("mime: header values") {
    TEST_CASE("RFC 2047 §8: the example header fields") {
        check_decodes(
            {
                {"=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>", "Keith Moore <moore@cs.utk.edu>"},
                {"=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>",
                 "Keld J\xc3\xb8rn Simonsen <keld@dkuug.dk>"},
                {"=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>",
                 "Andr\xc3\xa9 Pirard <PIRARD@vm1.ulg.ac.be>"},
                {"=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n"
                 "    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
                 "If you can read this you understand the example."},
                {"=?ISO-8859-1?Q?Olle_J=E4rnefors?= <ojarnef@admin.kth.se>",
                 "Olle J\xc3\xa4rnefors <ojarnef@admin.kth.se>"},
                {"ietf-822@dimacs.rutgers.edu, ojarnef@admin.kth.se",
                 "ietf-822@dimacs.rutgers.edu, ojarnef@admin.kth.se"},
                {"Time for ISO 10646?", "Time for ISO 10646?"},
                {"=?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?= <paf@nada.kth.se>",
                 "Patrik F\xc3\xa4ltstr\xc3\xb6m <paf@nada.kth.se>"},
                {"Re: RFC-HDR care and feeding", "Re: RFC-HDR care and feeding"},
                {"Nathaniel Borenstein <nsb@thumper.bellcore.com>\r\n"
                 "      (=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)",
                 "Nathaniel Borenstein <nsb@thumper.bellcore.com>      ("
                 "\xd7\x9d\xd7\x95\xd7\x9c\xd7\xa9 \xd7\x9f\xd7\x91 "
                 "\xd7\x99\xd7\x9c\xd7\x98\xd7\xa4\xd7\xa0)"},
                {"Greg Vaudreuil <gvaudre@NRI.Reston.VA.US>, Ned Freed\r\n   <ned@innosoft.com>",
                 "Greg Vaudreuil <gvaudre@NRI.Reston.VA.US>, Ned Freed   <ned@innosoft.com>"},
            },
            {});
    }

    TEST_CASE("RFC 2047 §8: white space between encoded words") {
        check_decodes(
            {
                {"(=?ISO-8859-1?Q?a?=)", "(a)"},
                {"(=?ISO-8859-1?Q?a?= b)", "(a b)"},
                {"(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"},
                {"(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"},
                {"(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"},
                {"(=?ISO-8859-1?Q?a_b?=)", "(a b)"},
                {"(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"},
            },
            {});
    }

    TEST_CASE("RFC 2231 §5: a language in the charset") {
        check_decodes({{"=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"},
                       {"=?utf-8*de-CH?B?R3LDvGV6aQ==?=",
                        "Gr\xc3\xbc"
                        "ezi"}},
                      {});
    }

    TEST_CASE("encoded words where senders put them, not where RFC 2047 allows them") {
        check_decodes(
            {
                // Lower-case encodings.
                {"=?utf-8?b?Y2Fmw6k=?=", "caf\xc3\xa9"},
                {"=?utf-8?q?caf=c3=a9?=", "caf\xc3\xa9"},
                // Inside a quoted string, as Outlook and others write names.
                {"\"=?utf-8?q?J=C3=B6rg?=\" <j@example.org>", "\"J\xc3\xb6rg\" <j@example.org>"},
                {"\"Doe, =?utf-8?q?J=C3=B6rg?=\" <j@example.org>",
                 "\"Doe, J\xc3\xb6rg\" <j@example.org>"},
                // Glued to other text.
                {"Re:=?utf-8?q?caf=C3=A9?=!", "Re:caf\xc3\xa9!"},
                {"=?utf-8?q?a?==?utf-8?q?b?=", "ab"},
                // Q text with literal spaces (Python and Thunderbird accept it).
                {"=?utf-8?q?caf=C3=A9 au lait?=", "caf\xc3\xa9 au lait"},
                // Empty text.
                {"=?utf-8?q?"
                 "?=x",
                 "x"},  // split: "??=" is a trigraph
                {"=?utf-8?b?"
                 "?= =?utf-8?q?y?=",
                 "y"},
                // B text padded in the middle, where one word was made of two.
                {"=?utf-8?b?Zm8=Zm8=?=", "fofo"},
            },
            {});
    }

    TEST_CASE("encoded words split across lines and characters split across words") {
        check_decodes(
            {
                // Folded between words: the fold goes with the white space.
                {"=?utf-8?q?caf?=\r\n =?utf-8?q?=C3=A9?=", "caf\xc3\xa9"},
                {"=?utf-8?q?caf?=\n\t=?utf-8?q?=C3=A9?=", "caf\xc3\xa9"},
                // One UTF-8 character in two words (Q, then B: 日本 as
                // E6 97 A5 E6 | 9C AC).
                {"=?utf-8?q?caf=C3?= =?utf-8?q?=A9?=", "caf\xc3\xa9"},
                {"=?UTF-8?B?5pel5g==?= =?UTF-8?B?nKw=?=", "\xe6\x97\xa5\xe6\x9c\xac"},
                // A base64 quantum split across words (Thunderbird bug 493544).
                {"=?utf-8?B?Y2Fmw6?= =?utf-8?B?k=?=", "caf\xc3\xa9"},
                // Labels that differ only in case and language are one charset.
                {"=?UTF-8?Q?caf=C3?= =?utf-8*fr?Q?=A9?=", "caf\xc3\xa9"},
                // A word folded in the middle of its B text.
                {"=?utf-8?B?Y2Fm\r\n w6k=?=", "caf\xc3\xa9"},
                // Shift_JIS split between words, with a CRLF fold.
                {"=?shift_jis?B?k/o=?=\r\n =?shift_jis?B?lns=?=", "\xe6\x97\xa5\xe6\x9c\xac"},
                // A stateful charset across words.
                {"=?iso-2022-jp?B?GyRCRnw=?= =?iso-2022-jp?B?S1wbKEI=?=",
                 "\xe6\x97\xa5\xe6\x9c\xac"},
            },
            {});
    }

    TEST_CASE("white space next to ordinary text is kept") {
        check_decodes(
            {
                {"Re: =?utf-8?q?caf=C3=A9?= time", "Re: caf\xc3\xa9 time"},
                {"a =?utf-8?q?b?=  c", "a b  c"},
                {"  leading and trailing  ", "  leading and trailing  "},
                {"folded\r\n line", "folded line"},
                {"=? not a word ?=", "=? not a word ?="},
                {"a=?b", "a=?b"},
                {"What?= is =?this", "What?= is =?this"},
            },
            {});
    }

    TEST_CASE("unknown charsets are decoded as UTF-8 or windows-1252, and reported") {
        check_decodes({{"=?x-unknown-cs?Q?caf=C3=A9?=", "caf\xc3\xa9"},
                       {"=?x-unknown-cs?Q?caf=E9?=", "caf\xc3\xa9"},
                       {"=?utf-8//TRANSLIT?Q?x?=", "x"}},
                      only(problem::unknown_charset));
        // unknown-8bit is an honest "do not know", not an unknown charset.
        check_decodes({{"=?unknown-8bit?Q?caf=E9?=", "caf\xc3\xa9"}},
                      only(problem::unlabelled_eight_bit));
    }

    TEST_CASE("words that cannot be decoded are kept as written") {
        check_decodes(
            {
                {"=?utf-8?B?w6k*?=", "=?utf-8?B?w6k*?="},
                {"=?utf-8?Q?caf=ZZ?=", "=?utf-8?Q?caf=ZZ?="},
                {"=?utf-8?Q?end=?=", "=?utf-8?Q?end=?="},
                // A bad word breaks adjacency: its neighbours keep their space.
                {"=?utf-8?q?a?= =?utf-8?q?=ZZ?= =?utf-8?q?b?=", "a =?utf-8?q?=ZZ?= b"},
                // No closing "?=" (a Subject cut short).
                {"Subject =?utf-8?q?caf=C3=A9", "Subject =?utf-8?q?caf=C3=A9"},
                // An unterminated word does not swallow the next one.
                {"=?utf-8?q?broken =?utf-8?q?ok?=", "=?utf-8?q?broken ok"},
            },
            only(problem::bad_encoded_word));
    }

    TEST_CASE("invalid bytes inside a word become U+FFFD") {
        check_decodes({{"=?utf-8?q?a=FFb?=",
                        "a\xef\xbf\xbd"
                        "b"},
                       {"=?utf-8?q?caf=C3?= x", "caf\xef\xbf\xbd x"}},
                      only(problem::invalid_characters));
    }

    TEST_CASE("raw 8-bit headers: UTF-8 if it is, windows-1252 if not") {
        check_decodes({{"Caf\xc3\xa9 cr\xc3\xa8me", "Caf\xc3\xa9 cr\xc3\xa8me"},
                       {"Caf\xe9 cr\xe8me", "Caf\xc3\xa9 cr\xc3\xa8me"},
                       {"\x93quoted\x94 =?utf-8?q?caf=C3=A9?=",
                        "\xe2\x80\x9cquoted\xe2\x80\x9d caf\xc3\xa9"}},
                      only(problem::unlabelled_eight_bit));
    }

    TEST_CASE("a value of many encoded word starts costs linear time") {
        // Hostile input for a naive search of "?=" from every "=?".
        std::string hostile;
        for (int i = 0; i < 20000; ++i)
            hostile += "=?utf-8?q?x";
        charset_converter converter;
        const decoded_text result = decode_header_value(hostile, converter);
        CHECK(result.text == hostile);
        CHECK(result.problems.has(problem::bad_encoded_word));
        std::string many_words;
        for (int i = 0; i < 20000; ++i)
            many_words += "=?utf-8?q?x?= ";
        CHECK(decode_header_value(many_words, converter).text == std::string(20000, 'x') + " ");
    }
}
