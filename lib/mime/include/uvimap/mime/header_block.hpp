// A message's header block (what IMAP returns for BODY[HEADER] or
// BODY[1.MIME]) split into fields.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace uvimap::mime {

struct header_field {
    // As written, in its original case.
    std::string name;
    // Unfolded (every CR and LF removed, the white space of folds kept), with
    // the white space after the colon and at the end removed. Not decoded:
    // pass it to decode_header_value (header_value.hpp) to read it.
    std::string value;
};

// Splits a header block into its fields, in order.
//
// Lines end with "\r\n" or a bare "\n". A line that starts with a space or a
// tab continues the field before it. The block ends at the first empty
// line; what follows (a body) is ignored. Lines that are not fields are
// skipped, together with their continuation lines: a line without a colon,
// one whose name is empty or holds characters RFC 5322 §2.2 does not allow
// (an mbox "From " line, for instance), and continuation lines before the
// first field. White space between a name and its colon (obsolete syntax,
// RFC 5322 §4.5) is accepted.
std::vector<header_field> parse_header_block(std::string_view block);

// The first field called `name`, compared without regard to ASCII case, or
// nullptr.
const header_field* find_field(std::span<const header_field> fields, std::string_view name);

}  // namespace uvimap::mime
