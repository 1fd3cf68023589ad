// Charset labels and their decoders: the aliases mail clients honour,
// the fallbacks for unknown and unlabelled text, invalid and cut sequences,
// and converters as independent objects.
#include <doctest/doctest.h>

#include <iconv.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "uvimap/mime/charset_converter.hpp"

using namespace uvimap::mime;

namespace {

struct label_case {
    const char* label;
    std::string_view bytes;
    const char* utf8;
};

// Each label with bytes that only the intended decoder reads correctly.
const label_case k_labels[] = {
    {"utf-8", "caf\xc3\xa9", "caf\xc3\xa9"},
    {"UTF8", "caf\xc3\xa9", "caf\xc3\xa9"},
    {" \"utf-8\" ", "caf\xc3\xa9", "caf\xc3\xa9"},
    {"utf-8*en", "caf\xc3\xa9", "caf\xc3\xa9"},  // RFC 2231 §5 language
    // ISO-8859-1 is read as windows-1252: 0x80 is the euro sign.
    {"iso-8859-1", "\x80 caf\xe9", "\xe2\x82\xac caf\xc3\xa9"},
    {"latin1", "caf\xe9", "caf\xc3\xa9"},
    {"ISO_8859-1", "caf\xe9", "caf\xc3\xa9"},
    {"cp1252", "\x93hi\x94", "\xe2\x80\x9chi\xe2\x80\x9d"},
    {"iso-8859-15", "\xa4", "\xe2\x82\xac"},
    {"windows-1251", "\xcf\xf0\xe8", "\xd0\x9f\xd1\x80\xd0\xb8"},
    {"koi8-r", "\xf0\xd2\xc9", "\xd0\x9f\xd1\x80\xd0\xb8"},
    {"unicode-1-1-utf-7", "Hi +ZeVnLIqe-", "Hi \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"},
    {"utf-7", "A+ImIDkQ.", "A\xe2\x89\xa2\xce\x91."},
    // Outlook's Korean label means windows-949.
    {"ks_c_5601-1987", "\xc7\xd1\xb1\xb9", "\xed\x95\x9c\xea\xb5\xad"},
    {"euc-kr", "\xc7\xd1\xb1\xb9", "\xed\x95\x9c\xea\xb5\xad"},
    // A GBK-only character under a gb2312 label (read as GB18030).
    {"gb2312", "\x81\x40", "\xe4\xb8\x82"},
    {"GBK", "\xd6\xd0", "\xe4\xb8\xad"},
    // shift_jis keeps ASCII's backslash and tilde (windows-31j).
    {"shift_jis", "\\~\x93\xfa", "\\~\xe6\x97\xa5"},
    {"x-sjis", "\x93\xfa", "\xe6\x97\xa5"},
    {"euc-jp", "\xc6\xfc", "\xe6\x97\xa5"},
    // Half-width katakana in ISO-2022-JP.
    {"iso-2022-jp", "\x1b$BF|\x1b(B \x1b(I1\x1b(B", "\xe6\x97\xa5 \xef\xbd\xb1"},
    {"big5", "\xa4\xa4\xa4\xe5", "\xe4\xb8\xad\xe6\x96\x87"},
    {"iso-8859-8-i", "\xf9\xec\xe5\xed", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"},
    {"iso-8859-6-i", "\xc7", "\xd8\xa7"},
    {"tis-620", "\xa1", "\xe0\xb8\x81"},
    {"macintosh", "\x8e", "\xc3\xa9"},
    // UTF-16 without a byte order mark is big-endian (RFC 2781).
    {"utf-16", std::string_view("\x00h\x00i", 4), "hi"},
    {"utf-16", std::string_view("\xff\xfeh\x00i\x00", 6), "hi"},
    {"utf-16", std::string_view("\xfe\xff\x00h\x00i", 6), "hi"},
    {"UTF-16LE", std::string_view("\x3d\xd8\x00\xde", 4), "\xf0\x9f\x98\x80"},
    {"utf-32", std::string_view("\x00\x00\x00h", 4), "h"},
    {"utf-32", std::string_view("\xff\xfe\x00\x00h\x00\x00\x00", 8), "h"},
};

}  // namespace

TEST_SUITE("mime: charsets") {
    TEST_CASE("labels and aliases reach the decoder that reads their bytes") {
        charset_converter converter;
        for (const label_case& c : k_labels) {
            const std::string_view label = c.label;
            CAPTURE(label);
            const decoded_text result = converter.to_utf8(c.bytes, c.label);
            CHECK(result.text == c.utf8);
            CHECK(result.problems.empty());
        }
    }

    TEST_CASE("windows-1252 is decoded as the WHATWG standard defines it") {
        // Every byte that glibc's CP1252 knows decodes the same way natively;
        // the five bytes it leaves undefined are the C1 controls.
        iconv_t reference = iconv_open("UTF-8", "CP1252");
        REQUIRE(reference != reinterpret_cast<iconv_t>(-1));
        charset_converter converter;
        for (int b = 0x80; b <= 0xff; ++b) {
            CAPTURE(b);
            std::string in(1, static_cast<char>(b));
            char out[8];
            char* in_next = in.data();
            std::size_t in_left = 1;
            char* out_next = out;
            std::size_t out_left = sizeof out;
            const decoded_text native = converter.to_utf8(in, "windows-1252");
            if (iconv(reference, &in_next, &in_left, &out_next, &out_left) ==
                static_cast<std::size_t>(-1)) {
                CHECK((b == 0x81 || b == 0x8d || b == 0x8f || b == 0x90 || b == 0x9d));
                CHECK(native.text == std::string("\xc2") + static_cast<char>(b));
            } else {
                CHECK(native.text == std::string(out, out_next));
            }
        }
        iconv_close(reference);
    }

    TEST_CASE("unlabelled 8-bit bytes are UTF-8 where they can be, windows-1252 elsewhere") {
        charset_converter converter;
        for (const char* label : {"", "us-ascii", "x-unknown", "unknown-8bit", "ascii"}) {
            const std::string_view l = label;
            CAPTURE(l);
            CHECK(converter.to_utf8("plain", label).problems.empty());
            const decoded_text utf8 = converter.to_utf8("caf\xc3\xa9", label);
            CHECK(utf8.text == "caf\xc3\xa9");
            CHECK(utf8.problems.has(problem::unlabelled_eight_bit));
            CHECK(converter.to_utf8("caf\xe9", label).text == "caf\xc3\xa9");
            // Both in one text, byte by byte.
            CHECK(converter.to_utf8("\xc3\xa9t\xe9 \x80", label).text ==
                  "\xc3\xa9t\xc3\xa9 \xe2\x82\xac");
        }
    }

    TEST_CASE("unknown and implausible labels are read like unlabelled text, and reported") {
        charset_converter converter;
        for (const char* label : {"x-foo-bar", "utf-8//TRANSLIT", "utf 8", "\xc3\xa9",
                                  "a-label-that-is-far-too-long-to-be-a-charset-name"}) {
            const std::string_view l = label;
            CAPTURE(l);
            const decoded_text result = converter.to_utf8("caf\xc3\xa9 na\xefve", label);
            CHECK(result.text == "caf\xc3\xa9 na\xc3\xafve");
            CHECK(result.problems.has(problem::unknown_charset));
        }
        // The label alone is the problem: reported even for ASCII.
        CHECK(converter.to_utf8("ok", "x-foo-bar").problems.has(problem::unknown_charset));
    }

    TEST_CASE("invalid sequences become U+FFFD, one per maximal subpart") {
        charset_converter converter;
        const decoded_text utf8 = converter.to_utf8(
            "a\xff"
            "b\xe2\x82"
            "c\xed\xa0\x80",
            "utf-8");
        // 0xFF; E2 82 cut by 'c'; ED A0 80 is a surrogate: ED, then A0 and 80 alone.
        CHECK(utf8.text ==
              "a\xef\xbf\xbd"
              "b\xef\xbf\xbd"
              "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
        CHECK(utf8.problems.has(problem::invalid_characters));
        const decoded_text sjis = converter.to_utf8("a\x82 b", "shift_jis");
        CHECK(sjis.text == "a\xef\xbf\xbd b");  // the ASCII trail byte survives
        CHECK(sjis.problems.has(problem::invalid_characters));
        // UTF-16 stays aligned after a lone surrogate.
        const decoded_text utf16 =
            converter.to_utf8(std::string_view("\xdc\x00\x00h\x00i", 6), "utf-16be");
        CHECK(utf16.text == "\xef\xbf\xbdhi");
    }

    TEST_CASE("a character cut by the end is U+FFFD when complete, left out when truncated") {
        charset_converter converter;
        struct cut_case {
            const char* label;
            std::string_view bytes;
            const char* kept;
        };
        const cut_case cases[] = {
            {"utf-8", "caf\xc3", "caf"},
            {"utf-8", "x\xf0\x9f\x98", "x"},
            {"shift_jis", "a\x93", "a"},
            {"gb18030", "a\x81\x30\x81", "a"},
            {"iso-2022-jp", "a\x1b$", "a"},
            {"iso-2022-jp", "a\x1b$BF", "a"},
            {"utf-16be", std::string_view("\x00h\xd8\x3d\xde", 5), "h"},
        };
        for (const cut_case& c : cases) {
            const std::string_view label = c.label;
            CAPTURE(label);
            const decoded_text truncated =
                converter.to_utf8(c.bytes, c.label, input_end::truncated);
            CHECK(truncated.text == c.kept);
            CHECK(truncated.problems.empty());
            const decoded_text complete = converter.to_utf8(c.bytes, c.label, input_end::complete);
            CHECK(complete.text == std::string(c.kept) + "\xef\xbf\xbd");
            CHECK(complete.problems.has(problem::invalid_characters));
        }
        // Unlabelled: a cut UTF-8 sequence is nothing yet; at the end of a
        // complete text, its bytes are windows-1252.
        CHECK(converter.to_utf8("caf\xc3", "", input_end::truncated).text == "caf");
        CHECK(converter.to_utf8("caf\xc3", "", input_end::complete).text == "caf\xc3\x83");
    }

    TEST_CASE("a charset that holds a character back flushes it only when complete") {
        // glibc's windows-1255 waits for a combining mark after each letter.
        charset_converter converter;
        const decoded_text complete = converter.to_utf8("\xf9\xec\xe5\xed", "windows-1255");
        CHECK(complete.text == "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
        const decoded_text truncated =
            converter.to_utf8("\xf9\xec\xe5\xed", "windows-1255", input_end::truncated);
        CHECK(complete.text.starts_with(truncated.text));
        CHECK(truncated.text.size() < complete.text.size());
    }

    TEST_CASE("a UTF-8 byte order mark is dropped") {
        charset_converter converter;
        CHECK(converter.to_utf8("\xef\xbb\xbfhi", "utf-8").text == "hi");
        CHECK(converter.to_utf8("\xef\xbb\xbfhi", "").text == "hi");
        CHECK(converter.to_utf8("\xef\xbb", "utf-8", input_end::truncated).text.empty());
    }

    TEST_CASE("many charsets through one converter: evicted descriptors reopen cleanly") {
        charset_converter converter;
        const char* labels[] = {"iso-8859-2", "iso-8859-3",   "iso-8859-4",   "iso-8859-5",
                                "iso-8859-7", "iso-8859-9",   "iso-8859-13",  "iso-8859-15",
                                "koi8-u",     "windows-1250", "windows-1253", "cp850",
                                "x-nope"};
        for (int round = 0; round < 3; ++round) {
            for (const char* label : labels) {
                CHECK(converter.to_utf8("plain ascii", label).text == "plain ascii");
                // A stateful decoder left in the middle of a run is reset.
                CHECK(converter.to_utf8("+ZeV", "utf-7", input_end::truncated).text ==
                      "\xe6\x97\xa5");
                CHECK(converter.to_utf8("+AGE-", "utf-7").text == "a");
            }
        }
    }

    TEST_CASE("converters are independent: one per thread, no shared state") {
        const auto work = [](const char* label, std::string_view bytes, const char* expected,
                             int* failures) {
            charset_converter converter;
            for (int i = 0; i < 2000; ++i) {
                // Truncated, so a stateful decoder stops in a shifted state.
                if (converter.to_utf8(bytes, label, input_end::truncated).text != expected)
                    ++*failures;
            }
        };
        int failures[3] = {};
        std::thread a(work, "iso-2022-jp", "\x1b$BF|K\\", "\xe6\x97\xa5\xe6\x9c\xac", &failures[0]);
        std::thread b(work, "utf-7", "+ZeVnLA", "\xe6\x97\xa5\xe6\x9c\xac", &failures[1]);
        std::thread c(work, "gb2312", "\xd6\xd0\xce\xc4", "\xe4\xb8\xad\xe6\x96\x87", &failures[2]);
        a.join();
        b.join();
        c.join();
        CHECK(failures[0] == 0);
        CHECK(failures[1] == 0);
        CHECK(failures[2] == 0);
    }

    TEST_CASE("a moved-from converter's descriptors move with it") {
        charset_converter first;
        CHECK(first.to_utf8("\xa4", "iso-8859-15").text == "\xe2\x82\xac");
        charset_converter second = std::move(first);
        CHECK(second.to_utf8("\xa4", "iso-8859-15").text == "\xe2\x82\xac");
        first = std::move(second);
        CHECK(first.to_utf8("\xa4", "iso-8859-15").text == "\xe2\x82\xac");
    }

    TEST_CASE("append_utf8 adds to a text and its problems") {
        charset_converter converter;
        std::string text = "A: ";
        problem_set problems;
        converter.append_utf8(text, problems, "caf\xe9", "latin1");
        converter.append_utf8(text, problems, "\xff", "utf-8");
        CHECK(text == "A: caf\xc3\xa9\xef\xbf\xbd");
        CHECK(problems.has(problem::invalid_characters));
    }
}
