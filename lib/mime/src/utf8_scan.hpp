// Reading UTF-8 one sequence at a time, telling a sequence that is cut by
// the end of the input from one that is broken.
//
// The decoders need that distinction for truncated input (result.hpp): a
// character cut by the end of a prefix is left out, while a broken one is
// replaced. Broken input is measured in "maximal subparts" (Unicode §3.9,
// U+FFFD substitution of maximal subparts, as the WHATWG Encoding Standard
// does it): the longest run of bytes that starts like a well-formed sequence,
// so that one U+FFFD stands for it and decoding resumes at the next byte.
#pragma once

#include <cstddef>
#include <string_view>

namespace uvimap::mime::detail {

// U+FFFD REPLACEMENT CHARACTER in UTF-8.
inline constexpr std::string_view k_replacement_character = "\xef\xbf\xbd";

// U+FEFF as a byte order mark at the start of UTF-8 text.
inline constexpr std::string_view k_utf8_byte_order_mark = "\xef\xbb\xbf";

enum class utf8_status {
    // `length` bytes form one well-formed sequence (RFC 3629).
    valid,
    // The input ends after `length` bytes that begin a well-formed sequence.
    incomplete,
    // `length` bytes (at least one) are a maximal subpart: not a sequence.
    invalid,
};

struct utf8_step {
    utf8_status status = utf8_status::invalid;
    std::size_t length = 1;
};

// Reads the sequence that starts at `text[pos]`; `pos` must be in range.
utf8_step scan_utf8(std::string_view text, std::size_t pos);

}  // namespace uvimap::mime::detail
