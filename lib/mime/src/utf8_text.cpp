#include "uvimap/mime/utf8_text.hpp"

#include <algorithm>

namespace uvimap::mime {
namespace {

bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}

// The length of the white-space character at `text[pos]`, or 0. The
// multi-byte ones (NEL, NBSP, U+1680, U+2000..U+200A, U+2028, U+2029,
// U+202F, U+205F, U+3000) start with C2, E1, E2 or E3: every other byte is
// answered without looking further, as this runs over every byte of a text.
std::size_t white_space_at(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) {
        return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) : 0u;
    };
    const unsigned lead = byte(0);
    if (lead == ' ' || (lead >= '\t' && lead <= '\r'))
        return 1;
    switch (lead) {
        case 0xc2:
            return byte(1) == 0x85 || byte(1) == 0xa0 ? 2 : 0;
        case 0xe1:
            return byte(1) == 0x9a && byte(2) == 0x80 ? 3 : 0;
        case 0xe2: {
            const unsigned second = byte(1), third = byte(2);
            if (second == 0x80)
                return (third >= 0x80 && third <= 0x8a) || third == 0xa8 || third == 0xa9 ||
                               third == 0xaf
                           ? 3
                           : 0;
            return second == 0x81 && third == 0x9f ? 3 : 0;
        }
        case 0xe3:
            return byte(1) == 0x80 && byte(2) == 0x80 ? 3 : 0;
        default:
            return 0;
    }
}

}  // namespace

std::size_t count_code_points(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

std::string_view first_code_points(std::string_view text, std::size_t count) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!is_continuation_byte(text[i]) && seen++ == count)
            return text.substr(0, i);
    }
    return text;
}

std::string collapse_white_space(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    std::size_t i = 0;
    while (i < text.size()) {
        if (const std::size_t length = white_space_at(text, i); length > 0) {
            pending_space = !out.empty();
            i += length;
            continue;
        }
        if (pending_space)
            out += ' ';
        pending_space = false;
        out += text[i];
        ++i;
    }
    return out;
}

}  // namespace uvimap::mime
