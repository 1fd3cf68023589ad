// Character classes and ASCII case, shared by the response grammar and the
// command encoder, so that both sides of the wire agree on what an atom is.
// Private to the wire library.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace uvimap::wire::detail {

// Upper-cases ASCII letters only: IMAP keywords are ASCII and matched without
// regard to case (RFC 9051 §9, note 1); every other byte stays as it is.
constexpr char ascii_upper(char c) noexcept {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

// True if `word` is `keyword` in any case. `keyword` must be upper case, as
// every keyword the library compares with is, so only `word` is converted.
constexpr bool is_keyword(std::string_view word, std::string_view keyword) noexcept {
    if (word.size() != keyword.size()) {
        return false;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (ascii_upper(word[i]) != keyword[i]) {
            return false;
        }
    }
    return true;
}

// Bits of k_char_classes.
enum : std::uint8_t {
    // ATOM-CHAR of RFC 9051 §9, plus 8-bit bytes, which servers put in
    // unquoted mailbox names and labels. The encoder, which must send strict
    // atoms, adds the 7-bit test itself (is_strict_atom_char()).
    k_atom = 1,
    // ASTRING-CHAR: ATOM-CHAR and ']'.
    k_astring = 2,
    // The characters of a tag: ASTRING-CHAR except '+'.
    k_tag = 4,
    // Digits, ':', ',' and '*': the characters of a sequence set.
    k_seq = 8,
    // The bytes at which the scan of a quoted string stops to look closer.
    k_quoted_stop = 16,
};

// atom-specials of RFC 9051 §9, apart from SP and CTL: "(" / ")" / "{" /
// list-wildcards / quoted-specials / resp-specials.
constexpr bool is_atom_special(int c) noexcept {
    return c == '(' || c == ')' || c == '{' || c == '%' || c == '*' || c == '"' || c == '\\' ||
           c == ']';
}

constexpr std::array<std::uint8_t, 256> make_char_classes() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0x21; c < 0x100; ++c) {
        if (c == 0x7f || is_atom_special(c)) {
            continue;
        }
        t[c] |= k_atom | k_astring;
        if (c != '+') {
            t[c] |= k_tag;
        }
    }
    t[']'] |= k_astring | k_tag;
    for (int c = '0'; c <= '9'; ++c) {
        t[c] |= k_seq;
    }
    t[':'] |= k_seq;
    t[','] |= k_seq;
    t['*'] |= k_seq;
    t['"'] |= k_quoted_stop;
    t['\\'] |= k_quoted_stop;
    t['\r'] |= k_quoted_stop;
    t['\n'] |= k_quoted_stop;
    return t;
}

inline constexpr std::array<std::uint8_t, 256> k_char_classes = make_char_classes();

constexpr bool is(char c, std::uint8_t cls) noexcept {
    return (k_char_classes[static_cast<unsigned char>(c)] & cls) != 0;
}

// RFC 9051 ATOM-CHAR exactly: 7-bit only, as the encoder must send it.
constexpr bool is_strict_atom_char(char c) noexcept {
    return static_cast<unsigned char>(c) < 0x80 && is(c, k_atom);
}

}  // namespace uvimap::wire::detail
