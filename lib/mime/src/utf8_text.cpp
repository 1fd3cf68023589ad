#include "uvimap/mime/utf8_text.hpp"

#include <algorithm>

namespace uvimap::mime {
namespace {

bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}

// The length of the white-space character at `text[pos]`, or 0.
std::size_t white_space_at(std::string_view text, std::size_t pos) {
    const char c = text[pos];
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    // The multi-byte ones, in UTF-8.
    static constexpr std::string_view k_spaces[] = {
        "\xc2\x85",     "\xc2\xa0",     "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81",
        "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85", "\xe2\x80\x86",
        "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89", "\xe2\x80\x8a", "\xe2\x80\xa8",
        "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
    };
    if ((static_cast<unsigned char>(c) & 0x80) == 0)
        return 0;
    const std::string_view rest = text.substr(pos);
    const auto* found = std::find_if(std::begin(k_spaces), std::end(k_spaces),
                                     [&](std::string_view s) { return rest.starts_with(s); });
    return found == std::end(k_spaces) ? 0 : found->size();
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
