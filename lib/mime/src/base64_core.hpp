// The base64 reading shared by bodies (base64.cpp) and RFC 2047 B-encoded
// words (header_value.cpp): digits accumulate into bytes, white space is
// skipped, and '=' padding closes a quantum. The two differ only in what
// padding means for what follows, and in what they make of other characters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace uvimap::mime::detail {

// Base64 decoding state between calls: the bits of an unfinished quantum.
// A B-encoded word may end in the middle of a quantum that the next word
// finishes (Thunderbird handles such headers, bug 493544), so the state
// outlives one piece of text.
struct base64_state {
    std::uint32_t bits = 0;
    // Digits of the current quantum (0 to 3).
    std::size_t digits = 0;
    // '=' still expected after a padded quantum ("QQ==" needs two).
    std::size_t padding_left = 0;
};

// What '=' padding means for the rest of the text.
enum class padding {
    // The data ends: bodies stop there, as RFC 2045 §6.8 says and Python's
    // binascii does; whatever follows (often junk) is ignored.
    ends_data,
    // Only the quantum ends: the words of one header each pad their text,
    // and are decoded together.
    ends_quantum,
};

// Appends the bytes that `text` completes. Returns the number of characters
// that are neither digits, white space nor well-placed padding (skipped).
std::size_t decode_base64_text(std::string_view text, base64_state& state, padding rule,
                               std::string& out);

}  // namespace uvimap::mime::detail
