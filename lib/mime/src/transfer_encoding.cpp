#include "uvimap/mime/transfer_encoding.hpp"

#include "ascii.hpp"
#include "uvimap/mime/base64.hpp"
#include "uvimap/mime/quoted_printable.hpp"

namespace uvimap::mime {
transfer_encoding parse_transfer_encoding(std::string_view name) {
    name = detail::trim(name, detail::is_quote_or_lwsp);
    struct known {
        std::string_view name;
        transfer_encoding encoding;
    };
    static constexpr known k_known[] = {
        {"", transfer_encoding::seven_bit},
        {"7bit", transfer_encoding::seven_bit},
        {"8bit", transfer_encoding::eight_bit},
        {"binary", transfer_encoding::binary},
        {"quoted-printable", transfer_encoding::quoted_printable},
        {"base64", transfer_encoding::base64},
    };
    for (const known& k : k_known) {
        if (detail::iequals(name, k.name))
            return k.encoding;
    }
    return transfer_encoding::unknown;
}

decoded_bytes decode_transfer_encoding(std::string_view body, transfer_encoding encoding,
                                       input_end end) {
    if (encoding == transfer_encoding::quoted_printable)
        return decode_quoted_printable(body, end);
    if (encoding == transfer_encoding::base64)
        return decode_base64(body, end);
    decoded_bytes passed_through;
    passed_through.bytes = body;
    if (encoding == transfer_encoding::unknown)
        passed_through.problems.add(problem::unknown_transfer_encoding);
    return passed_through;
}

}  // namespace uvimap::mime
