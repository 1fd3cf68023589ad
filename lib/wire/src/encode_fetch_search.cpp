// The FETCH and SEARCH arguments, the two command parts with a grammar of
// their own: body sections, partial ranges, FETCH items, search keys and
// dates. Private to the wire library.
#include "encode_fetch_search.hpp"

#include <cstdio>

namespace uvimap::wire::detail {
namespace {

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

}  // namespace

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

}  // namespace uvimap::wire::detail
