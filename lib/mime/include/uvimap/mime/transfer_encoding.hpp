// Content-Transfer-Encoding (RFC 2045 §6): from the name a BODYSTRUCTURE
// gives to the part's bytes.
#pragma once

#include <string_view>

#include "uvimap/mime/result.hpp"

namespace uvimap::mime {

enum class transfer_encoding {
    seven_bit,
    eight_bit,
    binary,
    quoted_printable,
    base64,
    // Anything else (x-uuencode, a typo): the bytes are passed through.
    unknown,
};

// Reads a Content-Transfer-Encoding name, ignoring case, white space and
// quotes. An empty name means 7bit, the default of RFC 2045 §6.1 (IMAP
// servers send NIL or "7BIT" for a part without the header).
transfer_encoding parse_transfer_encoding(std::string_view name);

// Undoes the transfer encoding: quoted_printable.hpp and base64.hpp say how,
// and how a truncated input is treated. 7bit, 8bit and binary are passed
// through; so is an unknown encoding, reported as
// problem::unknown_transfer_encoding.
decoded_bytes decode_transfer_encoding(std::string_view body, transfer_encoding encoding,
                                       input_end end = input_end::complete);

}  // namespace uvimap::mime
