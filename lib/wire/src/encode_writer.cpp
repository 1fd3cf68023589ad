// The writer's argument forms (atom, quoted, literal; mailbox names and
// patterns; sequence sets) and choose_argument_form(), which decides them.
#include "encode_writer.hpp"

#include <algorithm>

#include "chars.hpp"
#include "uvimap/wire/utf8.hpp"

namespace uvimap::wire {
namespace detail {
namespace {

// A mailbox name that cannot be encoded: either it is not UTF-8, or it holds
// a NUL, which no name form can carry.
encode_errc name_error(const mutf7_error& e) {
    return e.code == mutf7_errc::nul_character ? encode_errc::nul_not_allowed
                                               : encode_errc::invalid_utf8;
}

}  // namespace

bool is_atom(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s) {
        if (!is_strict_atom_char(c))
            return false;
    }
    return true;
}

status writer::mailbox(std::string_view name) {
    if (is_keyword(name, "INBOX")) {
        m_line += "INBOX";
        return {};
    }
    auto encoded = wire_name(name);
    if (!encoded)
        return unexpected{encoded.error()};
    return astring(*encoded);
}

status writer::list_pattern(std::string_view pattern) {
    auto encoded = wire_name(pattern);
    if (!encoded)
        return unexpected{encoded.error()};
    const std::string& p = *encoded;
    bool bare = !p.empty() && p.size() <= m_options.max_quoted_size;
    for (char c : p) {
        if (!(is_strict_atom_char(c) || c == '%' || c == '*'))
            bare = false;
    }
    if (bare && !is_keyword(p, "NIL")) {
        m_line += p;
        return {};
    }
    return astring(p);
}

status writer::sequence(const sequence_set& set, bool star_ok) {
    // Every uint32 is a valid end (0 stands for `*`), so only emptiness
    // and a forbidden `*` can make a set unsendable.
    if (set.empty() || (!star_ok && set.has_star())) {
        return fail(encode_errc::invalid_sequence_set);
    }
    m_line += set.to_string();
    return {};
}

std::vector<fragment> writer::finish() {
    m_line += "\r\n";
    flush_line();
    return std::move(m_fragments);
}

expected<std::string, encode_error> writer::wire_name(std::string_view name) const {
    auto encoded = encode_mailbox_name(
        name, m_options.utf8_accept ? name_encoding::utf8 : name_encoding::mutf7);
    if (!encoded)
        return unexpected{encode_error{name_error(encoded.error())}};
    return std::move(*encoded);
}

status writer::string_arg(std::string_view s, bool atom_ok, bool is_secret) {
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

void writer::literal(std::string_view data, bool binary, bool is_secret) {
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

void writer::flush_line() {
    fragment line;
    line.kind = fragment_kind::line;
    line.bytes = std::move(m_line);
    line.secrets = std::move(m_line_secrets);
    m_fragments.push_back(std::move(line));
    m_line.clear();
    m_line_secrets.clear();
}

status write_status_items(writer& w, const std::vector<status_attr>& items) {
    if (items.empty())
        return fail(encode_errc::empty_list);
    if (std::find(items.begin(), items.end(), status_attr::other) != items.end())
        return fail(encode_errc::invalid_atom);
    return parenthesized(w, items, keywords(w));
}

}  // namespace detail

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
    if (atom_ok && detail::is_atom(s) && !detail::is_keyword(s, "NIL"))
        return argument_form::atom;
    return argument_form::quoted;
}

}  // namespace uvimap::wire
