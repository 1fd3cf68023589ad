// What the mime decoders return: the decoded bytes or text, and what was
// wrong with the input.
//
// Broken encodings are normal in mail, so no decoder here throws or fails:
// each gives its best reading of the input and lists the kinds of damage it
// worked around in a `problem_set`. Callers that only display text can ignore
// the set; tools that diagnose a message can show it.
//
// `input_end` is how a caller says that the bytes are only the first part of
// something longer (IMAP `BODY.PEEK[1]<0.512>` returns such a prefix). A
// decoder given a truncated input stops before anything that could be the
// start of an escape, a base64 quantum or a multi-byte character cut by the
// end, so that what it returns is the longest prefix it can be sure of: the
// decoding of the whole input starts with it, and it never holds a U+FFFD
// that the whole would not.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace uvimap::mime {

// Whether the input is all there is, or only its first bytes.
enum class input_end {
    // The input is complete: whatever is cut short at its end is broken, and
    // is decoded as such (a U+FFFD for a partial character, for instance).
    complete,
    // The input is a prefix of something longer: a possibly partial escape,
    // quantum or character at its end is left out, not reported.
    truncated,
};

// The kinds of damage a decoder worked around. None of them stops decoding.
enum class problem : std::uint16_t {
    // The charset label is not one that iconv knows: the bytes were read as
    // UTF-8 where they form UTF-8 and as windows-1252 elsewhere.
    unknown_charset = 1u << 0,
    // Bytes that are not valid in their charset; each bad sequence became
    // U+FFFD.
    invalid_characters = 1u << 1,
    // 8-bit bytes with no charset to say what they are (raw bytes in a header,
    // a us-ascii or unlabelled body): read as UTF-8 where they form UTF-8 and
    // as windows-1252 elsewhere.
    unlabelled_eight_bit = 1u << 2,
    // Base64 with characters outside the alphabet (skipped), a stray '=' or a
    // lone final digit.
    bad_base64 = 1u << 3,
    // Quoted-printable with a '=' that starts neither an escape nor a soft
    // line break; the '=' was kept as it is.
    bad_quoted_printable = 1u << 4,
    // An RFC 2047 encoded word that could not be decoded (bad base64 or Q
    // text, or no closing `?=`) was kept as written.
    bad_encoded_word = 1u << 5,
    // An RFC 2231 parameter value with a bad %-escape (kept as it is) or
    // a missing continuation section (the value stops before the gap).
    bad_parameter = 1u << 6,
    // A Content-Transfer-Encoding this library does not know: the body was
    // passed through undecoded.
    unknown_transfer_encoding = 1u << 7,
};

// A short English description of one problem, for logs and diagnostics.
std::string_view to_string(problem p);

// A set of problems; empty when the input was clean.
class problem_set {
public:
    bool empty() const { return m_bits == 0; }
    bool has(problem p) const { return (m_bits & static_cast<std::uint16_t>(p)) != 0; }
    void add(problem p) { m_bits |= static_cast<std::uint16_t>(p); }
    void add(problem_set other) { m_bits |= other.m_bits; }

    friend bool operator==(problem_set, problem_set) = default;

private:
    std::uint16_t m_bits = 0;
};

// Bytes after a transfer decoding (quoted-printable, base64): still in the
// part's charset.
struct decoded_bytes {
    std::string bytes;
    problem_set problems;
};

// Text converted to UTF-8. `text` is always well-formed UTF-8 (RFC 3629),
// whatever the input was.
struct decoded_text {
    std::string text;
    problem_set problems;
};

}  // namespace uvimap::mime
