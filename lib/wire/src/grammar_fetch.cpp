// FETCH data: message attributes, ENVELOPE and BODY/BODYSTRUCTURE.
#include <array>
#include <cstring>

#include "chars.hpp"
#include "grammar.hpp"

namespace uvimap::wire::detail {

namespace {

struct item_name {
    std::string_view name;
    fetch_item_kind kind;
};

// Names without a section. BODY and BINARY with a section are told apart
// by the '[' in fetch_data().
constexpr item_name k_items[] = {
    {"FLAGS", fetch_item_kind::flags},
    {"UID", fetch_item_kind::uid},
    {"INTERNALDATE", fetch_item_kind::internaldate},
    {"RFC822.SIZE", fetch_item_kind::rfc822_size},
    {"MODSEQ", fetch_item_kind::modseq},
    {"ENVELOPE", fetch_item_kind::envelope},
    {"BODY", fetch_item_kind::body},
    {"BODYSTRUCTURE", fetch_item_kind::bodystructure},
    {"RFC822", fetch_item_kind::rfc822},
    {"RFC822.HEADER", fetch_item_kind::rfc822_header},
    {"RFC822.TEXT", fetch_item_kind::rfc822_text},
    {"X-GM-MSGID", fetch_item_kind::x_gm_msgid},
    {"X-GM-THRID", fetch_item_kind::x_gm_thrid},
    {"X-GM-LABELS", fetch_item_kind::x_gm_labels},
};

// The one entry of k_items that `base` can be, chosen by its length and a
// letter that tells same-length names apart, or null; the caller confirms
// it with one case-insensitive comparison. Trying the table in order costs
// a comparison per entry, for every item of every FETCH.
const item_name* item_candidate(std::string_view base) noexcept {
    const auto at = [](fetch_item_kind kind) {
        for (const item_name& known : k_items) {
            if (known.kind == kind) {
                return &known;
            }
        }
        return static_cast<const item_name*>(nullptr);
    };
    using k = fetch_item_kind;
    switch (base.size()) {
        case 3:
            return at(k::uid);
        case 4:
            return at(k::body);
        case 5:
            return at(k::flags);
        case 6:
            return at(ascii_upper(base[0]) == 'M' ? k::modseq : k::rfc822);
        case 8:
            return at(k::envelope);
        case 10:
            return at(ascii_upper(base[5]) == 'M' ? k::x_gm_msgid : k::x_gm_thrid);
        case 11:
            if (ascii_upper(base[0]) == 'X') {
                return at(k::x_gm_labels);
            }
            return at(ascii_upper(base[7]) == 'S' ? k::rfc822_size : k::rfc822_text);
        case 12:
            return at(k::internaldate);
        case 13:
            return at(ascii_upper(base[0]) == 'B' ? k::bodystructure : k::rfc822_header);
        default:
            return nullptr;
    }
}

// The bytes that end an item name: atom characters include '[', which starts
// a section here. One table lookup per byte instead of eight comparisons.
constexpr std::array<bool, 256> make_name_stops() {
    std::array<bool, 256> t{};
    for (const unsigned char c : {'[', ' ', '(', ')', '{', '"', '\r', '\n'}) {
        t[c] = true;
    }
    return t;
}

constexpr std::array<bool, 256> k_name_stops = make_name_stops();

}  // namespace

bool grammar::fetch_data() {
    if (!open()) {
        return false;
    }
    const std::size_t mark = m_items.size();
    while (peek() != ')') {
        // Built in place on the scratch stack, not copied there: no item
        // value pushes onto m_items, so the reference stays valid.
        fetch_item& item = m_items.emplace_back();
        const char* start = m_p;
        while (m_p < m_end && !k_name_stops[static_cast<unsigned char>(*m_p)]) {
            ++m_p;
        }
        const std::string_view base{start, static_cast<std::size_t>(m_p - start)};
        if (base.empty()) {
            return fail("FETCH item name or ')'");
        }
        bool sectioned = false;
        if (peek() == '[') {
            sectioned = true;
            const char* section = ++m_p;
            // The section may hold a parenthesised header list, never ']'.
            while (m_p < m_end && *m_p != ']' && *m_p != '\r' && *m_p != '\n') {
                ++m_p;
            }
            item.section = {section, static_cast<std::size_t>(m_p - section)};
            if (!expect(']', "']'")) {
                return false;
            }
            if (peek() == '<') {
                ++m_p;
                if (!number(item.origin) || !expect('>', "'>'")) {
                    return false;
                }
                item.has_origin = true;
            }
        }
        item.name = {start, static_cast<std::size_t>(m_p - start)};
        item.kind = fetch_item_kind::unknown;
        if (sectioned) {
            if (is_keyword(base, "BODY")) {
                item.kind = fetch_item_kind::body_section;
            } else if (is_keyword(base, "BINARY")) {
                item.kind = fetch_item_kind::binary;
            } else if (is_keyword(base, "BINARY.SIZE")) {
                item.kind = fetch_item_kind::binary_size;
            }
        } else if (const item_name* known = item_candidate(base);
                   known != nullptr && is_keyword(base, known->name)) {
            item.kind = known->kind;
        }
        if (!sp() || !raw_value(item.raw, [&] { return fetch_item_value(item); })) {
            return false;
        }
        skip_sp();
    }
    m_response.fetch.items = freeze(m_items, mark);
    return close() && end_of_response();
}

bool grammar::fetch_item_value(fetch_item& item) {
    switch (item.kind) {
        case fetch_item_kind::flags:
            return flag_list(item.flags);
        case fetch_item_kind::uid:
        case fetch_item_kind::rfc822_size:
        case fetch_item_kind::binary_size:
        case fetch_item_kind::x_gm_msgid:
        case fetch_item_kind::x_gm_thrid:
            return number(item.number);
        case fetch_item_kind::modseq:
            return open() && number(item.number) && close();
        case fetch_item_kind::internaldate:
            return string(item.value);
        case fetch_item_kind::body_section:
        case fetch_item_kind::binary:
        case fetch_item_kind::rfc822:
        case fetch_item_kind::rfc822_header:
        case fetch_item_kind::rfc822_text:
            return nstring(item.value);
        case fetch_item_kind::envelope:
            return envelope(item.env);
        case fetch_item_kind::body:
        case fetch_item_kind::bodystructure: {
            wire::body b;
            if (!body(b)) {
                return false;
            }
            item.structure = m_arena.copy_one(b);
            return true;
        }
        case fetch_item_kind::x_gm_labels:
            // Labels are astrings, or flags such as \Important. Gmail sends
            // user labels with brackets unquoted, `[Gmail]/Sent`, which an
            // astring allows (']' is an ASTRING-CHAR) and a flag does not.
            return list_of(m_views, item.flags, [&](std::string_view& label) {
                if (starts_string()) {
                    string_value s;
                    if (!string(s)) {
                        return false;
                    }
                    label = s.bytes;
                    return true;
                }
                label = peek() == '\\' ? flag() : astring_atom();
                return !label.empty() || fail("label");
            });
        case fetch_item_kind::unknown: {
            if (starts_string()) {
                return string(item.value);
            }
            return skip_value();
        }
    }
    return fail("FETCH item value");
}

bool grammar::address_list(std::span<const address>& out) {
    if (skip_nil()) {
        out = {};
        return true;
    }
    return list_of(
        m_addresses, out,
        [&](address& a) {
            return open() && nstring(a.name, true) && sp() && nstring(a.adl, true) && sp() &&
                   nstring(a.mailbox, true) && sp() && nstring(a.host, true) && close();
        },
        true);
}

bool grammar::envelope(const wire::envelope*& out) {
    wire::envelope e;
    if (!open() || !nstring(e.date, true) || !sp() || !nstring(e.subject, true) || !sp() ||
        !address_list(e.from) || !sp() || !address_list(e.sender) || !sp() ||
        !address_list(e.reply_to) || !sp() || !address_list(e.to) || !sp() || !address_list(e.cc) ||
        !sp() || !address_list(e.bcc) || !sp() || !nstring(e.in_reply_to, true) || !sp() ||
        !nstring(e.message_id, true) || !close()) {
        return false;
    }
    out = m_arena.copy_one(e);
    return true;
}

// True when another element follows in the current list; skips the spaces
// before it (or before the ')').
bool grammar::more_in_list() {
    skip_sp();
    return m_p < m_end && *m_p != ')';
}

bool grammar::body_params(std::span<const body_param>& out) {
    if (skip_nil()) {
        out = {};
        return true;
    }
    return list_of(m_params, out, [&](body_param& param) {
        // NIL values are a quirk (Exchange); names are always strings.
        return string(param.name) && sp() && nstring(param.value);
    });
}

bool grammar::body_disposition(wire::body_disposition& out) {
    if (skip_nil()) {
        out = {};
        return true;
    }
    if (peek() == '"') {
        return string(out.type);  // A bare string (Exchange).
    }
    if (!open() || !string(out.type)) {
        return false;
    }
    if (more_in_list() && !body_params(out.params)) {
        return false;
    }
    return close();
}

bool grammar::body_language(std::span<const string_value>& out) {
    if (peek() != '(') {
        string_value lang;
        if (!nstring(lang)) {
            return false;
        }
        out = lang.is_nil() ? std::span<const string_value>{} : m_arena.copy(&lang, 1);
        return true;
    }
    return list_of(m_strings, out, [&](string_value& lang) { return string(lang); });
}

// body-ext-1part / body-ext-mpart, from the field after the MD5 (single part)
// or after the parameters (multipart): disposition, language, location, then
// anything else kept raw.
bool grammar::body_extensions(wire::body& out) {
    if (!more_in_list()) {
        return true;
    }
    if (!body_disposition(out.disposition)) {
        return false;
    }
    ++out.extension_fields;
    if (!more_in_list()) {
        return true;
    }
    if (!body_language(out.language)) {
        return false;
    }
    ++out.extension_fields;
    if (!more_in_list()) {
        return true;
    }
    if (!nstring(out.location)) {
        return false;
    }
    ++out.extension_fields;
    const char* start = m_p;
    while (more_in_list()) {
        if (!skip_value()) {
            return false;
        }
    }
    out.extensions = {start, static_cast<std::size_t>(m_p - start)};
    while (!out.extensions.empty() && out.extensions.front() == ' ') {
        out.extensions.remove_prefix(1);
    }
    return true;
}

bool grammar::body(wire::body& out) {
    if (!open()) {
        return false;
    }
    if (peek() == '(') {
        out.multipart = true;
        out.type = {"MULTIPART", string_form::atom, 9};
        const std::size_t mark = m_bodies.size();
        while (peek() == '(') {
            wire::body part;
            if (!body(part)) {
                return false;
            }
            m_bodies.push_back(part);
            skip_sp();  // Spaces between parts: tolerated (Stalwart, Exchange).
        }
        out.parts = freeze(m_bodies, mark);
        if (!string(out.subtype)) {
            return false;
        }
    } else {
        string_value first;
        if (!nstring(first)) {
            return false;
        }
        skip_sp();
        const char c = peek();
        if (first.is_nil() && (c == '"' || c == '{')) {
            // (NIL "alternative" ...): a multipart with no parts.
            out.multipart = true;
            out.type = {"MULTIPART", string_form::atom, 9};
            if (!string(out.subtype)) {
                return false;
            }
        } else if (!first.is_nil() && c != '"' && c != '{') {
            // ("ALTERNATIVE") or ("RELATED" NIL ...): Gmail's empty multipart.
            out.multipart = true;
            out.type = {"MULTIPART", string_form::atom, 9};
            out.subtype = first;
        } else {
            if (!body_single(out, first)) {
                return false;
            }
            return close();
        }
    }
    // body-ext-mpart: parameters, then the common extension fields.
    if (more_in_list()) {
        if (!body_params(out.params)) {
            return false;
        }
        ++out.extension_fields;
        if (!body_extensions(out)) {
            return false;
        }
    }
    return close();
}

bool grammar::body_single(wire::body& out, const string_value& type) {
    out.type = type;
    if (!string(out.subtype) || !sp() || !body_params(out.params) || !sp() || !nstring(out.id) ||
        !sp() || !nstring(out.description) || !sp() || !nstring(out.encoding) || !sp() ||
        !signed_number(out.size)) {
        return false;
    }
    const bool text = is_keyword(type.bytes, "TEXT");
    const bool message =
        is_keyword(type.bytes, "MESSAGE") &&
        (is_keyword(out.subtype.bytes, "RFC822") || is_keyword(out.subtype.bytes, "GLOBAL"));
    if (message && more_in_list() && peek() == '(') {
        wire::body nested;
        if (!envelope(out.message_envelope) || !sp() || !body(nested)) {
            return false;
        }
        out.message_body = m_arena.copy_one(nested);
        if (more_in_list() && (peek() == '-' || (peek() >= '0' && peek() <= '9'))) {
            if (!signed_number(out.lines)) {
                return false;
            }
            out.has_lines = true;
        }
    } else if (text && more_in_list() && (peek() == '-' || (peek() >= '0' && peek() <= '9'))) {
        if (!signed_number(out.lines)) {
            return false;
        }
        out.has_lines = true;
    }
    // body-ext-1part: MD5, then the common extension fields.
    if (!more_in_list()) {
        return true;
    }
    if (!nstring(out.md5)) {
        return false;
    }
    ++out.extension_fields;
    return body_extensions(out);
}

}  // namespace uvimap::wire::detail
