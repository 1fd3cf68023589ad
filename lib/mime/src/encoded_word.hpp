// Finding RFC 2047 encoded words (`=?charset?B|Q?text?=`) in a header value.
//
// The finder is as lenient as the mail clients people read mail with
// (Thunderbird, Python's email package), because broken senders are common:
// - words are found anywhere, also glued to other text or inside a quoted
//   string ("=?utf-8?q?J=C3=B6rg?=" <j@example.org>), not only between
//   white space as RFC 2047 §5 asks;
// - the encoding letter may be lower case;
// - the text may hold white space and line breaks (a word folded in the
//   middle by a broken sender); the decoders skip or keep them;
// - the charset may carry an RFC 2231 §5 language (`utf-8*en`).
// It is strict where leniency would swallow good text: a word ends at the
// first `?=`, and a candidate whose text would contain another `=?` is no
// word (its `=?` stays text, and the inner one gets its chance).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace uvimap::mime::detail {

struct encoded_word {
    // [begin, end) in the value: from "=?" to "?=" included.
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string_view charset;  // as written, language included
    char encoding = 'q';       // 'b' or 'q', lower case
    std::string_view text;     // the encoded text, as written
};

// Yields the encoded words of one value from left to right. Each call looks
// only forward of the previous one, so finding all words of a value costs
// time linear in its length, however hostile it is.
class encoded_word_finder {
public:
    explicit encoded_word_finder(std::string_view value) : m_value(value) {}

    // The first encoded word that starts at or after `from`, or nullopt.
    // `from` must not decrease from one call to the next.
    std::optional<encoded_word> next(std::size_t from);

    // True if some "=?charset?X?" start was no word: no closing "?=" (a word
    // cut off, for instance by a sender that truncated a long Subject), or
    // another word's start inside its text.
    bool saw_broken_word() const { return m_saw_broken_word; }

private:
    // The first occurrence of a two-character marker at or after `from`,
    // remembered so that later searches from further on reuse it.
    struct marker_search {
        std::string_view marker;
        std::size_t searched_from = 0;
        std::size_t found = std::string_view::npos;
        bool searched = false;

        std::size_t at_or_after(std::string_view value, std::size_t from);
    };

    std::optional<encoded_word> parse_at(std::size_t start);

    std::string_view m_value;
    marker_search m_openings{"=?"};
    marker_search m_closings{"?="};
    bool m_saw_broken_word = false;
};

}  // namespace uvimap::mime::detail
