// A canonical text dump of a parsed response, so that two parses of the same
// bytes can be compared field by field, and a literal sink that records what
// it receives. Shared by the wire tests and the fuzz targets (fuzz/), so it
// uses neither doctest nor the file system. The dump reads every member the
// grammar fills in, which also lets AddressSanitizer catch a view that points
// at freed memory.
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <sstream>
#include <string>
#include <string_view>

#include "uvimap/wire/parser.hpp"

namespace uvimap::wire::test {

inline void dump(std::ostream& o, const string_value& s) {
    o << to_string(s.form) << ':' << s.size << ':' << s.bytes << ';';
}

inline void dump(std::ostream& o, std::span<const std::string_view> list) {
    o << '[';
    for (auto v : list) {
        o << v << '|';
    }
    o << ']';
}

inline void dump(std::ostream& o, std::span<const address> list) {
    o << '[';
    for (const auto& a : list) {
        o << '(';
        dump(o, a.name);
        dump(o, a.adl);
        dump(o, a.mailbox);
        dump(o, a.host);
        o << ')';
    }
    o << ']';
}

inline void dump(std::ostream& o, const envelope* e) {
    if (e == nullptr) {
        o << "noenv";
        return;
    }
    o << "env(";
    dump(o, e->date);
    dump(o, e->subject);
    dump(o, e->from);
    dump(o, e->sender);
    dump(o, e->reply_to);
    dump(o, e->to);
    dump(o, e->cc);
    dump(o, e->bcc);
    dump(o, e->in_reply_to);
    dump(o, e->message_id);
    o << ')';
}

inline void dump(std::ostream& o, std::span<const body_param> params) {
    o << '{';
    for (const auto& p : params) {
        dump(o, p.name);
        dump(o, p.value);
    }
    o << '}';
}

inline void dump(std::ostream& o, const body* b) {
    if (b == nullptr) {
        o << "nobody";
        return;
    }
    o << "body(" << b->multipart << ' ';
    dump(o, b->type);
    dump(o, b->subtype);
    dump(o, b->params);
    dump(o, b->id);
    dump(o, b->description);
    dump(o, b->encoding);
    o << b->size << ' ' << b->has_lines << ' ' << b->lines << ' ';
    dump(o, b->message_envelope);
    dump(o, b->message_body);
    o << " parts[";
    for (const auto& p : b->parts) {
        dump(o, &p);
    }
    o << "] ext" << b->extension_fields;
    dump(o, b->md5);
    dump(o, b->disposition.type);
    dump(o, b->disposition.params);
    for (const auto& l : b->language) {
        dump(o, l);
    }
    dump(o, b->location);
    o << b->extensions << ')';
}

inline std::string describe(const response& r) {
    std::ostringstream o;
    o << to_string(r.type) << " @" << r.offset << " tag=" << r.tag << " st=" << to_string(r.status)
      << " code=" << to_string(r.code.kind) << '/' << r.code.name << '/' << r.code.raw_args << '/'
      << r.code.number << '/' << r.code.uid_set << '/' << r.code.dest_uid_set;
    dump(o, r.code.list);
    o << " text=" << r.text << " kind=" << to_string(r.kind) << '/' << r.keyword
      << " n=" << r.number;
    dump(o, r.atoms);
    for (const auto& p : r.id) {
        dump(o, p.name);
        dump(o, p.value);
    }
    for (auto ns : {r.namespaces.personal, r.namespaces.other_users, r.namespaces.shared}) {
        o << "ns[";
        for (const auto& d : ns) {
            dump(o, d.prefix);
            dump(o, d.delimiter);
            o << d.extensions << ',';
        }
        o << ']';
    }
    dump(o, r.list.flags);
    dump(o, r.list.delimiter);
    dump(o, r.list.mailbox);
    for (const auto& e : r.list.extended) {
        dump(o, e.tag);
        o << e.raw << '=';
        for (const auto& v : e.values) {
            dump(o, v);
        }
    }
    dump(o, r.mailbox_status.mailbox);
    for (const auto& i : r.mailbox_status.items) {
        o << i.name << '=' << i.value << '/' << static_cast<int>(i.attr) << ',';
    }
    o << " search[";
    for (auto n : r.search.numbers) {
        o << n << ',';
    }
    o << ']' << r.search.has_modseq << r.search.modseq;
    dump(o, r.esearch.tag);
    o << r.esearch.uid;
    for (const auto& i : r.esearch.items) {
        o << i.name << '=' << i.raw << '/' << i.number << ',';
    }
    o << " vanished=" << r.vanished.earlier << r.vanished.uid_set << " fetch[";
    for (const auto& i : r.fetch.items) {
        o << to_string(i.kind) << ' ' << i.name << " sec=" << i.section
          << " origin=" << i.has_origin << i.origin << " n=" << i.number << ' ';
        dump(o, i.value);
        dump(o, i.flags);
        dump(o, i.env);
        dump(o, i.structure);
        o << " raw=" << i.raw << ";;";
    }
    o << "] cont=" << r.continuation << " raw=" << r.raw;
    if (r.type == response_type::malformed) {
        o << " error=" << to_string(r.error.kind) << '@' << r.error.offset << ':'
          << r.error.expected;
    }
    return o.str();
}

// Collects what a sink receives, to compare streamed literals across splits.
class recording_sink final : public literal_sink {
public:
    void on_literal_begin(std::string_view prefix, std::uint64_t size, bool binary) override {
        log += "begin(" + std::to_string(size) + (binary ? ",binary" : "") + ")<" +
               std::string(prefix) + ">";
    }
    void on_literal_data(std::string_view bytes) override { log.append(bytes); }
    void on_literal_end() override { log += "<end>"; }
    std::string log;
};

}  // namespace uvimap::wire::test
