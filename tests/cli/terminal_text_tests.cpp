// Server text on the terminal: every control character, C1, bidi override
// and invalid byte escaped; printable text in any script unchanged.

#include <doctest/doctest.h>

#include <string>

#include "terminal_text.hpp"
#include "uvimap/wire/utf8.hpp"

using namespace uvimap::app;

namespace {

std::string utf8(std::uint32_t cp) {
    std::string out;
    uvimap::wire::append_utf8(out, cp);
    return out;
}

std::string hex_escape(unsigned value) {
    char text[8];
    std::snprintf(text, sizeof text, "\\x%02x", value);
    return text;
}

}  // namespace

TEST_SUITE("cli: terminal text") {
    TEST_CASE("every C0 control and DEL becomes \\xNN") {
        for (unsigned b = 0; b < 0x20; ++b) {
            CAPTURE(b);
            const std::string in = std::string("a") + static_cast<char>(b) + "b";
            CHECK(sanitize_for_terminal(in) == "a" + hex_escape(b) + "b");
        }
        CHECK(sanitize_for_terminal("\x7f") == "\\x7f");
        CHECK(sanitize_for_terminal("\x1b[2J\x1b]0;title\x07") == "\\x1b[2J\\x1b]0;title\\x07");
        CHECK(sanitize_for_terminal("line\r\nforged") == "line\\x0d\\x0aforged");
        CHECK(sanitize_for_terminal(std::string("nul\0byte", 8)) == "nul\\x00byte");
    }

    TEST_CASE("every C1 control in UTF-8 becomes \\u0080 .. \\u009f") {
        for (std::uint32_t cp = 0x80; cp <= 0x9f; ++cp) {
            CAPTURE(cp);
            char expected[8];
            std::snprintf(expected, sizeof expected, "\\u%04x", cp);
            CHECK(sanitize_for_terminal(utf8(cp)) == expected);
        }
    }

    TEST_CASE("bidirectional overrides, isolates and line separators are escaped") {
        for (std::uint32_t cp : {0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068,
                                 0x2069, 0x2028, 0x2029}) {
            CAPTURE(cp);
            char expected[8];
            std::snprintf(expected, sizeof expected, "\\u%04x", cp);
            CHECK(sanitize_for_terminal("x" + utf8(cp) + "y") == std::string("x") + expected + "y");
        }
        // "invoice_\u202Efdp.exe" would show as "invoice_exe.pdf".
        CHECK(sanitize_for_terminal("invoice_" + utf8(0x202e) + "fdp.exe") ==
              "invoice_\\u202efdp.exe");
    }

    TEST_CASE("bytes that are not UTF-8 are escaped one by one") {
        CHECK(sanitize_for_terminal("\xff") == "\\xff");
        CHECK(sanitize_for_terminal("\x9b"
                                    "31m") == "\\x9b31m");                  // raw 8-bit CSI
        CHECK(sanitize_for_terminal("a\xc3") == "a\\xc3");                  // cut sequence
        CHECK(sanitize_for_terminal("\xc0\xaf") == "\\xc0\\xaf");           // overlong '/'
        CHECK(sanitize_for_terminal("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // surrogate
        CHECK(sanitize_for_terminal("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // > U+10FFFF
        CHECK(sanitize_for_terminal("Gr\xfc\xdf"
                                    "e") == "Gr\\xfc\\xdfe");  // Latin-1
    }

    TEST_CASE("printable text in any script passes unchanged") {
        const char* texts[] = {
            "Plain ASCII: subjects, From <a@b.example>, tabs aside ~!@#$%^&*()",
            "C:\\Users\\alice and \\x1b written out",
            "Grüße aus Köln, Zoë Lefèvre, Łukasz Wójcik",
            "Встреча перенесена на понедельник",
            "来週の会議は火曜日に変更になりました。",
            "Η συνάντηση θα γίνει στις δέκα.",
            "שלום עולם and مرحبا بالعالم",                // right-to-left letters are text
            "left\xE2\x80\x8Eto\xE2\x80\x8Fright marks",  // U+200E, U+200F
            "emoji \xF0\x9F\x93\xA7 and U+00A0:\xC2\xA0.",
            "",
        };
        for (const char* text : texts) {
            CAPTURE(text);
            CHECK(sanitize_for_terminal(text) == text);
        }
    }

    TEST_CASE("the result is always printable UTF-8 without controls, whatever the input") {
        std::string all;
        for (int b = 0; b < 256; ++b)
            all += static_cast<char>(b);
        const std::string out = sanitize_for_terminal(all + all);
        CHECK(uvimap::wire::find_invalid_utf8(out) == std::string::npos);
        for (char c : out) {
            const auto b = static_cast<unsigned char>(c);
            CHECK((b >= 0x20 && b != 0x7f));
        }
    }

    TEST_CASE("append_sanitized appends") {
        std::string out = "From: ";
        append_sanitized(out, "Eve\x1b[8m");
        CHECK(out == "From: Eve\\x1b[8m");
    }

    TEST_CASE("sanitized_words joins with single spaces and makes each word safe") {
        CHECK(sanitized_words({}).empty());
        CHECK(sanitized_words({"\\Seen"}) == "\\Seen");
        CHECK(sanitized_words({"\\Seen", "$Evil\x1b[2J", "x"}) == "\\Seen $Evil\\x1b[2J x");
    }
}
