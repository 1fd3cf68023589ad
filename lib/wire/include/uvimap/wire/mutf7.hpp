// Modified UTF-7, the mailbox-name encoding of IMAP4rev1 (RFC 3501 §5.1.3).
//
// IMAP4rev1 servers send and expect mailbox names as 7-bit text in which
// printable US-ASCII stands for itself, `&` is written `&-`, and every other
// character is UTF-16 in a variant of base64 (`,` instead of `/`, no `=`
// padding) between `&` and `-`. Servers that accept UTF-8 (RFC 6855
// UTF8=ACCEPT, once the client has ENABLEd it, and IMAP4rev2) use plain UTF-8
// instead; `name_encoding` lets callers say which one applies so that the
// same call site works in both worlds.
//
// The decoder is strict because a name is also an identity: RFC 3501 makes
// the encoding unique (no encoded printable ASCII, no two adjacent shifted
// runs, zero padding bits), and accepting a second spelling of the same name
// would let two different byte strings name one mailbox. Hostile input is
// reported as an error with the byte offset and a reason, never a crash.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "uvimap/wire/expected.hpp"
// UTF-8 names are checked with utf8.hpp's find_invalid_utf8, which callers
// of this header have always been able to use, so it stays visible here.
#include "uvimap/wire/utf8.hpp"

namespace uvimap::wire {

// Why a name could not be decoded or encoded.
enum class mutf7_errc {
    // Decoding: a raw byte outside 0x20..0x7e (control or 8-bit).
    invalid_character,
    // Decoding: `&` without the closing `-`.
    unterminated_shift,
    // Decoding: a byte inside `&...-` that is not in the modified base64 alphabet.
    invalid_base64,
    // Decoding: the bits left over after the last UTF-16 unit are not zero, or
    // there are so many of them that a whole base64 character is superfluous.
    invalid_padding,
    // Decoding: a printable ASCII character (including `&`) was base64-encoded.
    encoded_printable_ascii,
    // Decoding: a shifted run directly follows another, as in `&AGE-&AGE-`.
    adjacent_shifted_runs,
    // Decoding: a UTF-16 surrogate without its partner.
    unpaired_surrogate,
    // Encoding (or UTF-8 pass-through): the input is not well-formed UTF-8.
    invalid_utf8,
    // Either way: U+0000. The grammar could carry it base64-encoded, but no
    // real mailbox has one, and a NUL in a name would truncate it wherever
    // the name meets a C API (file names, terminals), so it is refused.
    nul_character,
};

// An error with the byte offset in the input at which it was detected.
struct mutf7_error {
    mutf7_errc code{};
    std::size_t offset = 0;

    friend bool operator==(const mutf7_error&, const mutf7_error&) = default;
};

// A short English description of the error kind, for logs and test output.
std::string_view to_string(mutf7_errc code);

// How mailbox names travel on this connection.
enum class name_encoding {
    // IMAP4rev1 without UTF8=ACCEPT: modified UTF-7.
    mutf7,
    // UTF8=ACCEPT enabled (RFC 6855) or IMAP4rev2: UTF-8 as is.
    utf8,
};

// Decodes a modified UTF-7 name into UTF-8.
expected<std::string, mutf7_error> decode_mutf7(std::string_view encoded);

// Encodes a UTF-8 name into modified UTF-7. The result is the one canonical
// spelling (shortest runs, zero padding) that decode_mutf7 accepts.
expected<std::string, mutf7_error> encode_mutf7(std::string_view utf8);

// Encodes a name for the wire: modified UTF-7, or UTF-8 passed through after
// checking that it is well-formed.
expected<std::string, mutf7_error> encode_mailbox_name(std::string_view utf8,
                                                       name_encoding encoding);

// Decodes a name from the wire: modified UTF-7, or UTF-8 passed through after
// checking that it is well-formed.
expected<std::string, mutf7_error> decode_mailbox_name(std::string_view wire,
                                                       name_encoding encoding);

}  // namespace uvimap::wire
