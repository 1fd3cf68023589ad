// Measuring and cutting UTF-8 text by characters, for display: a summary
// line shows the first 60 characters of a message, not the first 60 bytes.
//
// "Character" here is a Unicode code point. The functions expect well-formed
// UTF-8, which every decoder of this library returns; on other input they
// do not fail (they count and cut at bytes that are not continuation bytes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace uvimap::mime {

// The number of code points in `text`.
std::size_t count_code_points(std::string_view text);

// The longest prefix of `text` with at most `count` code points; never cuts
// a character in two.
std::string_view first_code_points(std::string_view text, std::size_t count);

// `text` with every run of white space turned into one space, and white space
// at either end removed (as Python's `" ".join(text.split())`). White space is
// the Unicode White_Space property: ASCII space, tab, CR, LF, VT and FF, NEL
// (U+0085), no-break space (U+00A0), the spaces of U+1680, U+2000..U+200A,
// U+202F, U+205F and U+3000, and the line and paragraph separators U+2028
// and U+2029.
std::string collapse_white_space(std::string_view text);

}  // namespace uvimap::mime
