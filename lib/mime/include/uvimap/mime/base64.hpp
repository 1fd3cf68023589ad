// Base64 as a Content-Transfer-Encoding (RFC 2045 §6.8), read tolerantly.
#pragma once

#include <string_view>

#include "uvimap/mime/result.hpp"

namespace uvimap::mime {

// Decodes a base64 body.
//
// - Line breaks and other white space are skipped, wherever they are.
// - Other characters outside the alphabet are skipped (problem::bad_base64),
//   as RFC 2045 §6.8 tells decoders to do.
// - Padding ends the data: what follows the first "xx==" or "xxx=" is
//   ignored (often a signature or junk appended by a list server). A '='
//   where padding cannot be is skipped (bad_base64).
// - Each byte comes out as soon as its bits are in, so a truncated input
//   gives every byte its digits complete, and the bits of a cut quantum wait
//   for digits that never come. In a complete input, leftover bits of an
//   unpadded final quantum are dropped; a lone final digit, which cannot hold
//   a byte, is reported (bad_base64).
decoded_bytes decode_base64(std::string_view text, input_end end = input_end::complete);

}  // namespace uvimap::mime
