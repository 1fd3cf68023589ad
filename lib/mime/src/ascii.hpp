// ASCII character classes and case-insensitive comparison, as MIME syntax
// uses them: header names, encoding names and charset labels are ASCII and
// case-insensitive whatever the locale says.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace uvimap::mime::detail {

inline bool is_wsp(char c) {
    return c == ' ' || c == '\t';
}

// SP, TAB, CR and LF: the white space that folding and line ends leave.
inline bool is_lwsp(char c) {
    return is_wsp(c) || c == '\r' || c == '\n';
}

// What is stripped around a token that a sender may have quoted: an
// encoding name, a charset label.
inline bool is_quote_or_lwsp(char c) {
    return c == '"' || c == '\'' || is_lwsp(c);
}

inline char to_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = to_lower(c);
    return out;
}

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (to_lower(a[i]) != to_lower(b[i]))
            return false;
    }
    return true;
}

// The value of a hexadecimal digit of either case, or -1.
inline int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    const char lower = to_lower(c);
    if (lower >= 'a' && lower <= 'f')
        return lower - 'a' + 10;
    return -1;
}

// The byte that the escape "=XX" (or "%XX") at `text[pos]` stands for, or
// -1 if there are not two hex digits after `text[pos]`.
inline int escaped_byte_at(std::string_view text, std::size_t pos) {
    if (pos + 2 >= text.size())
        return -1;
    const int high = hex_value(text[pos + 1]);
    const int low = hex_value(text[pos + 2]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// `s` without the characters that `strip` accepts at either end.
template <class Predicate>
std::string_view trim(std::string_view s, Predicate strip) {
    while (!s.empty() && strip(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && strip(s.back()))
        s.remove_suffix(1);
    return s;
}

inline std::string_view trim_lwsp(std::string_view s) {
    return trim(s, is_lwsp);
}

}  // namespace uvimap::mime::detail
