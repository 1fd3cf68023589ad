// Standard base64 (RFC 4648 §4, with padding) as SASL uses it (RFC 4422,
// RFC 3501 AUTHENTICATE). Declared in encoder.hpp.
#include "base64.hpp"

#include <cstdint>

#include "uvimap/wire/encoder.hpp"

namespace uvimap::wire {

std::string base64_encode(std::string_view bytes) {
    const auto digit = [](std::uint32_t v) {
        return detail::base64_digit(v & 0x3f, detail::k_base64_digit63);
    };
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                                (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                                static_cast<unsigned char>(bytes[i + 2]);
        out += digit(v >> 18);
        out += digit(v >> 12);
        out += digit(v >> 6);
        out += digit(v);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2)
            v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += digit(v >> 18);
        out += digit(v >> 12);
        out += rest == 2 ? digit(v >> 6) : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0)
        return std::nullopt;
    std::size_t padding = 0;
    if (!text.empty() && text.back() == '=')
        padding = text[text.size() - 2] == '=' ? 2 : 1;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t acc = 0;
    int nbits = 0;
    // A '=' before the padding is not a digit, so it fails here too.
    for (char ch : text.substr(0, text.size() - padding)) {
        const int v =
            detail::base64_value(static_cast<unsigned char>(ch), detail::k_base64_digit63);
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        nbits += 6;
        if (nbits >= 8) {
            nbits -= 8;
            out += static_cast<char>((acc >> nbits) & 0xff);
            acc &= (1u << nbits) - 1;
        }
    }
    // The bits left over after the last byte are filler. RFC 4648 §3.5 lets
    // a decoder reject non-zero filler, and doing so keeps the encoding of a
    // response unique, as base64_encode produces it.
    if (acc != 0)
        return std::nullopt;
    return out;
}

}  // namespace uvimap::wire
