#include "uvimap/mime/body_text.hpp"

#include "uvimap/mime/transfer_encoding.hpp"

namespace uvimap::mime {

decoded_text decode_body_text(std::string_view body, std::string_view encoding_name,
                              std::string_view charset_label, input_end end,
                              charset_converter& converter) {
    const decoded_bytes bytes =
        decode_transfer_encoding(body, parse_transfer_encoding(encoding_name), end);
    decoded_text text = converter.to_utf8(bytes.bytes, charset_label, end);
    text.problems.add(bytes.problems);
    return text;
}

}  // namespace uvimap::mime
