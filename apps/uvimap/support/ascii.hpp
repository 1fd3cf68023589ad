// ASCII helpers shared by the parsers of account URLs, netrc files and
// --shard: protocol keywords and host names compare without regard to case,
// but only in ASCII, whatever the locale says.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace uvimap::app {

constexpr char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) { return ascii_lower(c); });
    return out;
}

constexpr bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    }
    return true;
}

enum class hex_case { upper, lower };

// `prefix` ("%", "\\x") and the two hex digits of a byte: how the URL
// encoder (upper case, as RFC 3986 recommends) and the terminal sanitiser
// (lower case, as C and the shells write \x1b) write bytes.
inline void append_hex_byte(std::string& out, std::string_view prefix, unsigned char byte,
                            hex_case letters = hex_case::upper) {
    const char* digits = letters == hex_case::upper ? "0123456789ABCDEF" : "0123456789abcdef";
    out += prefix;
    out += digits[byte >> 4];
    out += digits[byte & 0xf];
}

}  // namespace uvimap::app
