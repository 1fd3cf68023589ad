// Header field values as people should read them: unfolded, RFC 2047
// encoded words decoded, everything in UTF-8.
#pragma once

#include <string_view>

#include "uvimap/mime/charset_converter.hpp"
#include "uvimap/mime/result.hpp"

namespace uvimap::mime {

// Decodes a header field value (a Subject, a display name from an ENVELOPE,
// a parameter value) to UTF-8 text.
//
// - Unfolding: every CR and LF is removed; the white space after a fold
//   stays (RFC 5322 §2.2.3).
// - Encoded words (`=?charset?B?...?=`, `=?charset?Q?...?=`, RFC 2047) are
//   decoded with their charset (charset_converter.hpp says which charsets are
//   known and what happens to the others). White space between two adjacent
//   encoded words is dropped (RFC 2047 §6.2); white space next to other text
//   is kept.
// - Adjacent encoded words in the same charset are decoded together, as
//   mail clients do: a multi-byte character split across two words comes out
//   whole, and so does a base64 quantum split across two B words.
// - Encoded words are also found where RFC 2047 does not allow them but
//   senders put them: inside quoted strings, glued to other text, with a
//   lower-case `?b?` or `?q?`, folded in the middle.
// - An encoded word that cannot be decoded (characters outside base64, a
//   '=' in Q text that is not an escape) and a "=?charset?Q?" with no closing
//   "?=" are kept as written (problem::bad_encoded_word).
// - Bytes outside encoded words are read as UTF-8 where they form UTF-8 and
//   as windows-1252 elsewhere (problem::unlabelled_eight_bit if any is 8-bit).
decoded_text decode_header_value(std::string_view raw, charset_converter& converter);

}  // namespace uvimap::mime
