// UTF-8 as the wire layer needs it: well-formedness checks and conversion
// between code points and bytes.
//
// Mailbox names (modified UTF-7 <-> UTF-8), the encoder's choice between a
// quoted string and a literal under UTF8=ACCEPT, and tools that print what
// the parser returns all need the same definition of "well-formed", so it
// lives here once. That definition is RFC 3629's: no overlong forms, no
// surrogates (U+D800..U+DFFF) and nothing above U+10FFFF. Accepting any of
// those would let two byte strings stand for one name, or hand text to the
// application that other UTF-8 decoders reject.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace uvimap::wire {

// One decoded UTF-8 sequence. `length` is 0 when the bytes were not a
// well-formed sequence; `code_point` is then meaningless.
struct utf8_sequence {
    std::uint32_t code_point = 0;
    std::size_t length = 0;
};

// Decodes the sequence that starts at `text[pos]` (`pos` must be in range).
// Truncated sequences (the text ends inside one) are not well-formed.
utf8_sequence decode_utf8(std::string_view text, std::size_t pos);

// Appends the UTF-8 encoding of `code_point`, which must be a Unicode scalar
// value (at most U+10FFFF, not a surrogate); callers build those from
// checked input, so this does not check again.
void append_utf8(std::string& out, std::uint32_t code_point);

// Returns the offset of the first byte that is not part of well-formed UTF-8
// (no overlong forms, no surrogates, nothing above U+10FFFF), or npos.
std::size_t find_invalid_utf8(std::string_view text);

}  // namespace uvimap::wire
