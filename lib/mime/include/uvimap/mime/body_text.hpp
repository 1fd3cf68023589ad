// A text part's bytes, as IMAP returns them, to UTF-8 in one call.
#pragma once

#include <string_view>

#include "uvimap/mime/charset_converter.hpp"
#include "uvimap/mime/result.hpp"

namespace uvimap::mime {

// Decodes the bytes of a body part given the Content-Transfer-Encoding and
// the charset parameter that BODYSTRUCTURE gives for it (empty strings when
// it gives NIL): the transfer encoding is undone (transfer_encoding.hpp),
// then the charset converted (charset_converter.hpp), and the problems of
// both steps are reported together.
//
// `end` says whether `body` is the whole part or only its first bytes (a
// partial FETCH such as `BODY.PEEK[1]<0.512>`). For a truncated body, the
// text is the longest prefix of the whole part's text that these bytes
// determine: nothing is cut in the middle of an escape, a base64 quantum or a
// character, and no U+FFFD stands for a character that was merely cut. So a
// caller can count its characters (utf8_text.hpp) and fetch more when there
// are too few, knowing that more bytes only ever extend the text.
decoded_text decode_body_text(std::string_view body, std::string_view encoding_name,
                              std::string_view charset_label, input_end end,
                              charset_converter& converter);

}  // namespace uvimap::mime
