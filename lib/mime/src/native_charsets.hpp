// The charsets decoded without iconv: UTF-8, windows-1252, and the reading
// of 8-bit bytes that no usable label describes. These are the ones that
// carry most mail, and the two fallbacks must work even where iconv's
// modules are missing (a static binary, a minimal container).
#pragma once

#include <string>
#include <string_view>

#include "uvimap/mime/result.hpp"

namespace uvimap::mime::detail {

// Appends `in`, read as UTF-8. Each maximal subpart that is not well-formed
// becomes one U+FFFD (problem::invalid_characters). A sequence cut by the end
// of the input becomes U+FFFD too if the input is complete, and is left out
// if it is truncated.
void decode_utf8(std::string_view in, input_end end, std::string& out, problem_set& problems);

// Appends `in`, read as windows-1252 as the WHATWG Encoding Standard defines
// it: every byte is a character (0x81, 0x8D, 0x8F, 0x90 and 0x9D are the C1
// controls of the same value), so nothing is ever invalid. It is also what
// mail clients and browsers make of labels saying ISO-8859-1, whose 0x80-0x9F
// controls are in practice always meant as windows-1252's punctuation.
void decode_windows1252(std::string_view in, std::string& out);

// Appends `in`, read as UTF-8 where the bytes form well-formed UTF-8 and as
// windows-1252 byte by byte elsewhere; a sequence cut by the end of a
// truncated input is left out. Reading each byte on its own (rather than
// guessing once for the whole input) gives the same characters for a prefix
// as for the whole, which one guess for everything could not. Returns true if
// the input had any 8-bit byte.
bool decode_guessed(std::string_view in, input_end end, std::string& out);

}  // namespace uvimap::mime::detail
