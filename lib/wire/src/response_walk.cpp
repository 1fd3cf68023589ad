// walk_response(): the one walk over a response (response_visitor.hpp). Each
// struct has one function, which emits its members in JSON order; in the
// `sent` detail a guard skips what does not apply, in `every_member` nothing
// is skipped.
#include "uvimap/wire/response_visitor.hpp"

#include <string_view>
#include <unordered_set>

namespace uvimap::wire {
namespace {

class walker {
public:
    walker(response_visitor& v, walk_detail detail)
        : m_v(v), m_all(detail == walk_detail::every_member) {}

    void response(const wire::response& r) {
        m_v.begin_object();
        text("type", to_string(r.type));
        unsigned_number("offset", r.offset);
        if (m_all || !r.tag.empty()) {
            text("tag", r.tag);
        }
        if (m_all || r.status != status_kind::none) {
            text("status", to_string(r.status));
        }
        if (m_all) {
            code(r.code);
            text("text", r.text);
            text("continuation", r.continuation);
            data(r);
            text("raw", r.raw);
            error(r.error);
            m_v.end_object();
            return;
        }
        switch (r.type) {
            case response_type::malformed:
                error(r.error);
                text("raw", r.raw);
                break;
            case response_type::continuation:
                if (r.code.kind != code_kind::none) {
                    code(r.code);
                }
                text("text", r.text);
                break;
            case response_type::tagged:
            case response_type::untagged:
                if (r.status == status_kind::none) {
                    data(r);
                    break;
                }
                if (r.code.kind != code_kind::none) {
                    code(r.code);
                }
                text("text", r.text);
                break;
        }
        m_v.end_object();
    }

private:
    // --- Members of every shape ---------------------------------------------

    void text(std::string_view k, std::string_view s) {
        m_v.key(k);
        m_v.text(s);
    }
    void value(std::string_view k, const string_value& s) {
        m_v.key(k);
        m_v.value(s);
    }
    void unsigned_number(std::string_view k, std::uint64_t n) {
        m_v.key(k);
        m_v.unsigned_number(n);
    }
    void number(std::string_view k, std::int64_t n) {
        m_v.key(k);
        m_v.number(n);
    }
    void boolean(std::string_view k, bool b) {
        m_v.key(k);
        m_v.boolean(b);
    }
    void texts(std::string_view k, std::span<const std::string_view> list) {
        m_v.key(k);
        m_v.begin_array();
        for (const std::string_view s : list) {
            m_v.text(s);
        }
        m_v.end_array();
    }
    void values(std::string_view k, std::span<const string_value> list) {
        m_v.key(k);
        m_v.begin_array();
        for (const string_value& s : list) {
            m_v.value(s);
        }
        m_v.end_array();
    }
    // Name/value pairs (body, disposition and ID parameters) as [name, value].
    template <class Pair>
    void pairs(std::string_view k, std::span<const Pair> list) {
        m_v.key(k);
        m_v.begin_array();
        for (const Pair& p : list) {
            m_v.begin_array();
            m_v.value(p.name);
            m_v.value(p.value);
            m_v.end_array();
        }
        m_v.end_array();
    }

    // --- Status responses -------------------------------------------------

    void error(const parse_error& e) {
        m_v.key("error");
        m_v.begin_object();
        text("kind", to_string(e.kind));
        unsigned_number("offset", e.offset);
        text("expected", e.expected);
        m_v.end_object();
    }

    void code(const response_code& c) {
        m_v.key("code");
        m_v.begin_object();
        if (m_all) {
            text("kind", to_string(c.kind));
        }
        text("name", c.name);
        text("args", c.raw_args);
        const bool numeric = c.kind == code_kind::uidnext || c.kind == code_kind::uidvalidity ||
                             c.kind == code_kind::unseen || c.kind == code_kind::highestmodseq;
        const bool listed = c.kind == code_kind::capability ||
                            c.kind == code_kind::permanentflags || c.kind == code_kind::badcharset;
        const bool uids = c.kind == code_kind::appenduid || c.kind == code_kind::copyuid;
        if (m_all || numeric) {
            unsigned_number("number", c.number);
        }
        if (m_all || listed) {
            texts("list", c.list);
        }
        if (uids) {
            unsigned_number("uidvalidity", c.number);
        }
        if (m_all || uids) {
            text("uid_set", c.uid_set);
        }
        if (m_all || c.kind == code_kind::copyuid) {
            text("dest_uid_set", c.dest_uid_set);
        }
        m_v.end_object();
    }

    // --- Untagged data ----------------------------------------------------

    // In the `sent` detail the members of the response's kind; in
    // `every_member` those of every kind, so that a member left over from an
    // earlier response shows.
    void data(const wire::response& r) {
        text("data", r.kind == data_kind::other ? r.keyword : to_string(r.kind));
        if (!m_all) {
            kind_members(r.kind, r);
            return;
        }
        for (const data_kind kind : k_data_kinds) {
            kind_members(kind, r);
        }
    }

    void kind_members(data_kind kind, const wire::response& r) {
        switch (kind) {
            case data_kind::capability:
            case data_kind::enabled:
            case data_kind::flags:
                texts("list", r.atoms);
                break;
            case data_kind::exists:
            case data_kind::recent:
            case data_kind::expunge:
                unsigned_number("number", r.number);
                break;
            case data_kind::fetch:
                unsigned_number("number", r.number);
                fetch(r.fetch);
                break;
            case data_kind::id:
                pairs("params", r.id);
                break;
            case data_kind::namespace_:
                namespaces(r.namespaces);
                break;
            case data_kind::list:
            case data_kind::lsub:
            case data_kind::xlist:
                list(r.list);
                break;
            case data_kind::status:
                mailbox_status(r.mailbox_status);
                break;
            case data_kind::search:
                search(r.search, r.keyword);
                break;
            case data_kind::esearch:
                esearch(r.esearch);
                break;
            case data_kind::vanished:
                vanished(r.vanished);
                break;
            case data_kind::acl:
                acl(r.acl);
                break;
            case data_kind::listrights:
                listrights(r.listrights);
                break;
            case data_kind::myrights:
                myrights(r.myrights);
                break;
            case data_kind::quota:
                quota(r.quota);
                break;
            case data_kind::quotaroot:
                quotaroot(r.quotaroot);
                break;
            case data_kind::metadata:
                metadata(r.metadata);
                break;
            case data_kind::other:
                text("raw", r.raw);
                break;
            case data_kind::none:
                break;
        }
    }

    void namespaces(const namespace_data& n) {
        const std::pair<std::string_view, std::span<const namespace_desc>> groups[] = {
            {"personal", n.personal},
            {"other_users", n.other_users},
            {"shared", n.shared},
        };
        for (const auto& [name, descs] : groups) {
            m_v.key(name);
            m_v.begin_array();
            for (const namespace_desc& d : descs) {
                m_v.begin_object();
                value("prefix", d.prefix);
                value("delimiter", d.delimiter);
                if (m_all || !d.extensions.empty()) {
                    text("extensions", d.extensions);
                }
                m_v.end_object();
            }
            m_v.end_array();
        }
    }

    void list(const list_data& l) {
        texts("flags", l.flags);
        value("delimiter", l.delimiter);
        value("mailbox", l.mailbox);
        if (!m_all && l.extended.empty()) {
            return;
        }
        m_v.key("extended");
        m_v.begin_array();
        for (const list_ext_item& e : l.extended) {
            m_v.begin_object();
            value("tag", e.tag);
            text("raw", e.raw);
            if (m_all) {
                values("values", e.values);
            }
            m_v.end_object();
        }
        m_v.end_array();
    }

    void mailbox_status(const status_data& s) {
        value("mailbox", s.mailbox);
        m_v.key("items");
        if (m_all) {
            m_v.begin_array();
            for (const status_item& i : s.items) {
                m_v.begin_object();
                unsigned_number("attr", static_cast<std::uint64_t>(i.attr));
                text("name", i.name);
                unsigned_number("value", i.value);
                text("raw", i.raw);
                text("object_id", i.object_id);
                m_v.end_object();
            }
            m_v.end_array();
            return;
        }
        m_v.begin_object();
        for (const status_item& i : s.items) {
            m_v.key(i.name);
            if (i.attr == status_attr::mailboxid) {
                m_v.text(i.object_id);
            } else if (is_number(i.raw)) {
                m_v.unsigned_number(i.value);
            } else {
                m_v.begin_object();
                text("raw", i.raw);
                m_v.end_object();
            }
        }
        m_v.end_object();
    }

    static bool is_number(std::string_view s) {
        return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
    }

    void search(const search_data& s, std::string_view keyword) {
        text("keyword", keyword);
        m_v.key("numbers");
        m_v.begin_array();
        for (const std::uint32_t n : s.numbers) {
            m_v.unsigned_number(n);
        }
        m_v.end_array();
        if (m_all) {
            boolean("has_modseq", s.has_modseq);
        }
        if (m_all || s.has_modseq) {
            unsigned_number("modseq", s.modseq);
        }
    }

    void esearch(const esearch_data& e) {
        value("tag", e.tag);
        boolean("uid", e.uid);
        m_v.key("items");
        m_v.begin_array();
        for (const esearch_item& i : e.items) {
            m_v.begin_array();
            m_v.text(i.name);
            m_v.text(i.raw);
            if (m_all) {
                m_v.unsigned_number(i.number);
            }
            m_v.end_array();
        }
        m_v.end_array();
    }

    void vanished(const vanished_data& v) {
        boolean("earlier", v.earlier);
        text("uid_set", v.uid_set);
    }

    // --- Administration: ACL, QUOTA, METADATA -------------------------------

    void acl(const acl_data& a) {
        value("mailbox", a.mailbox);
        m_v.key("entries");
        m_v.begin_array();
        for (const acl_entry& e : a.entries) {
            m_v.begin_array();
            m_v.value(e.identifier);
            m_v.value(e.rights);
            m_v.end_array();
        }
        m_v.end_array();
    }

    void listrights(const listrights_data& l) {
        value("mailbox", l.mailbox);
        value("identifier", l.identifier);
        value("required", l.required);
        values("optional", l.optional);
    }

    void myrights(const myrights_data& m) {
        value("mailbox", m.mailbox);
        value("rights", m.rights);
    }

    void quota(const quota_data& q) {
        value("root", q.root);
        m_v.key("resources");
        m_v.begin_array();
        for (const quota_resource& r : q.resources) {
            m_v.begin_object();
            text("name", r.name);
            unsigned_number("usage", r.usage);
            unsigned_number("limit", r.limit);
            m_v.end_object();
        }
        m_v.end_array();
    }

    void quotaroot(const quotaroot_data& q) {
        value("mailbox", q.mailbox);
        values("roots", q.roots);
    }

    // The value form as `values`, [entry, value] pairs; the unsolicited form
    // as `entries`, the names alone.
    void metadata(const metadata_data& m) {
        value("mailbox", m.mailbox);
        if (m_all) {
            boolean("with_values", m.with_values);
        }
        m_v.key(m.with_values ? "values" : "entries");
        m_v.begin_array();
        for (const metadata_entry& e : m.entries) {
            if (m_all || m.with_values) {
                m_v.begin_array();
                m_v.value(e.name);
                m_v.value(e.value);
                m_v.end_array();
            } else {
                m_v.value(e.name);
            }
        }
        m_v.end_array();
    }

    // --- FETCH --------------------------------------------------------------

    // `sent`: an object keyed by item name; `every_member`: an array of
    // items with every member.
    void fetch(const fetch_data& f) {
        m_v.key("items");
        if (m_all) {
            m_v.begin_array();
            for (const fetch_item& i : f.items) {
                fetch_item_members(i);
            }
            m_v.end_array();
            return;
        }
        // A server may send an item twice, and JSON readers keep one value
        // per key: the first of each name goes into `items`, the later ones,
        // in order, into `repeated_items` as [name, value] pairs.
        std::unordered_set<std::string_view> names;
        bool repeats = false;
        m_v.begin_object();
        for (const fetch_item& i : f.items) {
            if (names.insert(i.name).second) {
                m_v.key(i.name);
                fetch_value(i);
            } else {
                repeats = true;
            }
        }
        m_v.end_object();
        if (!repeats) {
            return;
        }
        names.clear();
        m_v.key("repeated_items");
        m_v.begin_array();
        for (const fetch_item& i : f.items) {
            if (!names.insert(i.name).second) {
                m_v.begin_array();
                m_v.text(i.name);
                fetch_value(i);
                m_v.end_array();
            }
        }
        m_v.end_array();
    }

    void fetch_item_members(const fetch_item& i) {
        m_v.begin_object();
        text("kind", to_string(i.kind));
        text("name", i.name);
        text("section", i.section);
        boolean("has_origin", i.has_origin);
        unsigned_number("origin", i.origin);
        unsigned_number("number", i.number);
        value("value", i.value);
        texts("flags", i.flags);
        m_v.key("envelope");
        i.env != nullptr ? envelope(*i.env) : m_v.null();
        m_v.key("structure");
        i.structure != nullptr ? body(*i.structure) : m_v.null();
        text("raw", i.raw);
        m_v.end_object();
    }

    // The value of an item in the `sent` detail, by kind.
    void fetch_value(const fetch_item& i) {
        switch (i.kind) {
            case fetch_item_kind::flags:
            case fetch_item_kind::x_gm_labels:
                m_v.begin_array();
                for (const std::string_view s : i.flags) {
                    m_v.text(s);
                }
                m_v.end_array();
                return;
            case fetch_item_kind::uid:
            case fetch_item_kind::rfc822_size:
            case fetch_item_kind::modseq:
            case fetch_item_kind::binary_size:
            case fetch_item_kind::x_gm_msgid:
            case fetch_item_kind::x_gm_thrid:
                m_v.unsigned_number(i.number);
                return;
            case fetch_item_kind::envelope:
                envelope(*i.env);
                return;
            case fetch_item_kind::body:
            case fetch_item_kind::bodystructure:
                body(*i.structure);
                return;
            case fetch_item_kind::internaldate:
            case fetch_item_kind::body_section:
            case fetch_item_kind::binary:
            case fetch_item_kind::rfc822:
            case fetch_item_kind::rfc822_header:
            case fetch_item_kind::rfc822_text:
                m_v.value(i.value);
                return;
            case fetch_item_kind::unknown:
                if (!i.value.is_nil()) {
                    m_v.value(i.value);
                    return;
                }
                m_v.begin_object();
                text("raw", i.raw);
                m_v.end_object();
                return;
        }
    }

    void addresses(std::string_view k, std::span<const address> list) {
        m_v.key(k);
        m_v.begin_array();
        for (const address& a : list) {
            m_v.begin_object();
            value("name", a.name);
            value("adl", a.adl);
            value("mailbox", a.mailbox);
            value("host", a.host);
            m_v.end_object();
        }
        m_v.end_array();
    }

    void envelope(const wire::envelope& e) {
        m_v.begin_object();
        value("date", e.date);
        value("subject", e.subject);
        addresses("from", e.from);
        addresses("sender", e.sender);
        addresses("reply_to", e.reply_to);
        addresses("to", e.to);
        addresses("cc", e.cc);
        addresses("bcc", e.bcc);
        value("in_reply_to", e.in_reply_to);
        value("message_id", e.message_id);
        m_v.end_object();
    }

    void body(const wire::body& b) {
        m_v.begin_object();
        if (m_all) {
            boolean("multipart", b.multipart);
        }
        value("type", b.type);
        value("subtype", b.subtype);
        if (m_all || b.multipart) {
            m_v.key("parts");
            m_v.begin_array();
            for (const wire::body& part : b.parts) {
                body(part);
            }
            m_v.end_array();
        }
        if (m_all || !b.multipart) {
            body_single_part(b);
        }
        body_extensions(b);
        m_v.end_object();
    }

    void body_single_part(const wire::body& b) {
        pairs("params", b.params);
        value("id", b.id);
        value("description", b.description);
        value("encoding", b.encoding);
        number("size", b.size);
        if (m_all) {
            boolean("has_lines", b.has_lines);
        }
        if (m_all || b.has_lines) {
            number("lines", b.lines);
        }
        if (m_all || b.message_envelope != nullptr) {
            m_v.key("envelope");
            b.message_envelope != nullptr ? envelope(*b.message_envelope) : m_v.null();
        }
        if (m_all || b.message_body != nullptr) {
            m_v.key("body");
            b.message_body != nullptr ? body(*b.message_body) : m_v.null();
        }
    }

    // The extension fields, in wire order, only those the server sent
    // (counted in extension_fields) unless every member is walked.
    void body_extensions(const wire::body& b) {
        int fields = m_all ? 5 : b.extension_fields;
        if (m_all) {
            number("extension_fields", b.extension_fields);
        }
        if (b.multipart && fields > 0) {
            pairs("params", b.params);
            --fields;
        }
        if ((m_all || !b.multipart) && fields > 0) {
            value("md5", b.md5);
            --fields;
        }
        if (fields > 0) {
            m_v.key("disposition");
            if (!m_all && b.disposition.type.is_nil()) {
                m_v.null();
            } else {
                m_v.begin_object();
                value("type", b.disposition.type);
                pairs("params", b.disposition.params);
                m_v.end_object();
            }
            --fields;
        }
        if (fields > 0) {
            values("language", b.language);
            --fields;
        }
        if (fields > 0) {
            value("location", b.location);
        }
        if (m_all || !b.extensions.empty()) {
            text("extensions", b.extensions);
        }
    }

    response_visitor& m_v;
    const bool m_all;
};

}  // namespace

void walk_response(const response& r, response_visitor& visitor, walk_detail detail) {
    walker(visitor, detail).response(r);
}

}  // namespace uvimap::wire
