// Modified UTF-7 (RFC 3501 §5.1.3): known answers, strict rejection of every
// non-canonical or malformed spelling, and randomized round trips.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>

#include "uvimap/wire/mutf7.hpp"
#include "uvimap/wire/utf8.hpp"

using namespace uvimap::wire;

namespace {

struct known_answer {
    const char* utf8;
    const char* mutf7;
};

// UTF-8 inputs are spelled as bytes so the test does not depend on the
// source file's encoding.
const known_answer k_known_answers[] = {
    {"", ""},
    {"INBOX", "INBOX"},
    {"~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
     "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},  // the RFC 3501 example
    {"&", "&-"},
    {"A&B", "A&-B"},
    {"Entw\xc3\xbcrfe", "Entw&APw-rfe"},
    {"\xf0\x9f\x98\x80", "&2D3eAA-"},  // U+1F600, a surrogate pair
    {"a\tb", "a&AAk-b"},               // controls are encoded too
    {"\x7f", "&AH8-"},
    {"\xc3\x84&\xc3\x96", "&AMQ-&-&ANY-"},
    {"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e&x", "&ZeVnLIqe-&-x"},
    {"\xd0\x9e\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5\xd0\xbd\xd0\xbd\xd1\x8b\xd0"
     "\xb5",
     "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-"},
    {"[Gmail]/Sent Mail", "[Gmail]/Sent Mail"},
};

struct bad_input {
    const char* input;
    mutf7_errc code;
    std::size_t offset;
};

const bad_input k_bad_decodes[] = {
    {"a\x01"
     "b",
     mutf7_errc::invalid_character, 1},
    {"a\xc3\xa9", mutf7_errc::invalid_character, 1},  // raw 8-bit
    {"tab\there", mutf7_errc::invalid_character, 3},
    {"\x7f", mutf7_errc::invalid_character, 0},
    {"&U,BTFw", mutf7_errc::unterminated_shift, 0},
    {"x&", mutf7_errc::unterminated_shift, 1},
    {"&U,B!Fw-", mutf7_errc::invalid_base64, 4},
    {"&U/BTFw-", mutf7_errc::invalid_base64, 2},  // '/' is plain base64, not modified
    {"&&-", mutf7_errc::invalid_base64, 1},
    {"&AGE-", mutf7_errc::encoded_printable_ascii, 3},  // 'a' encoded
    {"&ACY-", mutf7_errc::encoded_printable_ascii, 3},  // '&' encoded instead of "&-"
    {"&AOR-", mutf7_errc::invalid_padding, 4},          // non-zero padding bits
    {"&AOQA-", mutf7_errc::invalid_padding, 5},         // a superfluous base64 character
    {"&A-", mutf7_errc::invalid_padding, 2},
    {"&AOQ-&AOQ-", mutf7_errc::adjacent_shifted_runs, 5},
    {"&AGE-&AGE-", mutf7_errc::encoded_printable_ascii, 3},
    {"&2D0-", mutf7_errc::unpaired_surrogate, 3},     // lone high surrogate
    {"&3gA-", mutf7_errc::unpaired_surrogate, 3},     // lone low surrogate
    {"&2D0AOQ-", mutf7_errc::unpaired_surrogate, 3},  // high followed by a non-surrogate
    {"a&AAA-", mutf7_errc::nul_character, 4},         // U+0000 encoded
};

const bad_input k_bad_encodes[] = {
    {"\xc3", mutf7_errc::invalid_utf8, 0},              // truncated
    {"ok\xed\xa0\x80", mutf7_errc::invalid_utf8, 2},    // encoded surrogate
    {"\xc0\xaf", mutf7_errc::invalid_utf8, 0},          // overlong '/'
    {"\xe0\x80\xaf", mutf7_errc::invalid_utf8, 0},      // overlong, 3 bytes
    {"\xf4\x90\x80\x80", mutf7_errc::invalid_utf8, 0},  // above U+10FFFF
    {"a\x80", mutf7_errc::invalid_utf8, 1},             // stray continuation byte
    {"\xff", mutf7_errc::invalid_utf8, 0},
};

// A random code point, biased towards the cases that matter: printable
// ASCII (which ends runs), `&`, controls, BMP text and astral characters.
std::uint32_t random_code_point(std::mt19937& rng) {
    std::uniform_int_distribution<int> pick(0, 9);
    switch (pick(rng)) {
        case 0:
        case 1:
        case 2:
            return std::uniform_int_distribution<std::uint32_t>(0x20, 0x7e)(rng);
        case 3:
            return '&';
        case 4:
            return std::uniform_int_distribution<std::uint32_t>(0x01, 0x1f)(rng);
        case 5:
            return std::uniform_int_distribution<std::uint32_t>(0x80, 0x7ff)(rng);
        case 6:
        case 7: {
            std::uint32_t cp = std::uniform_int_distribution<std::uint32_t>(0x800, 0xfffd)(rng);
            if (cp >= 0xd800 && cp <= 0xdfff)
                cp -= 0x800;  // skip the surrogate block
            return cp;
        }
        default:
            return std::uniform_int_distribution<std::uint32_t>(0x10000, 0x10ffff)(rng);
    }
}

}  // namespace

TEST_SUITE("modified UTF-7") {
    TEST_CASE("known answers encode and decode both ways") {
        for (const auto& ka : k_known_answers) {
            CAPTURE(ka.mutf7);
            auto enc = encode_mutf7(ka.utf8);
            REQUIRE(enc.has_value());
            CHECK(*enc == ka.mutf7);
            auto dec = decode_mutf7(ka.mutf7);
            REQUIRE(dec.has_value());
            CHECK(*dec == ka.utf8);
        }
    }

    TEST_CASE("an empty shifted run means an ampersand") {
        auto dec = decode_mutf7("&-&-x&-");
        REQUIRE(dec.has_value());
        CHECK(*dec == "&&x&");
    }

    TEST_CASE("an escaped ampersand between runs is not an adjacent run") {
        auto dec = decode_mutf7("&AOQ-&-&AOQ-");
        REQUIRE(dec.has_value());
        CHECK(*dec == "\xc3\xa4&\xc3\xa4");
    }

    TEST_CASE("malformed and non-canonical input is rejected with offset and reason") {
        for (const auto& bad : k_bad_decodes) {
            CAPTURE(bad.input);
            auto dec = decode_mutf7(bad.input);
            REQUIRE_FALSE(dec.has_value());
            CHECK(to_string(dec.error().code) == to_string(bad.code));
            CHECK(dec.error().offset == bad.offset);
        }
    }

    TEST_CASE("invalid UTF-8 is rejected by the encoder with its offset") {
        for (const auto& bad : k_bad_encodes) {
            CAPTURE(bad.input);
            auto enc = encode_mutf7(bad.input);
            REQUIRE_FALSE(enc.has_value());
            CHECK(enc.error() == mutf7_error{bad.code, bad.offset});
            CHECK(find_invalid_utf8(bad.input) == bad.offset);
        }
    }

    TEST_CASE("NUL is refused in every form of a name") {
        const std::string with_nul("a\0b", 3);
        CHECK(encode_mutf7(with_nul).error() == mutf7_error{mutf7_errc::nul_character, 1});
        CHECK(encode_mailbox_name(with_nul, name_encoding::utf8).error() ==
              mutf7_error{mutf7_errc::nul_character, 1});
        CHECK(decode_mailbox_name(with_nul, name_encoding::utf8).error() ==
              mutf7_error{mutf7_errc::nul_character, 1});
        CHECK(decode_mutf7(with_nul).error() == mutf7_error{mutf7_errc::invalid_character, 1});
    }

    TEST_CASE("UTF8=ACCEPT names pass through unchanged but must be UTF-8") {
        const std::string name = "Entw\xc3\xbcrfe & \xf0\x9f\x98\x80";
        auto enc = encode_mailbox_name(name, name_encoding::utf8);
        REQUIRE(enc.has_value());
        CHECK(*enc == name);
        auto dec = decode_mailbox_name(name, name_encoding::utf8);
        REQUIRE(dec.has_value());
        CHECK(*dec == name);
        CHECK_FALSE(encode_mailbox_name("\xc3(", name_encoding::utf8).has_value());
        CHECK_FALSE(decode_mailbox_name("\xc3(", name_encoding::utf8).has_value());

        auto legacy = encode_mailbox_name("Entw\xc3\xbcrfe", name_encoding::mutf7);
        REQUIRE(legacy.has_value());
        CHECK(*legacy == "Entw&APw-rfe");
    }

    TEST_CASE("random Unicode strings round-trip through the canonical encoding") {
        std::mt19937 rng(20261127);
        std::uniform_int_distribution<int> length(0, 24);
        for (int iteration = 0; iteration < 3000; ++iteration) {
            std::string utf8;
            const int n = length(rng);
            for (int i = 0; i < n; ++i)
                append_utf8(utf8, random_code_point(rng));
            auto enc = encode_mutf7(utf8);
            REQUIRE(enc.has_value());
            for (char c : *enc) {
                REQUIRE(c >= 0x20);
                REQUIRE(c <= 0x7e);
            }
            auto dec = decode_mutf7(*enc);
            REQUIRE_MESSAGE(dec.has_value(), *enc);
            REQUIRE(*dec == utf8);
        }
    }

    TEST_CASE("append_utf8 and decode_utf8 agree at every length boundary") {
        for (std::uint32_t cp : {0x00u, 0x7fu, 0x80u, 0x7ffu, 0x800u, 0xd7ffu, 0xe000u, 0xffffu,
                                 0x10000u, 0x10ffffu}) {
            CAPTURE(cp);
            std::string utf8;
            append_utf8(utf8, cp);
            const utf8_sequence seq = decode_utf8(utf8, 0);
            CHECK(seq.length == utf8.size());
            CHECK(seq.code_point == cp);
            CHECK(find_invalid_utf8(utf8) == std::string_view::npos);
        }
        CHECK(decode_utf8("\xe2\x82", 0).length == 0);  // truncated
        CHECK(decode_utf8("a\xc3\xa9", 1).length == 2);
    }

    TEST_CASE("random bytes never crash the decoder and accepted input is canonical") {
        // Anything the decoder accepts must re-encode to the same bytes: the
        // strictness is what makes a name's spelling unique.
        std::mt19937 rng(7888);
        const std::string alphabet = "&-AQZaz09+,/!~ \x01\x80\xff";
        std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
        std::uniform_int_distribution<int> length(0, 16);
        int accepted = 0;
        for (int iteration = 0; iteration < 20000; ++iteration) {
            std::string input;
            const int n = length(rng);
            for (int i = 0; i < n; ++i)
                input += alphabet[pick(rng)];
            auto dec = decode_mutf7(input);
            if (!dec) {
                CHECK(dec.error().offset <= input.size());
                continue;
            }
            ++accepted;
            auto again = encode_mutf7(*dec);
            REQUIRE(again.has_value());
            REQUIRE_MESSAGE(*again == input, input);
        }
        CHECK(accepted > 100);
    }
}
