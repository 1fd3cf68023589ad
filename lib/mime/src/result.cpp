#include "uvimap/mime/result.hpp"

namespace uvimap::mime {

std::string_view to_string(problem p) {
    switch (p) {
        case problem::unknown_charset:
            return "unknown charset, read as UTF-8 or windows-1252";
        case problem::invalid_characters:
            return "bytes invalid in their charset, replaced by U+FFFD";
        case problem::unlabelled_eight_bit:
            return "8-bit bytes without a charset, read as UTF-8 or windows-1252";
        case problem::bad_base64:
            return "characters outside base64 skipped";
        case problem::bad_quoted_printable:
            return "'=' that is neither an escape nor a soft line break";
        case problem::bad_encoded_word:
            return "undecodable encoded word kept as written";
        case problem::bad_parameter:
            return "malformed RFC 2231 parameter value";
        case problem::unknown_transfer_encoding:
            return "unknown transfer encoding, passed through";
    }
    return "unknown problem";
}

}  // namespace uvimap::mime
