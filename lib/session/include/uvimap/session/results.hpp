// What the session hands to the application: owned copies of response data.
//
// The parser's responses are views that die at the next parse, so the
// session copies what a command asked for into these plain value types as
// it routes each response. Strings are kept as the server sent them (header
// text in ENVELOPE may still hold RFC 2047 encoded words, see lib/mime),
// except mailbox names, which are also decoded to UTF-8.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace uvimap::session {

// A response code, the bracketed part of "a1 NO [TRYCREATE] No such mailbox".
struct response_code {
    std::string name;       // "TRYCREATE"; empty when the response had none
    std::string arguments;  // everything after the name, as sent

    bool empty() const noexcept { return name.empty(); }
    friend bool operator==(const response_code&, const response_code&) = default;
};

// A STATUS answer; each item the server did not send is empty.
struct mailbox_status {
    std::string mailbox;  // decoded to UTF-8
    std::optional<std::uint32_t> messages;
    std::optional<std::uint32_t> recent;
    std::optional<std::uint32_t> uidnext;
    std::optional<std::uint32_t> uidvalidity;
    std::optional<std::uint32_t> unseen;
    std::optional<std::uint32_t> deleted;
    std::optional<std::uint64_t> size;
    std::optional<std::uint64_t> highest_modseq;
    std::optional<std::string> mailbox_id;  // RFC 8474 MAILBOXID
    friend bool operator==(const mailbox_status&, const mailbox_status&) = default;
};

// One mailbox of a LIST (or LSUB) answer.
struct mailbox_entry {
    std::string name;      // decoded to UTF-8
    std::string raw_name;  // as on the wire (modified UTF-7, or UTF-8 after UTF8=ACCEPT)
    // The hierarchy delimiter ("/" or "."); empty for a flat namespace (NIL).
    std::string delimiter;
    // Attributes as sent: \HasNoChildren, \Noselect, and RFC 6154's special
    // uses (\Sent, \Drafts, \Trash, \Junk, \Archive, \All, \Flagged).
    std::vector<std::string> flags;
    // With LIST-STATUS (RFC 5819), the STATUS the server sent with the entry.
    std::optional<mailbox_status> status;

    // Case-insensitive, as attributes are.
    bool has_flag(std::string_view flag) const noexcept;
    friend bool operator==(const mailbox_entry&, const mailbox_entry&) = default;
};

// What SELECT or EXAMINE told about the mailbox. Servers differ in what
// they send (Courier sends no UIDNEXT or UNSEEN on EXAMINE), so everything
// past the counts is optional.
struct selected_mailbox {
    std::string name;  // decoded to UTF-8, as asked for
    std::uint32_t exists = 0;
    std::uint32_t recent = 0;
    std::vector<std::string> flags;                           // FLAGS
    std::optional<std::vector<std::string>> permanent_flags;  // [PERMANENTFLAGS ...]
    std::optional<std::uint32_t> uidvalidity;
    std::optional<std::uint32_t> uidnext;
    std::optional<std::uint32_t> unseen;  // first unseen message number
    std::optional<std::uint64_t> highest_modseq;
    bool no_modseq = false;  // [NOMODSEQ]
    bool read_only = false;  // [READ-ONLY], as EXAMINE gives
    // The other codes of the untagged OKs, in order, the name upper-cased
    // and the arguments as sent: Cyrus's [MAILBOXID (...)] and [URLMECH
    // INTERNAL], Courier's [MYRIGHTS "acdilrsw"].
    std::vector<std::pair<std::string, std::string>> other_codes;
    friend bool operator==(const selected_mailbox&, const selected_mailbox&) = default;
};

struct address {
    std::optional<std::string> name;  // display name, possibly RFC 2047 encoded
    std::optional<std::string> adl;
    std::optional<std::string> mailbox;
    std::optional<std::string> host;
    // RFC 3501 encodes groups inline: a start marker (host NIL, mailbox the
    // group name), the members, an end marker (mailbox and host NIL).
    bool is_group_start() const noexcept { return !host && mailbox.has_value(); }
    bool is_group_end() const noexcept { return !host && !mailbox; }
    friend bool operator==(const address&, const address&) = default;
};

struct envelope {
    std::optional<std::string> date;
    std::optional<std::string> subject;
    std::vector<address> from;
    std::vector<address> sender;
    std::vector<address> reply_to;
    std::vector<address> to;
    std::vector<address> cc;
    std::vector<address> bcc;
    std::optional<std::string> in_reply_to;
    std::optional<std::string> message_id;
    friend bool operator==(const envelope&, const envelope&) = default;
};

// One node of a BODYSTRUCTURE (or BODY) tree.
struct body_structure {
    bool multipart = false;
    // Lower-cased: "text"/"plain", "multipart"/"alternative" (servers send
    // either case).
    std::string type;
    std::string subtype;
    std::vector<std::pair<std::string, std::string>> parameters;  // names lower-cased
    // Single part only.
    std::optional<std::string> id;
    std::optional<std::string> description;
    std::string encoding;  // Content-Transfer-Encoding, lower-cased ("7bit" if NIL)
    std::int64_t size = 0;
    std::optional<std::int64_t> lines;
    // message/rfc822 parts: the enclosed message (0 or 1 element each).
    std::vector<envelope> message_envelope;
    std::vector<body_structure> message_body;
    // Multipart only.
    std::vector<body_structure> parts;
    // Extension data, when the server sent it (BODYSTRUCTURE).
    std::optional<std::string> md5;
    std::optional<std::string> disposition;  // lower-cased: "inline", "attachment"
    std::vector<std::pair<std::string, std::string>> disposition_parameters;
    std::vector<std::string> language;
    std::optional<std::string> location;

    // The value of parameter `name` (case-insensitive), if present.
    std::optional<std::string> parameter(std::string_view name) const;
    friend bool operator==(const body_structure&, const body_structure&) = default;
};

// BODY[section]<origin>, BINARY[section]<origin> or RFC822* data.
struct body_section {
    std::string name;     // the item as sent, e.g. "BODY[1]<0>"
    std::string section;  // between the brackets, e.g. "1" or "HEADER"
    std::optional<std::uint64_t> origin;
    bool binary = false;
    // The bytes, or nothing for NIL. A literal that went to a literal_sink
    // is `streamed`, with its size and no bytes.
    std::optional<std::string> data;
    bool streamed = false;
    std::uint64_t size = 0;
    friend bool operator==(const body_section&, const body_section&) = default;
};

// One FETCH response: a message with the items the server sent for it.
struct fetch_message {
    std::uint32_t sequence = 0;
    std::optional<std::uint32_t> uid;
    std::optional<std::vector<std::string>> flags;
    std::optional<std::string> internal_date;
    std::optional<std::uint64_t> size;  // RFC822.SIZE
    std::optional<std::uint64_t> modseq;
    std::optional<envelope> env;
    std::optional<body_structure> structure;
    std::vector<body_section> sections;
    std::optional<std::vector<std::string>> gmail_labels;
    std::optional<std::uint64_t> gmail_message_id;
    std::optional<std::uint64_t> gmail_thread_id;
    // Items this library does not know: name and value as sent.
    std::vector<std::pair<std::string, std::string>> other;

    // The first section named exactly `section` ("1", "HEADER", ...).
    const body_section* find_section(std::string_view section) const noexcept;
    friend bool operator==(const fetch_message&, const fetch_message&) = default;
};

// SEARCH or ESEARCH results (numbers are UIDs for UID SEARCH).
struct search_result {
    std::vector<std::uint32_t> numbers;  // SEARCH, or ESEARCH ALL expanded
    std::optional<std::uint64_t> highest_modseq;
    std::optional<std::uint32_t> min;    // ESEARCH MIN
    std::optional<std::uint32_t> max;    // ESEARCH MAX
    std::optional<std::uint32_t> count;  // ESEARCH COUNT
    friend bool operator==(const search_result&, const search_result&) = default;
};

struct namespace_entry {
    std::string prefix;
    std::string delimiter;  // empty for NIL
    friend bool operator==(const namespace_entry&, const namespace_entry&) = default;
};

struct namespaces {
    std::vector<namespace_entry> personal;
    std::vector<namespace_entry> other_users;
    std::vector<namespace_entry> shared;
    friend bool operator==(const namespaces&, const namespaces&) = default;
};

// ID (RFC 2971) field/value pairs; a NIL value is empty.
using id_fields = std::vector<std::pair<std::string, std::optional<std::string>>>;

}  // namespace uvimap::session
