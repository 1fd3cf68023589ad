// Quoted-printable as a Content-Transfer-Encoding (RFC 2045 §6.7), read
// tolerantly.
#pragma once

#include <string_view>

#include "uvimap/mime/result.hpp"

namespace uvimap::mime {

// Decodes a quoted-printable body.
//
// - "=XX" is the byte XX; lower-case hex digits are accepted (RFC 2045 §6.7
//   note 1 asks decoders to).
// - '=' at the end of a line, with only white space after it, is a soft line
//   break and disappears with the line end ("=\r\n", "=\n", "= \r\n").
// - White space at the end of a line was added in transport and is dropped
//   (rule 3); line ends themselves ("\r\n" or a bare "\n") are kept as they are.
// - Any other '=' is kept as a literal '=' (problem::bad_quoted_printable),
//   as is every other byte, 8-bit ones included.
// - At the end of a truncated input, what could be the start of an escape or
//   a soft line break ("=", "=4", "=\r", "= ") and trailing white space (which
//   the next line end would drop) are left out. A complete input that ends
//   with '=' ends with a soft line break.
decoded_bytes decode_quoted_printable(std::string_view text, input_end end = input_end::complete);

}  // namespace uvimap::mime
