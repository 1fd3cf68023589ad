// The command encoder: typed commands in, wire fragments out (sans-IO).
//
// A command is not always one write. A synchronizing literal `{n}` obliges
// the client to stop after the announcing line and wait for the server's `+`
// before sending the n bytes (RFC 3501 §7.5). So the encoder yields a list of
// fragments instead of one buffer (STYLE practice 4): `line` pieces, and
// `literal` pieces marked sync (wait for `+` first) or non_sync (LITERAL+ /
// LITERAL-, RFC 7888: send at once). The session walks the list and knows
// exactly where it must pause. Concatenating all fragments gives the bytes of
// the command as they appear on the wire.
//
// The encoder chooses each string's form itself (atom, quoted, literal), from
// the string and the options that the server's capabilities allow, and marks
// the bytes that came from a `secret` so that a protocol trace can redact
// them. It never throws: anything that cannot be expressed (a NUL without
// BINARY, an empty sequence set, VANISHED without CHANGEDSINCE...) is an
// encode_error value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "uvimap/wire/command.hpp"
#include "uvimap/wire/expected.hpp"
#include "uvimap/wire/mutf7.hpp"

namespace uvimap::wire {

// Which non-synchronizing literal extension the server announced.
enum class literal_extension {
    // Neither: every literal is synchronizing.
    none,
    // LITERAL- (RFC 7888): `{n+}` only for literals of at most 4096 bytes.
    literal_minus,
    // LITERAL+ (RFC 7888): `{n+}` for any literal.
    literal_plus,
};

// The largest literal that LITERAL- allows to be non-synchronizing.
inline constexpr std::size_t literal_minus_max = 4096;

// What the connection allows; the session fills this from the capability
// list (and from what it has ENABLEd) and updates it when they change.
struct encoder_options {
    literal_extension literals = literal_extension::none;
    // UTF8=ACCEPT is enabled (RFC 6855) or the session is IMAP4rev2: mailbox
    // names go as UTF-8 and 8-bit UTF-8 may appear in quoted strings.
    bool utf8_accept = false;
    // BINARY (RFC 3516): strings with NUL may be sent as `~{n}` literals.
    // Servers accept literal8 only where the grammar has it (APPEND data), so
    // set this only for such commands.
    bool binary = false;
    // SASL-IR (RFC 4959): AUTHENTICATE may carry an initial response.
    bool sasl_ir = false;
    // Strings longer than this go as literals even when they could be
    // quoted, to keep command lines well below servers' line limits.
    std::size_t max_quoted_size = 1024;
};

enum class fragment_kind { line, literal };

enum class literal_mode {
    // Announced as `{n}`: wait for the server's continuation before sending.
    sync,
    // Announced as `{n+}`: send right after the announcing line.
    non_sync,
};

// A span of bytes within a fragment.
struct byte_range {
    std::size_t offset = 0;
    std::size_t length = 0;

    friend bool operator==(const byte_range&, const byte_range&) = default;
};

// One piece of an encoded command. A `line` fragment ends with CRLF; if a
// literal follows, that CRLF ends its `{n}` announcement. A `literal`
// fragment is exactly the n announced bytes.
struct fragment {
    fragment_kind kind = fragment_kind::line;
    std::string bytes;
    literal_mode mode = literal_mode::sync;  // literals only
    bool binary = false;                     // literals only: announced as `~{n}`
    // Bytes that came from a secret (a password, a SASL response). A trace
    // shows redacted_text in their place.
    std::vector<byte_range> secrets;

    friend bool operator==(const fragment&, const fragment&) = default;
};

// The bytes of a fragment with every secret range replaced by `<redacted>`.
std::string redact(const fragment& f);

// An encoded command: its tag and its fragments, in sending order.
struct encoded_command {
    std::string tag;
    std::vector<fragment> fragments;

    // Every fragment concatenated: the exact bytes on the wire.
    std::string bytes() const;
    // The same, with secrets redacted: safe to log.
    std::string redacted() const;
    // How many times the session must wait for a `+` while sending this.
    std::size_t sync_literal_count() const;
};

enum class encode_errc {
    // The tag is empty or holds a character that tags may not contain.
    invalid_tag,
    // A string holds NUL and BINARY literals are not allowed here.
    nul_not_allowed,
    // A mailbox name or other UTF-8 text is not well-formed UTF-8.
    invalid_utf8,
    // A value that must be an atom (mechanism, capability, keyword, option)
    // is empty or holds characters an atom cannot.
    invalid_atom,
    // A list that must have at least one element is empty.
    empty_list,
    // A sequence set is empty, or holds `*` where it is not allowed.
    invalid_sequence_set,
    // A FETCH macro (ALL, FAST, FULL) was combined with other items.
    macro_not_alone,
    // VANISHED needs UID FETCH and CHANGEDSINCE (RFC 7162 §3.2.6).
    vanished_requires_uid_changedsince,
    // A number is out of the range the grammar allows (a 0 UIDVALIDITY, a
    // mod-sequence of 2^63 or more, a zero-length partial).
    number_out_of_range,
    // AUTHENTICATE with an initial response, but the server lacks SASL-IR.
    sasl_ir_unavailable,
    // ID with more than 30 pairs, a field over 30 or a value over 1024 bytes
    // (RFC 2971 §3.3).
    id_limits_exceeded,
    // A search date that is not a calendar date with a 4-digit year.
    invalid_date,
    // A section spec the grammar cannot express (MIME without a part, header
    // fields with no field names, text in a BINARY section).
    invalid_section,
    // A value that must be an atom or quoted string (CHARSET) cannot be.
    not_quotable,
    // Search criteria nested deeper than the encoder allows (64 levels).
    nesting_too_deep,
};

struct encode_error {
    encode_errc code{};

    friend bool operator==(const encode_error&, const encode_error&) = default;
};

std::string_view to_string(encode_errc code);

// Whether `tag` can be used as a command tag: non-empty, printable ASCII (no
// CTL, SP or 8-bit), and none of `+ ( ) { % * " \ ]`. Those are the atom
// specials, plus `+`, which RFC 3501 excludes from tags so that a tagged reply
// cannot be mistaken for a continuation request, and `]`, which the grammar
// would allow but which is kept out to stay clear of response-code parsing.
bool is_valid_tag(std::string_view tag);

// Hands out unique tags: prefix + counter (`A1`, `A2`, ...).
class tag_allocator {
public:
    tag_allocator() = default;

    // A prefix that would make invalid tags is refused.
    static expected<tag_allocator, encode_error> with_prefix(std::string_view prefix);

    // The tag that next() will return, without consuming it.
    std::string peek() const;
    std::string next();
    std::string_view prefix() const { return m_prefix; }

private:
    std::string m_prefix = "A";
    std::uint64_t m_next = 1;
};

// The form a string argument takes on the wire. (Named apart from
// response.hpp's string_form, which records how a received value was sent.)
enum class argument_form { atom, quoted, literal, binary_literal };

// Chooses the form for a string argument under the given options:
//  - NUL anywhere: a BINARY literal if allowed, else nul_not_allowed;
//  - CR or LF, or longer than max_quoted_size: a literal;
//  - 8-bit bytes: quoted if UTF8=ACCEPT is on and they are valid UTF-8,
//    otherwise a literal;
//  - all ATOM-CHAR, non-empty, not "NIL", and `atom_ok`: an atom;
//  - anything else: quoted (with `"` and `\` escaped).
// `atom_ok` is false where the grammar wants `string` rather than `astring`.
expected<argument_form, encode_error> choose_argument_form(std::string_view s,
                                                           const encoder_options& options,
                                                           bool atom_ok);

// Encodes one command with the given tag. The fragments come out as
//   line [literal line]...
// where each line but the last ends with a literal's `{n}` announcement. To
// send: write a line; before a sync literal, wait for the server's `+`
// continuation (or a tagged NO/BAD, which ends the command); a non_sync
// literal follows at once.
expected<encoded_command, encode_error> encode_command(std::string_view tag, const command& cmd,
                                                       const encoder_options& options);

// The line that ends IDLE (RFC 2177). It has no tag.
fragment encode_done();

// One client response in a SASL exchange: base64 of `response` and CRLF
// (an empty response is an empty line), marked secret.
fragment encode_sasl_response(const secret& response);

// The line that cancels a SASL exchange (`*`).
fragment encode_sasl_cancel();

// Standard base64 (RFC 4648 §4, with padding) as SASL uses it: the encoder
// sends the client's responses with it, and the session decodes the server's
// challenges (the text of `+` continuations) with base64_decode.
std::string base64_encode(std::string_view bytes);

// Decodes standard base64. Strict, because a challenge that is not exactly
// what base64_encode would produce is a broken or hostile peer: the length
// must be a multiple of 4, `=` may only pad the end, and the filler bits
// before the padding must be zero. Returns nullopt for anything else; the
// empty string decodes to the empty string.
std::optional<std::string> base64_decode(std::string_view text);

// Options plus a tag allocator: the convenient front for a session that
// lets the encoder number its commands.
class encoder {
public:
    encoder() = default;
    encoder(encoder_options options, tag_allocator tags)
        : m_options(options), m_tags(std::move(tags)) {}

    const encoder_options& options() const { return m_options; }
    void set_options(const encoder_options& options) { m_options = options; }

    // Encodes with the next tag. A failed encode does not use up a tag.
    expected<encoded_command, encode_error> encode(const command& cmd);

private:
    encoder_options m_options;
    tag_allocator m_tags;
};

}  // namespace uvimap::wire
