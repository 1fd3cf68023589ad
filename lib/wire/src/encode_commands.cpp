// One writer per command: each turns a typed command into the words of
// its command line, with the writer of encode_writer.hpp choosing every
// argument's form. Then encode_command() and its small relatives.
#include "uvimap/wire/encoder.hpp"

#include "encode_fetch_search.hpp"
#include "encode_writer.hpp"

namespace uvimap::wire {
namespace {

using detail::each_separated;
using detail::fail;
using detail::is_macro;
using detail::k_max_modseq;
using detail::keywords;
using detail::parenthesized;
using detail::status;
using detail::write_fetch_att;
using detail::write_search_key;
using detail::write_status_items;
using detail::writer;

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
