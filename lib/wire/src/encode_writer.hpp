// The pieces every command encoder uses: a writer that accumulates the
// fragments of one command and writes each argument in the form the grammar
// and the connection allow (atom, quoted, literal), and the list shapes.
// Private to the wire library: encoder.hpp is the public face.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "uvimap/wire/encoder.hpp"

namespace uvimap::wire::detail {

// The largest mod-sequence RFC 7162 allows, and the largest number64 of RFC
// 9051 (63 bits).
inline constexpr std::uint64_t k_max_modseq = 0x7fffffffffffffffull;

// Non-empty and every byte a 7-bit ATOM-CHAR.
bool is_atom(std::string_view s);

using status = expected<void, encode_error>;

inline status fail(encode_errc code) {
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
    status mailbox(std::string_view name);

    // A `list-mailbox` pattern: like a mailbox, but `%` and `*` may stay bare.
    status list_pattern(std::string_view pattern);

    status sequence(const sequence_set& set, bool star_ok = true);

    // A position in the current line, for mark_secret_since().
    std::size_t line_mark() const { return m_line.size(); }
    // Marks everything appended to the current line since `start` as secret.
    void mark_secret_since(std::size_t start) {
        m_line_secrets.push_back(byte_range{start, m_line.size() - start});
    }

    // Ends the command line and hands over the fragments.
    std::vector<fragment> finish();

    const encoder_options& options() const { return m_options; }

private:
    // A mailbox name or pattern in the connection's name encoding.
    expected<std::string, encode_error> wire_name(std::string_view name) const;
    status string_arg(std::string_view s, bool atom_ok, bool is_secret);
    void literal(std::string_view data, bool binary, bool is_secret);
    void flush_line();

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
inline auto keywords(writer& w) {
    return [&w](const auto& item) -> status {
        w.raw(to_string(item));
        return {};
    };
}

// The parenthesised STATUS data items of STATUS and LIST ... RETURN (STATUS).
status write_status_items(writer& w, const std::vector<status_attr>& items);

}  // namespace uvimap::wire::detail
