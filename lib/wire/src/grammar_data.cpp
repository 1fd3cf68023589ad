// Untagged data other than FETCH: CAPABILITY, ENABLED, ID, NAMESPACE, LIST,
// LSUB, STATUS, SEARCH/SORT, ESEARCH, VANISHED and unknown data.
#include "chars.hpp"
#include "grammar.hpp"

namespace uvimap::wire::detail {

bool grammar::other_data() {
    m_response.kind = data_kind::other;
    text();
    return end_of_response();
}

bool grammar::capability_data() {
    return capability_list(false);
}

bool grammar::enabled_data() {
    return capability_list(true);
}

bool grammar::capability_list(bool allow_empty) {
    skip_sp();
    if (!capabilities(m_response.atoms, false)) {
        return false;
    }
    if (!allow_empty && m_response.atoms.empty()) {
        return fail("capability");
    }
    return end_of_response();
}

bool grammar::id_data() {
    if (!sp()) {
        return false;
    }
    if (skip_nil()) {
        return end_of_response();
    }
    return list_of(m_id_params, m_response.id,
                   [&](id_param& param) {
                       return string(param.name) && sp() && nstring(param.value);
                   }) &&
           end_of_response();
}

bool grammar::flags_data() {
    return sp() && flag_list(m_response.atoms) && end_of_response();
}

bool grammar::namespace_data() {
    wire::namespace_data& n = m_response.namespaces;
    return sp() && namespace_list(n.personal) && sp() && namespace_list(n.other_users) && sp() &&
           namespace_list(n.shared) && end_of_response();
}

bool grammar::namespace_list(std::span<const namespace_desc>& out) {
    if (skip_nil()) {
        return true;
    }
    return list_of(
        m_namespaces, out,
        [&](namespace_desc& desc) {
            if (!open() || !string(desc.prefix) || !sp() || !nstring(desc.delimiter)) {
                return false;
            }
            skip_sp();
            const char* ext = m_p;
            while (peek() != ')' && !at_line_end()) {
                if (!skip_value()) {
                    return false;
                }
                skip_sp();
            }
            desc.extensions = {ext, static_cast<std::size_t>(m_p - ext)};
            return close();
        },
        true);
}

bool grammar::list_data() {
    wire::list_data& l = m_response.list;
    if (!sp() || !flag_list(l.flags) || !sp()) {
        return false;
    }
    if (skip_nil()) {
        l.delimiter = {};
    } else if (!string(l.delimiter)) {
        return false;
    }
    if (!sp() || !list_mailbox(l.mailbox)) {
        return false;
    }
    // Extended data (RFC 5258) only after a space: a `(` glued to a quoted
    // or literal name is not placed anywhere, so it fails the response.
    if (peek() == ' ') {
        skip_sp();
        if (peek() == '(' && !list_extended(l.extended)) {
            return false;
        }
    }
    return end_of_response();
}

// The mailbox of LIST, LSUB and XLIST. A name sent as an atom that runs into
// bytes an atom cannot hold, such as `Root/Folder/Subfolder()` or Exchange's
// tabs (MailKit #945), takes them into the name up to the next space or the
// end of the line, which is how MailKit and others read it: stopping at the
// `(` would name another mailbox and drop the rest without a word.
bool grammar::list_mailbox(string_value& out) {
    if (!astring(out)) {
        return false;
    }
    if (out.form != string_form::atom) {
        return true;
    }
    while (m_p < m_end && *m_p != ' ' && *m_p != '\r' && *m_p != '\n') {
        ++m_p;
    }
    out.bytes = {out.bytes.data(), static_cast<std::size_t>(m_p - out.bytes.data())};
    out.size = out.bytes.size();
    return true;
}

// mbox-list-extended = "(" [mbox-list-extended-item *(SP ...)] ")", each item
// a tag and a value, kept raw and, for flat values, as strings.
bool grammar::list_extended(std::span<const list_ext_item>& out) {
    // An astring value of an extended item, kept on m_strings.
    const auto push_astring = [&] {
        string_value s;
        if (!astring(s)) {
            return false;
        }
        m_strings.push_back(s);
        return true;
    };
    return list_of(m_list_ext, out, [&](list_ext_item& item) {
        if (!astring(item.tag) || !sp()) {
            return false;
        }
        const std::size_t strings = m_strings.size();
        const auto value = [&] {
            if (peek() != '(') {
                return push_astring();
            }
            if (!open()) {
                return false;
            }
            while (peek() != ')') {
                if (peek() == '(' ? !skip_value() : !push_astring()) {
                    return false;
                }
                skip_sp();
            }
            return close();
        };
        if (!raw_value(item.raw, value)) {
            return false;
        }
        item.values = freeze(m_strings, strings);
        return true;
    });
}

bool grammar::status_data() {
    wire::status_data& s = m_response.mailbox_status;
    if (!sp() || !astring(s.mailbox) || !sp()) {
        return false;
    }
    return list_of(m_status_items, s.items,
                   [&](status_item& item) {
                       item.name = atom();
                       if (item.name.empty()) {
                           return fail("status attribute");
                       }
                       for (const status_attr known : k_status_attrs) {
                           if (is_keyword(item.name, to_string(known))) {
                               item.attr = known;
                               break;
                           }
                       }
                       return sp() && raw_value(item.raw, [&] { return status_value(item); });
                   }) &&
           end_of_response();
}

// A number for the known items, `(objectid)` for MAILBOXID (RFC 8474), and
// for an item this parser does not know a number or any other value, which
// is kept in status_item::raw rather than failing the response: a server may
// answer a STATUS item of an extension this list has not caught up with.
bool grammar::status_value(status_item& item) {
    if (item.attr == status_attr::mailboxid) {
        if (!open()) {
            return false;
        }
        // objectid = 1*255(ALPHA / DIGIT / "_" / "-")
        const char* id = m_p;
        while (m_p < m_end && m_p - id < 255 &&
               ((*m_p >= 'a' && *m_p <= 'z') || (*m_p >= 'A' && *m_p <= 'Z') ||
                (*m_p >= '0' && *m_p <= '9') || *m_p == '_' || *m_p == '-')) {
            ++m_p;
        }
        item.object_id = {id, static_cast<std::size_t>(m_p - id)};
        if (item.object_id.empty()) {
            return fail("object id");
        }
        return close();
    }
    if (item.attr == status_attr::other && !(peek() >= '0' && peek() <= '9')) {
        return skip_value();
    }
    return number(item.value);
}

bool grammar::search_data() {
    wire::search_data& s = m_response.search;
    const std::size_t mark = m_numbers.size();
    skip_sp();
    while (!at_line_end()) {
        if (peek() == '(') {
            if (!open_keyword("MODSEQ") || !sp() || !number(s.modseq) || !close()) {
                return false;
            }
            s.has_modseq = true;
            skip_sp();
            break;
        }
        std::uint32_t n = 0;
        if (!number32(n)) {
            return false;
        }
        m_numbers.push_back(n);
        skip_sp();
    }
    s.numbers = freeze(m_numbers, mark);
    return end_of_response();
}

bool grammar::esearch_data() {
    wire::esearch_data& e = m_response.esearch;
    skip_sp();
    if (peek() == '(') {
        if (!open_keyword("TAG") || !sp() || !astring(e.tag) || !close()) {
            return false;
        }
        skip_sp();
    }
    const std::size_t mark = m_esearch_items.size();
    while (!at_line_end()) {
        esearch_item item;
        item.name = atom();
        if (item.name.empty()) {
            return fail("search return data");
        }
        if (is_keyword(item.name, "UID") && m_esearch_items.size() == mark && !e.uid) {
            e.uid = true;
            skip_sp();
            continue;
        }
        const auto value = [&] {
            if (is_keyword(item.name, "MIN") || is_keyword(item.name, "MAX") ||
                is_keyword(item.name, "COUNT") || is_keyword(item.name, "MODSEQ")) {
                return number(item.number);
            }
            if (is_keyword(item.name, "ALL")) {
                return !sequence_set().empty() || fail("sequence set");
            }
            return skip_value();
        };
        if (!sp() || !raw_value(item.raw, value)) {
            return false;
        }
        m_esearch_items.push_back(item);
        skip_sp();
    }
    e.items = freeze(m_esearch_items, mark);
    return end_of_response();
}

bool grammar::vanished_data() {
    wire::vanished_data& v = m_response.vanished;
    if (!sp()) {
        return false;
    }
    if (peek() == '(') {
        if (!open_keyword("EARLIER") || !close() || !sp()) {
            return false;
        }
        v.earlier = true;
    }
    v.uid_set = sequence_set();
    if (v.uid_set.empty()) {
        return fail("UID set");
    }
    return end_of_response();
}

}  // namespace uvimap::wire::detail
