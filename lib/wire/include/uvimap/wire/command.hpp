// The client commands as typed values.
//
// Each command is a small aggregate holding exactly what the client chooses:
// strings are UTF-8 as the application knows them (mailbox names are turned
// into modified UTF-7 or kept as UTF-8 by the encoder, depending on the
// connection), numbers are numbers, sets are sequence_set. Nothing here knows
// about quoting, literals or tags; encoder.hpp turns a `command` into bytes,
// and keeping the two apart lets the same value be encoded differently for
// servers with different capabilities (LITERAL+, UTF8=ACCEPT, BINARY).
//
// All types compare with ==, which the round-trip tests rely on.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "uvimap/wire/secret.hpp"
#include "uvimap/wire/sequence_set.hpp"
#include "uvimap/wire/status_attr.hpp"

namespace uvimap::wire {

// --- Commands without arguments -------------------------------------------

namespace detail {

// A string literal as a template argument, so that keyword_command can be
// parameterised by its keyword.
template <std::size_t N>
struct keyword_literal {
    constexpr keyword_literal(const char (&s)[N]) {
        for (std::size_t i = 0; i < N; ++i)
            chars[i] = s[i];
    }
    char chars[N]{};
};

}  // namespace detail

// A command that is its keyword alone on the wire. One template serves all of
// them, so the encoder and command_name() each need one piece of code for the
// lot (see bare_command), and a new argument-less command is one alias here
// plus its place in `command`. Each keyword gives a distinct type, so they
// remain separate alternatives of the variant.
template <detail::keyword_literal K>
struct keyword_command {
    static constexpr std::string_view keyword{K.chars, sizeof K.chars - 1};

    friend bool operator==(const keyword_command&, const keyword_command&) = default;
};

// Any command that is sent as its keyword and nothing else.
template <class C>
concept bare_command = requires {
    { C::keyword } -> std::convertible_to<std::string_view>;
};

using capability_command = keyword_command<"CAPABILITY">;
using starttls_command = keyword_command<"STARTTLS">;
using namespace_command = keyword_command<"NAMESPACE">;
// IDLE (RFC 2177). The session sends encode_done() to end it.
using idle_command = keyword_command<"IDLE">;
using noop_command = keyword_command<"NOOP">;
using check_command = keyword_command<"CHECK">;
using close_command = keyword_command<"CLOSE">;
// UNSELECT (RFC 3691): leave the mailbox without expunging, unlike CLOSE.
using unselect_command = keyword_command<"UNSELECT">;
using logout_command = keyword_command<"LOGOUT">;

// --- Authentication ---------------------------------------------------------

// LOGIN user password. The password is a secret so that it is redacted in
// every printout and marked in the encoded fragments.
struct login_command {
    std::string user{};
    secret password{};

    friend bool operator==(const login_command&, const login_command&) = default;
};

// AUTHENTICATE mechanism [initial-response] (RFC 3501, RFC 4959 SASL-IR).
// `initial_response` holds the raw (not yet base64) client response; an
// engaged but empty value is sent as `=`, which SASL-IR defines as "an empty
// response", distinct from no initial response at all.
struct authenticate_command {
    std::string mechanism{};
    std::optional<secret> initial_response{};

    friend bool operator==(const authenticate_command&, const authenticate_command&) = default;
};

// ENABLE capability... (RFC 5161), e.g. UTF8=ACCEPT, QRESYNC.
struct enable_command {
    std::vector<std::string> capabilities{};

    friend bool operator==(const enable_command&, const enable_command&) = default;
};

// ID (RFC 2971): NIL when `fields` is empty-optional, else field/value pairs
// with NIL values where the optional is empty.
struct id_command {
    using field = std::pair<std::string, std::optional<std::string>>;
    std::optional<std::vector<field>> fields{};

    friend bool operator==(const id_command&, const id_command&) = default;
};

// --- Mailboxes -----------------------------------------------------------

// LIST, with the RFC 5258 extensions: selection options before the reference,
// several patterns, and RETURN options (RFC 5258 SUBSCRIBED/CHILDREN, RFC 6154
// SPECIAL-USE, RFC 5819 STATUS).
struct list_command {
    std::vector<std::string> selection_options{};  // atoms, e.g. SUBSCRIBED, SPECIAL-USE
    std::string reference{};
    std::vector<std::string> patterns{"*"};  // UTF-8; `%` and `*` are wildcards
    bool return_subscribed = false;
    bool return_children = false;
    bool return_special_use = false;
    std::vector<status_attr> return_status{};  // empty: no STATUS return option

    friend bool operator==(const list_command&, const list_command&) = default;
};

struct lsub_command {
    std::string reference{};
    std::string pattern = "*";

    friend bool operator==(const lsub_command&, const lsub_command&) = default;
};

struct status_command {
    std::string mailbox{};
    std::vector<status_attr> items{};

    friend bool operator==(const status_command&, const status_command&) = default;
};

// The QRESYNC select parameter (RFC 7162 §3.2.5).
struct qresync_params {
    std::uint32_t uidvalidity = 0;
    std::uint64_t modseq = 0;
    std::optional<sequence_set> known_uids{};
    // The optional sequence-match data: message numbers and the UIDs they had.
    std::optional<std::pair<sequence_set, sequence_set>> seq_match{};

    friend bool operator==(const qresync_params&, const qresync_params&) = default;
};

// SELECT, or EXAMINE when read_only, with the optional CONDSTORE and QRESYNC
// parameters.
struct select_command {
    std::string mailbox{};
    bool read_only = false;
    bool condstore = false;
    std::optional<qresync_params> qresync{};

    friend bool operator==(const select_command&, const select_command&) = default;
};

// --- FETCH -----------------------------------------------------------------

// A body section (RFC 3501 `section`): part numbers (`1.2`) and an optional
// text part. An empty spec is `[]`, the whole message. MIME needs at least
// one part number; header_fields(_not) needs at least one field name; BINARY
// sections take part numbers only. The encoder reports violations as
// encode_errc::invalid_section.
struct section_spec {
    enum class text_kind { none, header, header_fields, header_fields_not, text, mime };

    std::vector<std::uint32_t> part{};
    text_kind text = text_kind::none;
    std::vector<std::string> fields{};  // for header_fields / header_fields_not

    friend bool operator==(const section_spec&, const section_spec&) = default;
};

// `<offset.length>`: a byte range of a section. The length must not be 0.
struct partial_range {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;

    friend bool operator==(const partial_range&, const partial_range&) = default;
};

// The kinds of FETCH item (RFC 3501 `fetch-att`, RFC 3516, RFC 7162).
enum class fetch_att_kind {
    // Macros; each must be the only item, and is sent without parentheses.
    all,
    fast,
    full,
    // Plain items.
    flags,
    uid,
    internaldate,
    rfc822_size,
    envelope,
    bodystructure,
    body,  // the non-extensible BODY structure, no section
    rfc822,
    rfc822_header,
    rfc822_text,
    modseq,
    body_section,  // BODY[...] or BODY.PEEK[...]
    binary,        // BINARY[...] or BINARY.PEEK[...] (RFC 3516)
    binary_size,   // BINARY.SIZE[...]
};

// One FETCH item as the client requests it. Named after the grammar's
// `fetch-att` to keep it apart from response.hpp's fetch_item, which is a
// returned value. `peek`, `section` and `partial` apply only to the sectioned
// kinds; the static functions build each shape.
struct fetch_att {
    fetch_att_kind attr = fetch_att_kind::flags;
    bool peek = false;
    section_spec section{};
    std::optional<partial_range> partial{};

    static fetch_att simple(fetch_att_kind a) { return fetch_att{a, false, {}, std::nullopt}; }
    static fetch_att body_section(section_spec s, bool peek = true,
                                  std::optional<partial_range> partial = std::nullopt) {
        return fetch_att{fetch_att_kind::body_section, peek, std::move(s), partial};
    }
    static fetch_att binary(std::vector<std::uint32_t> part, bool peek = true,
                            std::optional<partial_range> partial = std::nullopt) {
        return fetch_att{fetch_att_kind::binary, peek, section_spec{std::move(part), {}, {}},
                         partial};
    }
    static fetch_att binary_size(std::vector<std::uint32_t> part) {
        return fetch_att{fetch_att_kind::binary_size, false, section_spec{std::move(part), {}, {}},
                         std::nullopt};
    }

    friend bool operator==(const fetch_att&, const fetch_att&) = default;
};

// The item's keyword: "RFC822.SIZE", "BODY" for body_section, "BINARY" for
// binary (the encoder adds `.PEEK` and the section).
std::string_view to_string(fetch_att_kind kind);

// FETCH / UID FETCH with the CONDSTORE/QRESYNC modifiers.
struct fetch_command {
    bool uid = false;
    sequence_set set{};
    std::vector<fetch_att> items{};
    std::optional<std::uint64_t> changed_since{};
    bool vanished = false;  // needs uid and changed_since (RFC 7162 §3.2.6)

    friend bool operator==(const fetch_command&, const fetch_command&) = default;
};

// --- SEARCH ----------------------------------------------------------------

// A calendar date as SEARCH takes it (`d-Mon-yyyy`, no time or zone).
struct search_date {
    int year = 1970;
    unsigned month = 1;  // 1..12
    unsigned day = 1;    // 1..31

    friend bool operator==(const search_date&, const search_date&) = default;
};

// What a search_key matches on; the comment on each group says which of the
// key's fields carries the argument.
enum class search_kind {
    // No argument.
    all,
    answered,
    deleted,
    draft,
    flagged,
    seen,
    new_,
    old,
    recent,
    unanswered,
    undeleted,
    undraft,
    unflagged,
    unseen,
    // `value`: a flag keyword (atom).
    keyword,
    unkeyword,
    // `value`: a string (astring; sent as literal when it must be).
    bcc,
    body,
    cc,
    from,
    subject,
    text,
    to,
    // `field` and `value`.
    header,
    // `date`.
    before,
    on,
    since,
    sentbefore,
    senton,
    sentsince,
    // `number`.
    larger,
    smaller,
    modseq,  // RFC 7162
    // `set`: UID set, or a bare sequence set.
    uid,
    sequence,
    // `children`: NOT has one, OR two, AND (a parenthesised list) one or more.
    not_,
    or_,
    and_,
};

// The criterion's keyword, e.g. "SENTBEFORE"; empty for `sequence` and
// `and_`, which are written without one.
std::string_view to_string(search_kind kind);

// One search criterion; build them with the static functions.
struct search_key {
    search_kind kind = search_kind::all;
    std::string field{};
    std::string value{};
    std::uint64_t number = 0;
    search_date date{};
    sequence_set set{};
    std::vector<search_key> children{};

    static search_key flag(search_kind k) { return search_key{k, {}, {}, 0, {}, {}, {}}; }
    static search_key string(search_kind k, std::string v) {
        return search_key{k, {}, std::move(v), 0, {}, {}, {}};
    }
    static search_key header(std::string field, std::string v) {
        return search_key{search_kind::header, std::move(field), std::move(v), 0, {}, {}, {}};
    }
    static search_key date_key(search_kind k, search_date d) {
        return search_key{k, {}, {}, 0, d, {}, {}};
    }
    static search_key number_key(search_kind k, std::uint64_t n) {
        return search_key{k, {}, {}, n, {}, {}, {}};
    }
    static search_key set_key(search_kind k, sequence_set s) {
        return search_key{k, {}, {}, 0, {}, std::move(s), {}};
    }
    static search_key not_key(search_key k) {
        return search_key{search_kind::not_, {}, {}, 0, {}, {}, {std::move(k)}};
    }
    static search_key or_key(search_key a, search_key b) {
        return search_key{search_kind::or_, {}, {}, 0, {}, {}, {std::move(a), std::move(b)}};
    }
    static search_key and_key(std::vector<search_key> keys) {
        return search_key{search_kind::and_, {}, {}, 0, {}, {}, std::move(keys)};
    }

    friend bool operator==(const search_key&, const search_key&) = default;
};

// The ESEARCH result options (RFC 4731, RFC 5182 SAVE).
enum class search_return { min, max, count, all, save };

std::string_view to_string(search_return option);

// SEARCH / UID SEARCH. When return_options is engaged, `RETURN (...)` is sent
// (an empty list is legal and means ALL, RFC 4731).
struct search_command {
    bool uid = false;
    std::optional<std::string> charset{};
    std::vector<search_key> criteria{};
    std::optional<std::vector<search_return>> return_options;

    friend bool operator==(const search_command&, const search_command&) = default;
};

// --- The sum type ------------------------------------------------------------

using command =
    std::variant<capability_command, starttls_command, login_command, authenticate_command,
                 enable_command, id_command, namespace_command, list_command, lsub_command,
                 status_command, select_command, fetch_command, search_command, idle_command,
                 noop_command, check_command, close_command, unselect_command, logout_command>;

// The command's name as sent (`UID FETCH`, `EXAMINE`, ...), for logs and for
// the session's table of commands in flight.
std::string_view command_name(const command& cmd);

}  // namespace uvimap::wire
