#include "uvimap/wire/encoder.hpp"

#include <algorithm>
#include <cstdio>

#include "chars.hpp"
#include "uvimap/wire/utf8.hpp"

namespace uvimap::wire {
namespace {

// The largest mod-sequence RFC 7162 allows (63 bits).
constexpr std::uint64_t k_max_modseq = 0x7fffffffffffffffull;

bool is_atom(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s) {
        if (!detail::is_strict_atom_char(c))
            return false;
    }
    return true;
}

constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool valid_date(const search_date& d) {
    static constexpr unsigned days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1)
        return false;
    if (d.day > days[d.month - 1])
        return false;
    if (d.month == 2 && d.day == 29) {
        const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
        if (!leap)
            return false;
    }
    return true;
}

// Nesting limit for search criteria. A client builds these itself, but a
// runaway recursion (say, a generated NOT NOT NOT...) must fail cleanly
// rather than overflow the stack.
constexpr int k_max_search_depth = 64;

using status = expected<void, encode_error>;

// A mailbox name that cannot be encoded: either it is not UTF-8, or it holds
// a NUL, which no name form can carry.
encode_errc name_error(const mutf7_error& e) {
    return e.code == mutf7_errc::nul_character ? encode_errc::nul_not_allowed
                                               : encode_errc::invalid_utf8;
}

status fail(encode_errc code) {
    return unexpected{encode_error{code}};
}

// Accumulates the fragments of one command. Text goes into the current line;
// a literal closes the line (with its announcement) and opens a new one.
class writer {
public:
    explicit writer(const encoder_options& options) : m_options(options) {}

    void raw(std::string_view s) { m_line += s; }
    void sp() { m_line += ' '; }
    void number(std::uint64_t n) { m_line += std::to_string(n); }

    // A `number64` (RFC 9051) or mod-sequence: at most 2^63 - 1.
    status number64(std::uint64_t n) {
        if (n > k_max_modseq)
            return fail(encode_errc::number_out_of_range);
        number(n);
        return {};
    }

    status atom(std::string_view s) {
        if (!is_atom(s))
            return fail(encode_errc::invalid_atom);
        m_line += s;
        return {};
    }

    // An `astring` argument: atom when it can be, else quoted or literal.
    status astring(std::string_view s, bool is_secret = false) {
        return string_arg(s, true, is_secret);
    }

    // A `string` argument: quoted or literal, never an atom.
    status string(std::string_view s, bool is_secret = false) {
        return string_arg(s, false, is_secret);
    }

    // An `nstring`: NIL or a string.
    status nstring(const std::optional<std::string>& s) {
        if (!s) {
            m_line += "NIL";
            return {};
        }
        return string(*s);
    }

    // A mailbox name: INBOX in any case is sent as INBOX; anything else is
    // converted to the connection's name encoding.
    status mailbox(std::string_view name) {
        if (detail::is_keyword(name, "INBOX")) {
            m_line += "INBOX";
            return {};
        }
        auto encoded = wire_name(name);
        if (!encoded)
            return unexpected{encoded.error()};
        return astring(*encoded);
    }

    // A `list-mailbox` pattern: like a mailbox, but `%` and `*` may stay bare.
    status list_pattern(std::string_view pattern) {
        auto encoded = wire_name(pattern);
        if (!encoded)
            return unexpected{encoded.error()};
        const std::string& p = *encoded;
        bool bare = !p.empty() && p.size() <= m_options.max_quoted_size;
        for (char c : p) {
            if (!(detail::is_strict_atom_char(c) || c == '%' || c == '*'))
                bare = false;
        }
        if (bare && !detail::is_keyword(p, "NIL")) {
            m_line += p;
            return {};
        }
        return astring(p);
    }

    status sequence(const sequence_set& set, bool star_ok = true) {
        // Every uint32 is a valid end (0 stands for `*`), so only emptiness
        // and a forbidden `*` can make a set unsendable.
        if (set.empty() || (!star_ok && set.has_star())) {
            return fail(encode_errc::invalid_sequence_set);
        }
        m_line += set.to_string();
        return {};
    }

    // A position in the current line, for mark_secret_since().
    std::size_t line_mark() const { return m_line.size(); }
    // Marks everything appended to the current line since `start` as secret.
    void mark_secret_since(std::size_t start) {
        m_line_secrets.push_back(byte_range{start, m_line.size() - start});
    }

    std::vector<fragment> finish() {
        m_line += "\r\n";
        flush_line();
        return std::move(m_fragments);
    }

    const encoder_options& options() const { return m_options; }

private:
    // A mailbox name or pattern in the connection's name encoding.
    expected<std::string, encode_error> wire_name(std::string_view name) const {
        auto encoded = encode_mailbox_name(
            name, m_options.utf8_accept ? name_encoding::utf8 : name_encoding::mutf7);
        if (!encoded)
            return unexpected{encode_error{name_error(encoded.error())}};
        return std::move(*encoded);
    }

    status string_arg(std::string_view s, bool atom_ok, bool is_secret) {
        auto form = choose_argument_form(s, m_options, atom_ok);
        if (!form)
            return unexpected{form.error()};
        const std::size_t start = m_line.size();
        switch (*form) {
            case argument_form::atom:
                m_line += s;
                break;
            case argument_form::quoted:
                m_line += '"';
                for (char c : s) {
                    if (c == '"' || c == '\\')
                        m_line += '\\';
                    m_line += c;
                }
                m_line += '"';
                break;
            case argument_form::literal:
            case argument_form::binary_literal:
                literal(s, *form == argument_form::binary_literal, is_secret);
                return {};
        }
        if (is_secret)
            mark_secret_since(start);
        return {};
    }

    void literal(std::string_view data, bool binary, bool is_secret) {
        bool non_sync = false;
        switch (m_options.literals) {
            case literal_extension::none:
                break;
            case literal_extension::literal_minus:
                non_sync = data.size() <= literal_minus_max;
                break;
            case literal_extension::literal_plus:
                non_sync = true;
                break;
        }
        if (binary)
            m_line += '~';
        m_line += '{';
        m_line += std::to_string(data.size());
        if (non_sync)
            m_line += '+';
        m_line += "}\r\n";
        flush_line();
        fragment lit;
        lit.kind = fragment_kind::literal;
        lit.bytes.assign(data);
        lit.mode = non_sync ? literal_mode::non_sync : literal_mode::sync;
        lit.binary = binary;
        if (is_secret && !data.empty())
            lit.secrets.push_back(byte_range{0, data.size()});
        m_fragments.push_back(std::move(lit));
    }

    void flush_line() {
        fragment line;
        line.kind = fragment_kind::line;
        line.bytes = std::move(m_line);
        line.secrets = std::move(m_line_secrets);
        m_fragments.push_back(std::move(line));
        m_line.clear();
        m_line_secrets.clear();
    }

    const encoder_options& m_options;
    std::vector<fragment> m_fragments;
    std::string m_line;
    std::vector<byte_range> m_line_secrets;
};

template <class T, class F>
status each_separated(writer& w, const std::vector<T>& items, F&& f) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i != 0)
            w.sp();
        if (auto s = f(items[i]); !s)
            return s;
    }
    return {};
}

// `(` items separated by SP `)`.
template <class T, class F>
status parenthesized(writer& w, const std::vector<T>& items, F&& f) {
    w.raw("(");
    if (auto s = each_separated(w, items, std::forward<F>(f)); !s)
        return s;
    w.raw(")");
    return {};
}

// For each_separated() over a list of options written as their keywords.
auto keywords(writer& w) {
    return [&w](const auto& item) -> status {
        w.raw(to_string(item));
        return {};
    };
}

status write_status_items(writer& w, const std::vector<status_attr>& items) {
    if (items.empty())
        return fail(encode_errc::empty_list);
    if (std::find(items.begin(), items.end(), status_attr::other) != items.end())
        return fail(encode_errc::invalid_atom);
    return parenthesized(w, items, keywords(w));
}

status write_partial(writer& w, const std::optional<partial_range>& partial) {
    if (!partial)
        return {};
    // RFC 9051: partial = "<" number64 "." nz-number64 ">".
    if (partial->length == 0 || partial->offset > k_max_modseq || partial->length > k_max_modseq) {
        return fail(encode_errc::number_out_of_range);
    }
    w.raw("<");
    w.number(partial->offset);
    w.raw(".");
    w.number(partial->length);
    w.raw(">");
    return {};
}

status write_part(writer& w, const std::vector<std::uint32_t>& part) {
    for (std::size_t i = 0; i < part.size(); ++i) {
        if (part[i] == 0)
            return fail(encode_errc::invalid_section);
        if (i != 0)
            w.raw(".");
        w.number(part[i]);
    }
    return {};
}

status write_section(writer& w, const section_spec& s) {
    using tk = section_spec::text_kind;
    w.raw("[");
    if (auto r = write_part(w, s.part); !r)
        return r;
    const bool has_fields = s.text == tk::header_fields || s.text == tk::header_fields_not;
    if (!has_fields && !s.fields.empty())
        return fail(encode_errc::invalid_section);
    if (s.text == tk::mime && s.part.empty())
        return fail(encode_errc::invalid_section);
    if (s.text != tk::none && !s.part.empty())
        w.raw(".");
    switch (s.text) {
        case tk::none:
            break;
        case tk::header:
            w.raw("HEADER");
            break;
        case tk::header_fields:
            w.raw("HEADER.FIELDS");
            break;
        case tk::header_fields_not:
            w.raw("HEADER.FIELDS.NOT");
            break;
        case tk::text:
            w.raw("TEXT");
            break;
        case tk::mime:
            w.raw("MIME");
            break;
    }
    if (has_fields) {
        if (s.fields.empty())
            return fail(encode_errc::invalid_section);
        w.sp();
        if (auto r = parenthesized(w, s.fields, [&](const std::string& f) { return w.astring(f); });
            !r) {
            return r;
        }
    }
    w.raw("]");
    return {};
}

bool is_macro(fetch_att_kind a) {
    return a == fetch_att_kind::all || a == fetch_att_kind::fast || a == fetch_att_kind::full;
}

status write_fetch_att(writer& w, const fetch_att& item) {
    switch (item.attr) {
        case fetch_att_kind::body_section:
            w.raw(item.peek ? "BODY.PEEK" : "BODY");
            if (auto r = write_section(w, item.section); !r)
                return r;
            return write_partial(w, item.partial);
        case fetch_att_kind::binary:
        case fetch_att_kind::binary_size:
            if (item.section.text != section_spec::text_kind::none ||
                !item.section.fields.empty()) {
                return fail(encode_errc::invalid_section);
            }
            if (item.attr == fetch_att_kind::binary_size) {
                if (item.partial)
                    return fail(encode_errc::invalid_section);
                w.raw("BINARY.SIZE");
            } else {
                w.raw(item.peek ? "BINARY.PEEK" : "BINARY");
            }
            w.raw("[");
            if (auto r = write_part(w, item.section.part); !r)
                return r;
            w.raw("]");
            return write_partial(w, item.partial);
        default:
            // Attributes without a section cannot carry one, nor a partial.
            if (item.peek || item.partial || item.section != section_spec{}) {
                return fail(encode_errc::invalid_section);
            }
            w.raw(to_string(item.attr));
            return {};
    }
}

status write_search_key(writer& w, const search_key& key, int depth) {
    if (depth > k_max_search_depth)
        return fail(encode_errc::nesting_too_deep);
    const std::string_view name = to_string(key.kind);
    switch (key.kind) {
        case search_kind::keyword:
        case search_kind::unkeyword:
            w.raw(name);
            w.sp();
            return w.atom(key.value);
        case search_kind::bcc:
        case search_kind::body:
        case search_kind::cc:
        case search_kind::from:
        case search_kind::subject:
        case search_kind::text:
        case search_kind::to:
            w.raw(name);
            w.sp();
            return w.astring(key.value);
        case search_kind::header:
            w.raw(name);
            w.sp();
            if (auto r = w.astring(key.field); !r)
                return r;
            w.sp();
            return w.astring(key.value);
        case search_kind::before:
        case search_kind::on:
        case search_kind::since:
        case search_kind::sentbefore:
        case search_kind::senton:
        case search_kind::sentsince: {
            if (!valid_date(key.date))
                return fail(encode_errc::invalid_date);
            char buf[32];
            std::snprintf(buf, sizeof buf, "%u-%s-%04d", key.date.day, k_months[key.date.month - 1],
                          key.date.year);
            w.raw(name);
            w.sp();
            w.raw(buf);
            return {};
        }
        case search_kind::larger:
        case search_kind::smaller:
        case search_kind::modseq:
            w.raw(name);
            w.sp();
            return w.number64(key.number);
        case search_kind::uid:
            w.raw(name);
            w.sp();
            return w.sequence(key.set);
        case search_kind::sequence:
            return w.sequence(key.set);
        case search_kind::not_:
            if (key.children.size() != 1)
                return fail(encode_errc::empty_list);
            w.raw(name);
            w.sp();
            return write_search_key(w, key.children[0], depth + 1);
        case search_kind::or_:
            if (key.children.size() != 2)
                return fail(encode_errc::empty_list);
            w.raw(name);
            w.sp();
            if (auto r = write_search_key(w, key.children[0], depth + 1); !r)
                return r;
            w.sp();
            return write_search_key(w, key.children[1], depth + 1);
        case search_kind::and_:
            if (key.children.empty())
                return fail(encode_errc::empty_list);
            return parenthesized(w, key.children, [&](const search_key& k) {
                return write_search_key(w, k, depth + 1);
            });
        default:
            // The flag-like keys take no argument.
            w.raw(name);
            return {};
    }
}

// --- One function per command ------------------------------------------------

// CAPABILITY, NOOP, LOGOUT and the other commands without arguments.
template <bare_command C>
status write(writer& w, const C&) {
    w.raw(C::keyword);
    return {};
}

status write(writer& w, const login_command& c) {
    w.raw("LOGIN ");
    if (auto r = w.astring(c.user); !r)
        return r;
    w.sp();
    return w.astring(c.password.expose(), true);
}

status write(writer& w, const authenticate_command& c) {
    w.raw("AUTHENTICATE ");
    if (auto r = w.atom(c.mechanism); !r)
        return r;
    if (!c.initial_response)
        return {};
    if (!w.options().sasl_ir)
        return fail(encode_errc::sasl_ir_unavailable);
    w.sp();
    const std::size_t start = w.line_mark();
    // RFC 4959: a zero-length initial response is sent as a single "=".
    if (c.initial_response->empty()) {
        w.raw("=");
    } else {
        w.raw(base64_encode(c.initial_response->expose()));
    }
    w.mark_secret_since(start);
    return {};
}

status write(writer& w, const enable_command& c) {
    if (c.capabilities.empty())
        return fail(encode_errc::empty_list);
    w.raw("ENABLE ");
    return each_separated(w, c.capabilities, [&](const std::string& cap) { return w.atom(cap); });
}

status write(writer& w, const id_command& c) {
    w.raw("ID ");
    if (!c.fields) {
        w.raw("NIL");
        return {};
    }
    if (c.fields->size() > 30)
        return fail(encode_errc::id_limits_exceeded);
    return parenthesized(w, *c.fields, [&](const id_command::field& f) -> status {
        if (f.first.size() > 30 || (f.second && f.second->size() > 1024)) {
            return fail(encode_errc::id_limits_exceeded);
        }
        if (auto s = w.string(f.first); !s)
            return s;
        w.sp();
        return w.nstring(f.second);
    });
}

status write(writer& w, const list_command& c) {
    if (c.patterns.empty())
        return fail(encode_errc::empty_list);
    w.raw("LIST ");
    if (!c.selection_options.empty()) {
        if (auto r = parenthesized(w, c.selection_options,
                                   [&](const std::string& o) { return w.atom(o); });
            !r) {
            return r;
        }
        w.sp();
    }
    if (auto r = w.mailbox(c.reference); !r)
        return r;
    w.sp();
    if (c.patterns.size() == 1) {
        if (auto r = w.list_pattern(c.patterns[0]); !r)
            return r;
    } else {
        if (auto r = parenthesized(w, c.patterns,
                                   [&](const std::string& p) { return w.list_pattern(p); });
            !r) {
            return r;
        }
    }
    std::vector<std::string_view> returns;
    if (c.return_subscribed)
        returns.push_back("SUBSCRIBED");
    if (c.return_children)
        returns.push_back("CHILDREN");
    if (c.return_special_use)
        returns.push_back("SPECIAL-USE");
    if (returns.empty() && c.return_status.empty())
        return {};
    w.raw(" RETURN (");
    if (auto r = each_separated(w, returns,
                                [&](std::string_view option) -> status {
                                    w.raw(option);
                                    return {};
                                });
        !r) {
        return r;
    }
    if (!c.return_status.empty()) {
        if (!returns.empty())
            w.sp();
        w.raw("STATUS ");
        if (auto r = write_status_items(w, c.return_status); !r)
            return r;
    }
    w.raw(")");
    return {};
}

status write(writer& w, const lsub_command& c) {
    w.raw("LSUB ");
    if (auto r = w.mailbox(c.reference); !r)
        return r;
    w.sp();
    return w.list_pattern(c.pattern);
}

status write(writer& w, const status_command& c) {
    w.raw("STATUS ");
    if (auto r = w.mailbox(c.mailbox); !r)
        return r;
    w.sp();
    return write_status_items(w, c.items);
}

status write(writer& w, const select_command& c) {
    w.raw(c.read_only ? "EXAMINE " : "SELECT ");
    if (auto r = w.mailbox(c.mailbox); !r)
        return r;
    if (!c.condstore && !c.qresync)
        return {};
    w.raw(" (");
    if (c.condstore)
        w.raw("CONDSTORE");
    if (c.qresync) {
        const qresync_params& q = *c.qresync;
        if (q.uidvalidity == 0 || q.modseq == 0 || q.modseq > k_max_modseq) {
            return fail(encode_errc::number_out_of_range);
        }
        if (c.condstore)
            w.sp();
        w.raw("QRESYNC (");
        w.number(q.uidvalidity);
        w.sp();
        w.number(q.modseq);
        // RFC 7162 forbids `*` in known-uids and in the sequence-match data.
        if (q.known_uids) {
            w.sp();
            if (auto r = w.sequence(*q.known_uids, false); !r)
                return r;
        }
        if (q.seq_match) {
            w.raw(" (");
            if (auto r = w.sequence(q.seq_match->first, false); !r)
                return r;
            w.sp();
            if (auto r = w.sequence(q.seq_match->second, false); !r)
                return r;
            w.raw(")");
        }
        w.raw(")");
    }
    w.raw(")");
    return {};
}

status write(writer& w, const fetch_command& c) {
    if (c.items.empty())
        return fail(encode_errc::empty_list);
    if (c.vanished && (!c.uid || !c.changed_since)) {
        return fail(encode_errc::vanished_requires_uid_changedsince);
    }
    w.raw(c.uid ? "UID FETCH " : "FETCH ");
    if (auto r = w.sequence(c.set); !r)
        return r;
    w.sp();
    const bool macro = is_macro(c.items.front().attr);
    if (macro) {
        if (c.items.size() != 1)
            return fail(encode_errc::macro_not_alone);
        w.raw(to_string(c.items.front().attr));
    } else {
        auto r = parenthesized(w, c.items, [&](const fetch_att& item) -> status {
            if (is_macro(item.attr))
                return fail(encode_errc::macro_not_alone);
            return write_fetch_att(w, item);
        });
        if (!r)
            return r;
    }
    if (c.changed_since) {
        w.raw(" (CHANGEDSINCE ");
        if (auto r = w.number64(*c.changed_since); !r)
            return r;
        if (c.vanished)
            w.raw(" VANISHED");
        w.raw(")");
    }
    return {};
}

status write(writer& w, const search_command& c) {
    if (c.criteria.empty())
        return fail(encode_errc::empty_list);
    w.raw(c.uid ? "UID SEARCH" : "SEARCH");
    if (c.return_options) {
        w.raw(" RETURN ");
        if (auto r = parenthesized(w, *c.return_options, keywords(w)); !r)
            return r;
    }
    if (c.charset) {
        // charset = atom / quoted: it can never be a literal.
        w.raw(" CHARSET ");
        auto form = choose_argument_form(*c.charset, w.options(), true);
        if (!form || *form == argument_form::literal || *form == argument_form::binary_literal) {
            return fail(encode_errc::not_quotable);
        }
        if (auto r = w.astring(*c.charset); !r)
            return r;
    }
    for (const search_key& key : c.criteria) {
        w.sp();
        if (auto r = write_search_key(w, key, 0); !r)
            return r;
    }
    return {};
}

}  // namespace

std::string_view to_string(encode_errc code) {
    switch (code) {
        case encode_errc::invalid_tag:
            return "invalid tag";
        case encode_errc::nul_not_allowed:
            return "NUL byte needs a BINARY literal";
        case encode_errc::invalid_utf8:
            return "invalid UTF-8";
        case encode_errc::invalid_atom:
            return "value is not a valid atom";
        case encode_errc::empty_list:
            return "list must not be empty";
        case encode_errc::invalid_sequence_set:
            return "empty sequence set or '*' where not allowed";
        case encode_errc::macro_not_alone:
            return "FETCH macro combined with other items";
        case encode_errc::vanished_requires_uid_changedsince:
            return "VANISHED needs UID FETCH with CHANGEDSINCE";
        case encode_errc::number_out_of_range:
            return "number out of range";
        case encode_errc::sasl_ir_unavailable:
            return "initial response needs SASL-IR";
        case encode_errc::id_limits_exceeded:
            return "ID field/value limits exceeded";
        case encode_errc::invalid_date:
            return "invalid date";
        case encode_errc::invalid_section:
            return "invalid body section";
        case encode_errc::not_quotable:
            return "value cannot be sent as atom or quoted string";
        case encode_errc::nesting_too_deep:
            return "search criteria nested too deeply";
    }
    return "unknown encode error";
}

std::string redact(const fragment& f) {
    std::string out;
    std::size_t pos = 0;
    for (const byte_range& r : f.secrets) {
        if (r.offset < pos || r.offset > f.bytes.size())
            continue;
        out.append(f.bytes, pos, r.offset - pos);
        out += redacted_text;
        pos = std::min(f.bytes.size(), r.offset + r.length);
    }
    out.append(f.bytes, pos, std::string::npos);
    return out;
}

std::string encoded_command::bytes() const {
    std::string out;
    for (const fragment& f : fragments)
        out += f.bytes;
    return out;
}

std::string encoded_command::redacted() const {
    std::string out;
    for (const fragment& f : fragments)
        out += redact(f);
    return out;
}

std::size_t encoded_command::sync_literal_count() const {
    std::size_t n = 0;
    for (const fragment& f : fragments) {
        if (f.kind == fragment_kind::literal && f.mode == literal_mode::sync)
            ++n;
    }
    return n;
}

bool is_valid_tag(std::string_view tag) {
    if (tag.empty())
        return false;
    for (char c : tag) {
        if (!detail::is_strict_atom_char(c) || c == '+')
            return false;
    }
    return true;
}

expected<tag_allocator, encode_error> tag_allocator::with_prefix(std::string_view prefix) {
    // The counter appends digits, so the prefix alone decides validity; an
    // empty prefix is fine (tags are then plain numbers).
    if (!prefix.empty() && !is_valid_tag(prefix)) {
        return unexpected{encode_error{encode_errc::invalid_tag}};
    }
    tag_allocator a;
    a.m_prefix.assign(prefix);
    return a;
}

std::string tag_allocator::peek() const {
    return m_prefix + std::to_string(m_next);
}

std::string tag_allocator::next() {
    std::string tag = peek();
    ++m_next;
    return tag;
}

expected<argument_form, encode_error> choose_argument_form(std::string_view s,
                                                           const encoder_options& options,
                                                           bool atom_ok) {
    bool has_8bit = false;
    bool needs_literal = s.size() > options.max_quoted_size;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) {
            if (!options.binary)
                return unexpected{encode_error{encode_errc::nul_not_allowed}};
            return argument_form::binary_literal;
        }
        if (c == '\r' || c == '\n')
            needs_literal = true;
        if (c >= 0x80)
            has_8bit = true;
    }
    if (needs_literal)
        return argument_form::literal;
    if (has_8bit) {
        // RFC 6855 / RFC 9051: UTF-8 in quoted strings only once UTF8=ACCEPT
        // is in force, and only if it really is UTF-8.
        if (!options.utf8_accept || find_invalid_utf8(s) != std::string_view::npos) {
            return argument_form::literal;
        }
        return argument_form::quoted;
    }
    // "NIL" as an atom is a legal astring, but some servers read it as the
    // nil value; quoting costs two bytes and removes the doubt.
    if (atom_ok && is_atom(s) && !detail::is_keyword(s, "NIL"))
        return argument_form::atom;
    return argument_form::quoted;
}

expected<encoded_command, encode_error> encode_command(std::string_view tag, const command& cmd,
                                                       const encoder_options& options) {
    if (!is_valid_tag(tag))
        return unexpected{encode_error{encode_errc::invalid_tag}};
    writer w(options);
    w.raw(tag);
    w.sp();
    status s = std::visit([&](const auto& c) { return write(w, c); }, cmd);
    if (!s)
        return unexpected{s.error()};
    return encoded_command{std::string(tag), w.finish()};
}

fragment encode_done() {
    return fragment{fragment_kind::line, "DONE\r\n", {}, false, {}};
}

fragment encode_sasl_response(const secret& response) {
    fragment f{fragment_kind::line, base64_encode(response.expose()), {}, false, {}};
    if (!f.bytes.empty())
        f.secrets.push_back(byte_range{0, f.bytes.size()});
    f.bytes += "\r\n";
    return f;
}

fragment encode_sasl_cancel() {
    return fragment{fragment_kind::line, "*\r\n", {}, false, {}};
}

expected<encoded_command, encode_error> encoder::encode(const command& cmd) {
    auto result = encode_command(m_tags.peek(), cmd, m_options);
    if (result)
        m_tags.next();
    return result;
}

}  // namespace uvimap::wire
