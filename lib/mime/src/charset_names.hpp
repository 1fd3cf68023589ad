// From the charset label a message gives to the decoder that reads it.
//
// Labels in mail are case-insensitive and full of aliases, misspellings and
// vendor names. Most go to iconv unchanged (glibc knows hundreds of
// aliases); the table in charset_names.cpp only lists the labels that iconv
// does not know, and the ones that mail clients deliberately read as a
// superset of what they say (WHATWG Encoding Standard practice): gb2312 as
// GB18030, ks_c_5601-1987 and euc-kr as windows-949, shift_jis as
// windows-31j, big5 as Big5-HKSCS, iso-8859-1 as windows-1252, tis-620 as
// windows-874. A message labelled with the subset uses the superset's extra
// characters often enough that reading it strictly would break real mail.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace uvimap::mime::detail {

enum class charset_family {
    // Decoded natively (native_charsets.hpp).
    utf8,
    windows1252,
    // us-ascii, unknown-8bit, no label: 8-bit bytes are guessed at.
    unlabelled,
    // Decoded by iconv under `charset_plan::iconv_name`.
    iconv,
    // A label that is malformed (not a plausible charset name) or that
    // iconv is then found not to know: guessed at, and reported.
    unknown,
};

struct charset_plan {
    charset_family family = charset_family::unlabelled;
    // For charset_family::iconv: the name to give iconv_open.
    std::string iconv_name;
    // The size of the charset's code unit, so that skipping a bad sequence
    // keeps UTF-16 and UTF-32 aligned.
    std::size_t unit = 1;
    // UTF-16 or UTF-32 without a stated byte order: the byte order mark
    // decides, and big-endian without one (RFC 2781 §4.3). glibc would
    // assume the machine's order instead.
    bool sniff_byte_order = false;
};

// A label in lower case, without quotes and white space around it, and
// without the language that RFC 2231 §5 lets an encoded word append
// (`utf-8*en`). Two labels that normalise alike name the same charset.
std::string normalise_charset_label(std::string_view label);

// Normalises a label and decides how to decode it. Never opens iconv itself.
charset_plan plan_charset(std::string_view label);

}  // namespace uvimap::mime::detail
