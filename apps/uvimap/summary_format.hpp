// What `uvimap summary` says about a message, from what the server sent
// about it (ENVELOPE, BODYSTRUCTURE and the first bytes of its text): pure
// functions, tested on their own (tests/cli/summary_format_tests.cpp).
//
//   1 Administrator <admin@mail.example.com>
//      We are happy that you have chosen to use example.com's indus ...
//   3 Test Sender <sender@example.com>
//     Parts: multipart/alternative text/plain
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "uvimap/mime/charset_converter.hpp"
#include "uvimap/session/results.hpp"

namespace uvimap::app {

// How many characters of text the summary shows, as the chapter does.
inline constexpr std::size_t summary_characters = 60;

// The From addresses as a header shows them ("Name <box@host>", names
// decoded from RFC 2047 and quoted where RFC 5322 wants it), joined by ", ".
std::string format_from(const std::vector<session::address>& from, mime::charset_converter& cv);

// What the summary says about a message's body.
struct body_summary {
    enum class kind {
        text,       // a single text part: its first characters
        parts,      // a multipart: the types of its parts
        other,      // a single part that is not text: its type and size
        need_more,  // too few bytes fetched to show 60 characters
    };
    kind what = kind::need_more;
    std::string text;                // kind::text: the first 60 characters, white space made one
    std::vector<std::string> parts;  // kind::parts: "type/subtype" of each top-level part
    std::string type;                // kind::other
    std::int64_t size = 0;           // kind::other

    // The chapter's second line: "   TEXT ...", "  Parts: a/b c/d", or
    // "   [type/subtype, N bytes]"; not for need_more.
    std::string line() const;
};

// The summary of a message's body from its structure and the first bytes
// of part 1 (nullopt when the server sent none). need_more when those
// bytes decode to fewer than summary_characters characters while the part
// is longer, unless `last_try`: then what there is.
body_summary summarize_body(const session::body_structure& structure,
                            const std::optional<std::string>& first_bytes, bool last_try,
                            mime::charset_converter& cv);

}  // namespace uvimap::app
