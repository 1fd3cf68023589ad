#include "encoded_word.hpp"

#include "ascii.hpp"

namespace uvimap::mime::detail {
namespace {

// Charset names are short tokens; the limit bounds the work spent on each
// "=?" that starts no word.
constexpr std::size_t k_max_charset_length = 64;

bool is_charset_char(char c) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b >= 0x7f)
        return false;
    for (char special : std::string_view("?=\"()<>,;")) {
        if (c == special)
            return false;
    }
    return true;
}

}  // namespace

std::size_t encoded_word_finder::marker_search::at_or_after(std::string_view value,
                                                            std::size_t from) {
    const bool still_valid =
        searched && from >= searched_from && (found == std::string_view::npos || found >= from);
    if (!still_valid) {
        found = value.find(marker, from);
        searched_from = from;
        searched = true;
    }
    return found;
}

std::optional<encoded_word> encoded_word_finder::next(std::size_t from) {
    for (;;) {
        const std::size_t start = m_openings.at_or_after(m_value, from);
        if (start == std::string_view::npos)
            return std::nullopt;
        if (auto word = parse_at(start))
            return word;
        from = start + 2;
    }
}

std::optional<encoded_word> encoded_word_finder::parse_at(std::size_t start) {
    const std::size_t charset_begin = start + 2;
    std::size_t i = charset_begin;
    while (i < m_value.size() && i - charset_begin <= k_max_charset_length &&
           is_charset_char(m_value[i])) {
        ++i;
    }
    // "?X?" must follow a non-empty charset.
    if (i == charset_begin || i + 2 >= m_value.size() || m_value[i] != '?' ||
        m_value[i + 2] != '?') {
        return std::nullopt;
    }
    const char encoding = to_lower(m_value[i + 1]);
    if (encoding != 'b' && encoding != 'q')
        return std::nullopt;
    const std::size_t text_begin = i + 3;
    const std::size_t close = m_closings.at_or_after(m_value, text_begin);
    if (close == std::string_view::npos) {
        m_saw_broken_word = true;
        return std::nullopt;
    }
    // Another "=?" wholly inside the text: this one is no word ("=?" then
    // "?=" may share the '?' when B text ends in padding, "QQ=?=").
    const std::size_t inner = m_openings.at_or_after(m_value, text_begin);
    if (inner != std::string_view::npos && inner + 2 <= close) {
        m_saw_broken_word = true;
        return std::nullopt;
    }
    encoded_word word;
    word.begin = start;
    word.end = close + 2;
    word.charset = m_value.substr(charset_begin, i - charset_begin);
    word.encoding = encoding;
    word.text = m_value.substr(text_begin, close - text_begin);
    return word;
}

}  // namespace uvimap::mime::detail
