// What `uvimap browse` prints, from what the server sent: pure functions,
// tested on their own (tests/cli/browse_view_tests.cpp). The layout is the
// chapter's simple_client.py:
//
//   INBOX                          \HasNoChildren
//
//        1   2014-10-22 20:37:21    1042 bytes  \Seen
//         From: Administrator <admin@mail.example.com>
//         Subject: Welcome to example.com
//
//   Flags: \Seen
//   Structure:
//     HEADER
//     TEXT      multipart/alternative
//     1         text/plain size=213
//     2         text/html size=498 inline
//
// Every piece of server text in the lines returned is made safe for a
// terminal (sanitize_for_terminal).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uvimap/mime/charset_converter.hpp"
#include "uvimap/session/results.hpp"
#include "uvimap/wire/command.hpp"

namespace uvimap::app {

// A folder of the folder list: its name padded to 30 columns, its flags.
std::string folder_line(const session::mailbox_entry& box);

// An INTERNALDATE ("22-Oct-2014 20:37:21 +0000") as local time
// ("2014-10-22 20:37:21"), as imapclient shows it; the text as sent when it
// is not a date-time.
std::string local_time_of(std::string_view internal_date);

// A message of the folder view: UID, date, size and flags, then the From
// and Subject of its ENVELOPE, decoded.
std::vector<std::string> message_lines(const session::fetch_message& message,
                                       mime::charset_converter& cv);

// The part names and types of a message: HEADER, TEXT, then 1, 1.1 ... with
// type, size and disposition.
std::vector<std::string> structure_lines(const session::body_structure& root,
                                         mime::charset_converter& cv);

// A part name as the user types it: HEADER, TEXT, a part number (1, 2.1),
// or a part number and HEADER, TEXT or MIME (2.HEADER); case-insensitive.
// nullopt for anything else.
std::optional<wire::section_spec> parse_part_name(std::string_view name);

// The node of the structure that part number `path` names (IMAP numbering:
// part 1 of a single-part message is its body; the parts of an enclosed
// message/rfc822 are numbered under it), or nullptr.
const session::body_structure* find_part(const session::body_structure& root,
                                         const std::vector<std::uint32_t>& path);

// How much of a part browse shows; larger parts are cut (and say so).
inline constexpr std::uint64_t max_shown_bytes = 1024 * 1024;

// What showing `section` takes: whether its bytes are worth fetching (text,
// headers, whole messages: yes; an image: no), and how to decode them.
struct part_plan {
    bool fetch = true;
    // Decode as this single part's transfer encoding and charset; null for
    // header blocks and raw MIME bodies, shown as they are.
    const session::body_structure* decode_as = nullptr;
    bool header = false;  // a header block: one decoded line per field
    // For parts not fetched: "[image/png, 34567 bytes, not text]".
    std::string note;
};
part_plan plan_part(const session::body_structure& root, const wire::section_spec& section);

// The lines of the content shown between the banners: decoded, cut at
// max_shown_bytes (`truncated`: the server had more), surrounding blank
// lines dropped, tabs expanded, each line sanitised.
std::vector<std::string> content_lines(std::string_view bytes, const part_plan& plan,
                                       bool truncated, mime::charset_converter& cv);

}  // namespace uvimap::app
