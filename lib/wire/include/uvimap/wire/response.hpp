// The typed view of one IMAP server response, as the parser produces it.
//
// Everything here is a view: strings are std::string_view into the parser's
// receive buffer (or, for the rare quoted string with backslash escapes, into
// the parser's arena), lists are std::span into the parser's arena. Nothing is
// owned, nothing is freed, and all of it is valid only until the next call to
// the parser's feed(), prepare() or next(). Copy what you keep.
//
// The types are plain aggregates of trivially copyable members, so the parser
// can build them in reused memory without a heap allocation per response.
// Keywords are matched case-insensitively; names and atoms are kept as sent.
// Mailbox names are kept raw (modified UTF-7 as on the wire); decode them with
// decode_mutf7() from mutf7.hpp.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "uvimap/wire/parse_error.hpp"
#include "uvimap/wire/status_attr.hpp"

namespace uvimap::wire {

// How a string value was sent. It matters for NIL versus "" and for showing
// literals by size; the bytes are in string_value::bytes either way.
enum class string_form : std::uint8_t {
    nil,             // NIL: no value.
    atom,            // A bare atom (astring, number in a string position).
    quoted,          // "..." with escapes removed.
    literal,         // {n} CRLF followed by n bytes.
    binary_literal,  // ~{n} CRLF (RFC 3516); may contain NUL bytes.
    streamed,        // A literal that went to the literal_sink; bytes is empty.
};

struct string_value {
    std::string_view bytes;
    string_form form = string_form::nil;
    // The size of the value: bytes.size(), except for a streamed literal,
    // whose bytes never reached the response.
    std::uint64_t size = 0;

    bool is_nil() const noexcept { return form == string_form::nil; }
    bool is_literal() const noexcept {
        return form == string_form::literal || form == string_form::binary_literal ||
               form == string_form::streamed;
    }
};

enum class response_type : std::uint8_t {
    untagged,      // "* ..."
    tagged,        // "a1 OK ..."
    continuation,  // "+ ..."
    malformed,     // Framed correctly, grammar broken; see response::error.
};

enum class status_kind : std::uint8_t { none, ok, no, bad, bye, preauth };

enum class code_kind : std::uint8_t {
    none,  // No response code.
    alert,
    badcharset,
    capability,
    parse,
    permanentflags,
    read_only,
    read_write,
    trycreate,
    uidnext,
    uidvalidity,
    unseen,
    highestmodseq,
    nomodseq,
    appenduid,
    copyuid,
    closed,
    other,  // Any other code: see name and raw_args.
};

// A response code, the bracketed part of "* OK [UIDNEXT 4392] Predicted".
struct response_code {
    code_kind kind = code_kind::none;
    std::string_view name;      // As sent, e.g. "UIDNEXT".
    std::string_view raw_args;  // Everything after the name up to ']', e.g. "4392".
    // UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ; the UIDVALIDITY of
    // APPENDUID and COPYUID.
    std::uint64_t number = 0;
    // CAPABILITY atoms, PERMANENTFLAGS flags (with "\*"), BADCHARSET charsets.
    std::span<const std::string_view> list;
    // APPENDUID: the appended UID set. COPYUID: the source UID set. Both
    // as sent and syntax-checked; parse_uid_set() gives the ranges.
    std::string_view uid_set;
    // COPYUID: the destination UID set.
    std::string_view dest_uid_set;
};

// One address of an envelope address list. RFC 3501 encodes groups (RFC 5322
// "undisclosed-recipients:;") inline: a start marker whose host is NIL and
// whose mailbox is the group name, then the members, then an end marker whose
// mailbox and host are both NIL.
struct address {
    string_value name;
    string_value adl;
    string_value mailbox;
    string_value host;

    bool is_group_start() const noexcept { return host.is_nil() && !mailbox.is_nil(); }
    bool is_group_end() const noexcept { return host.is_nil() && mailbox.is_nil(); }
};

struct envelope {
    string_value date;
    string_value subject;
    std::span<const address> from;
    std::span<const address> sender;
    std::span<const address> reply_to;
    std::span<const address> to;
    std::span<const address> cc;
    std::span<const address> bcc;
    string_value in_reply_to;
    string_value message_id;
};

// A MIME parameter, as in ("CHARSET" "UTF-8"). The value may be NIL (a quirk).
struct body_param {
    string_value name;
    string_value value;
};

struct body_disposition {
    string_value type;  // NIL when the server sent no disposition.
    std::span<const body_param> params;
};

// A node of a BODY or BODYSTRUCTURE tree. Which fields mean something depends
// on `multipart`; absent optional fields are NIL strings, empty spans, or
// flagged by the has_* members.
struct body {
    bool multipart = false;
    // For a single part, both from the wire. For a multipart, type is the
    // constant "MULTIPART" (not sent by servers) and subtype is from the wire.
    string_value type;
    string_value subtype;
    std::span<const body_param> params;

    // Single part only.
    string_value id;
    string_value description;
    string_value encoding;
    // Signed because Exchange sends -1 when it does not know the size.
    std::int64_t size = 0;
    bool has_lines = false;  // text/* and message/rfc822 parts carry a line count.
    std::int64_t lines = 0;
    // message/rfc822 (and message/global): the enclosed message's envelope
    // and body. Null for other types, and for message/rfc822 parts that a
    // server sent without them (a quirk; they are then parsed as basic parts).
    const envelope* message_envelope = nullptr;
    const body* message_body = nullptr;

    // Multipart only: the parts, in order. Empty for Gmail's empty multiparts.
    std::span<const body> parts;

    // Extension data (BODYSTRUCTURE only; BODY omits it). Present fields
    // are counted in extension_fields, so that NIL and absent are told apart.
    int extension_fields = 0;
    string_value md5;  // Single part only.
    body_disposition disposition;
    std::span<const string_value> language;
    string_value location;
    // Any further extension data, unparsed, as sent (may be empty).
    std::string_view extensions;
};

enum class fetch_item_kind : std::uint8_t {
    flags,
    uid,
    internaldate,
    rfc822_size,
    modseq,
    envelope,
    body,           // BODY without a section: the non-extensible structure.
    bodystructure,  // BODYSTRUCTURE.
    body_section,   // BODY[section]<origin> nstring.
    binary,         // BINARY[section]<origin> nstring or literal8.
    binary_size,    // BINARY.SIZE[section] number.
    rfc822,
    rfc822_header,
    rfc822_text,
    x_gm_msgid,
    x_gm_thrid,
    x_gm_labels,
    unknown,  // Anything else: name plus the raw value.
};

struct fetch_item {
    fetch_item_kind kind = fetch_item_kind::unknown;
    // The item name as sent, including any section and origin, e.g.
    // "BODY[HEADER.FIELDS (From)]<0>".
    std::string_view name;
    // The text between '[' and ']' for the sectioned items (may be empty).
    std::string_view section;
    bool has_origin = false;
    std::uint64_t origin = 0;
    // UID, RFC822.SIZE, MODSEQ, BINARY.SIZE, X-GM-MSGID, X-GM-THRID.
    std::uint64_t number = 0;
    // INTERNALDATE, BODY[...], BINARY[...], RFC822*, and the value of unknown
    // items that are a single string.
    string_value value;
    // FLAGS and X-GM-LABELS (labels are astrings; quoted ones are unescaped).
    std::span<const std::string_view> flags;
    const envelope* env = nullptr;    // ENVELOPE.
    const body* structure = nullptr;  // BODY and BODYSTRUCTURE.
    // The value exactly as sent (for every kind), e.g. "(\Seen)" or "{5}".
    std::string_view raw;
};

struct fetch_data {
    std::span<const fetch_item> items;
};

enum class data_kind : std::uint8_t {
    none,  // A status response, continuation, or malformed response.
    capability,
    enabled,
    id,
    namespace_,
    list,
    lsub,
    status,
    flags,
    exists,
    recent,
    expunge,
    search,  // SEARCH and SORT.
    esearch,
    vanished,
    fetch,
    other,  // Untagged data this parser does not know; see response::raw.
    // Added later; kept after `other` so that the values above do not move.
    xlist,       // XLIST (Gmail, Yandex, Zoho): LIST's shape, in response::list.
    acl,         // ACL (RFC 4314).
    listrights,  // LISTRIGHTS (RFC 4314).
    myrights,    // MYRIGHTS (RFC 4314).
    quota,       // QUOTA (RFC 9208).
    quotaroot,   // QUOTAROOT (RFC 9208).
    metadata,    // METADATA (RFC 5464), either form.
};

// Every data kind, in declaration order, for code that walks them all.
inline constexpr data_kind k_data_kinds[] = {
    data_kind::none,       data_kind::capability, data_kind::enabled,   data_kind::id,
    data_kind::namespace_, data_kind::list,       data_kind::lsub,      data_kind::status,
    data_kind::flags,      data_kind::exists,     data_kind::recent,    data_kind::expunge,
    data_kind::search,     data_kind::esearch,    data_kind::vanished,  data_kind::fetch,
    data_kind::other,      data_kind::xlist,      data_kind::acl,       data_kind::listrights,
    data_kind::myrights,   data_kind::quota,      data_kind::quotaroot, data_kind::metadata,
};

// LIST, LSUB and XLIST data. XLIST, which Gmail, Yandex and Zoho still
// answer, marks special mailboxes with attributes such as \Inbox, \AllMail
// and \Spam where RFC 6154 has \All and \Junk.
struct list_ext_item {
    string_value tag;                      // "CHILDINFO", "OLDNAME", ...
    std::string_view raw;                  // The value as sent.
    std::span<const string_value> values;  // Its strings, when it is a flat list or one string.
};

struct list_data {
    std::span<const std::string_view> flags;  // \HasNoChildren, \Noselect, ...
    string_value delimiter;                   // NIL for a flat namespace.
    string_value mailbox;                     // Raw: modified UTF-7 (or UTF-8 after UTF8=ACCEPT).
    std::span<const list_ext_item> extended;
};

struct status_item {
    status_attr attr = status_attr::other;
    std::string_view name;
    // The number, for the numeric items (every known item but MAILBOXID, and
    // unknown items whose value is a number); 0 otherwise.
    std::uint64_t value = 0;
    // The value as sent, e.g. "231", "(F2212ea87-6097-4256-9d51-71338625)",
    // or an unknown item's parenthesised list, kept rather than refused.
    std::string_view raw;
    // MAILBOXID (RFC 8474): the object id between the parentheses.
    std::string_view object_id;
};

struct status_data {
    string_value mailbox;
    std::span<const status_item> items;
};

struct search_data {
    std::span<const std::uint32_t> numbers;
    bool has_modseq = false;
    std::uint64_t modseq = 0;
};

struct esearch_item {
    std::string_view name;     // MIN, MAX, COUNT, ALL, MODSEQ, PARTIAL, ...
    std::string_view raw;      // The value as sent.
    std::uint64_t number = 0;  // MIN, MAX, COUNT, MODSEQ.
};

struct esearch_data {
    string_value tag;  // NIL when the server did not correlate it.
    bool uid = false;
    std::span<const esearch_item> items;
};

struct vanished_data {
    bool earlier = false;
    // As sent, e.g. "41,43:116,118"; syntax checked. parse_uid_set() gives the ranges.
    std::string_view uid_set;
};

struct id_param {
    string_value name;
    string_value value;
};

struct namespace_desc {
    string_value prefix;
    string_value delimiter;       // NIL for a flat namespace.
    std::string_view extensions;  // Raw namespace-response-extensions, if any.
};

struct namespace_data {
    // NIL and an empty list both come out empty.
    std::span<const namespace_desc> personal;
    std::span<const namespace_desc> other_users;
    std::span<const namespace_desc> shared;
};

// ACL (RFC 4314): a mailbox's access control list.
struct acl_entry {
    string_value identifier;  // A user or group, e.g. "fred" or "-anyone".
    string_value rights;      // e.g. "lrswipkxtecda".
};

struct acl_data {
    string_value mailbox;
    std::span<const acl_entry> entries;  // Empty when the list has no entries.
};

// LISTRIGHTS (RFC 4314): the rights an identifier may be given on a mailbox.
struct listrights_data {
    string_value mailbox;
    string_value identifier;
    string_value required;                   // Always granted; may be "".
    std::span<const string_value> optional;  // Grantable, each group as sent.
};

// MYRIGHTS (RFC 4314): the logged-in user's rights on a mailbox.
struct myrights_data {
    string_value mailbox;
    string_value rights;
};

// QUOTA (RFC 9208): the usage and limit of each resource of a quota root.
struct quota_resource {
    std::string_view name;  // STORAGE (in KiB), MESSAGE, MAILBOX, ...
    std::uint64_t usage = 0;
    std::uint64_t limit = 0;
};

struct quota_data {
    string_value root;  // "" is a server's default root.
    std::span<const quota_resource> resources;
};

// QUOTAROOT (RFC 9208): the quota roots that apply to a mailbox.
struct quotaroot_data {
    string_value mailbox;
    std::span<const string_value> roots;  // Empty when no quota applies.
};

// METADATA (RFC 5464). The value form answers GETMETADATA with entries and
// their values; the unsolicited form names entries whose values changed.
struct metadata_entry {
    string_value name;   // e.g. "/private/comment", as sent.
    string_value value;  // NIL when the entry has none, and in the unsolicited form.
};

struct metadata_data {
    string_value mailbox;      // "" for server metadata.
    bool with_values = false;  // The value form, `(entry value ...)`.
    std::span<const metadata_entry> entries;
};

// One response. Which members mean something depends on `type` and `kind`.
struct response {
    response_type type = response_type::untagged;
    // Tagged responses. Also set on a malformed response whose line starts
    // with a valid tag and SP (`a1 WHAT is this`), so that a session can end
    // command a1 on it instead of waiting for a completion that has come.
    std::string_view tag;

    // OK/NO/BAD/BYE/PREAUTH, tagged or untagged; status_kind::none otherwise.
    // A malformed response keeps its status when the status keyword parsed
    // and what follows it did not (`a1 OK [UIDNEXT x] y`, `* BYE [ALERT`);
    // every other member of a malformed response is empty but raw, offset
    // and error.
    status_kind status = status_kind::none;
    response_code code;
    // The human-readable text of a status response or continuation request,
    // after the response code if there is one; empty when the server sent
    // none (a quirk that several servers have, see parser.hpp).
    std::string_view text;

    // Untagged data.
    data_kind kind = data_kind::none;
    std::string_view keyword;                 // The data keyword as sent, e.g. "FETCH" or "x-foo".
    std::uint32_t number = 0;                 // EXISTS, RECENT, EXPUNGE, FETCH.
    std::span<const std::string_view> atoms;  // CAPABILITY, ENABLED, FLAGS.
    std::span<const id_param> id;             // ID (empty for ID NIL).
    namespace_data namespaces;
    list_data list;  // LIST, LSUB and XLIST.
    status_data mailbox_status;
    search_data search;
    esearch_data esearch;
    vanished_data vanished;
    fetch_data fetch;
    acl_data acl;
    listrights_data listrights;
    myrights_data myrights;
    quota_data quota;
    quotaroot_data quotaroot;
    metadata_data metadata;

    // Continuation requests: the text or base64 after "+ ". When it starts
    // with a response code (`+ [ALERT] idling`), the code and the text after
    // it are in `code` and `text` too, as for status responses; otherwise
    // `text` is the whole of it.
    std::string_view continuation;

    // The whole response as framed (without the bytes of streamed literals),
    // and its offset in the stream.
    std::string_view raw;
    std::uint64_t offset = 0;

    // Malformed responses: what was wrong, with its stream offset.
    parse_error error;
};

// Names for logs and the CLI ("untagged", "OK", "UIDNEXT", "FETCH"...).
std::string_view to_string(response_type type) noexcept;
std::string_view to_string(status_kind s) noexcept;
std::string_view to_string(code_kind kind) noexcept;
std::string_view to_string(data_kind kind) noexcept;
std::string_view to_string(fetch_item_kind kind) noexcept;
std::string_view to_string(string_form form) noexcept;

}  // namespace uvimap::wire
