#include "uvimap/wire/utf8.hpp"

namespace uvimap::wire {

utf8_sequence decode_utf8(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char b0 = byte(pos);
    if (b0 < 0x80)
        return {b0, 1};
    // The RFC 3629 table: the lead byte gives the length and the payload bits;
    // overlong forms, surrogates and code points above U+10FFFF are excluded
    // by narrowing the range of the second byte after E0, ED, F0 and F4.
    struct lead {
        unsigned char first;
        unsigned char last;
        std::size_t length;
        unsigned char payload_mask;
    };
    static constexpr lead k_leads[] = {
        {0xc2, 0xdf, 2, 0x1f},
        {0xe0, 0xef, 3, 0x0f},
        {0xf0, 0xf4, 4, 0x07},
    };
    const lead* l = nullptr;
    for (const lead& candidate : k_leads) {
        if (b0 >= candidate.first && b0 <= candidate.last)
            l = &candidate;
    }
    if (l == nullptr || text.size() - pos < l->length)
        return {};
    unsigned char lo = 0x80;
    unsigned char hi = 0xbf;
    if (b0 == 0xe0)
        lo = 0xa0;
    else if (b0 == 0xed)
        hi = 0x9f;
    else if (b0 == 0xf0)
        lo = 0x90;
    else if (b0 == 0xf4)
        hi = 0x8f;
    std::uint32_t cp = b0 & l->payload_mask;
    for (std::size_t k = 1; k < l->length; ++k) {
        const unsigned char b = byte(pos + k);
        // Only the second byte has the narrowed range; the rest are plain
        // continuation bytes.
        const unsigned char min = (k == 1) ? lo : 0x80;
        const unsigned char max = (k == 1) ? hi : 0xbf;
        if (b < min || b > max)
            return {};
        cp = (cp << 6) | (b & 0x3f);
    }
    return {cp, l->length};
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

std::size_t find_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t len = decode_utf8(text, i).length;
        if (len == 0)
            return i;
        i += len;
    }
    return std::string_view::npos;
}

}  // namespace uvimap::wire
