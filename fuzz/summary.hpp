// A compact text summary of a parsed response, for the fuzzers to compare two
// parses of the same bytes, and a sink that records what it receives.
//
// The summary walks every member the grammar fills in (strings with their
// form and bytes, lists, envelopes, body trees), so that two runs that differ
// in any parsed value differ in their summaries. It also reads every view,
// which lets AddressSanitizer catch a view that points at freed memory.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "uvimap/wire/framer.hpp"
#include "uvimap/wire/response.hpp"

namespace uvimap::fuzz {

class recording_sink final : public wire::literal_sink {
public:
    void on_literal_begin(std::string_view prefix, std::uint64_t size, bool binary) override {
        log += "<begin " + std::to_string(size) + (binary ? " binary " : " ") +
               std::to_string(prefix.size()) + ">";
        log.append(prefix);
    }
    void on_literal_data(std::string_view bytes) override { log.append(bytes); }
    void on_literal_end() override { log += "<end>"; }

    std::string log;
};

inline void summarize(std::string& out, std::string_view s) {
    out += std::to_string(s.size());
    out += ':';
    out.append(s);
    out += ';';
}

inline void summarize(std::string& out, const wire::string_value& s) {
    out += static_cast<char>('0' + static_cast<int>(s.form));
    out += std::to_string(s.size);
    out += '/';
    summarize(out, s.bytes);
}

inline void summarize(std::string& out, std::span<const std::string_view> list) {
    out += '[';
    for (auto v : list) {
        summarize(out, v);
    }
    out += ']';
}

inline void summarize(std::string& out, std::span<const wire::address> list) {
    out += '[';
    for (const auto& a : list) {
        summarize(out, a.name);
        summarize(out, a.adl);
        summarize(out, a.mailbox);
        summarize(out, a.host);
    }
    out += ']';
}

inline void summarize(std::string& out, const wire::envelope* e) {
    if (e == nullptr) {
        out += "-";
        return;
    }
    out += "E(";
    summarize(out, e->date);
    summarize(out, e->subject);
    for (auto list : {e->from, e->sender, e->reply_to, e->to, e->cc, e->bcc}) {
        summarize(out, list);
    }
    summarize(out, e->in_reply_to);
    summarize(out, e->message_id);
    out += ')';
}

inline void summarize(std::string& out, std::span<const wire::body_param> params) {
    out += '{';
    for (const auto& p : params) {
        summarize(out, p.name);
        summarize(out, p.value);
    }
    out += '}';
}

inline void summarize(std::string& out, const wire::body* b) {
    if (b == nullptr) {
        out += "-";
        return;
    }
    out += b->multipart ? "M(" : "B(";
    summarize(out, b->type);
    summarize(out, b->subtype);
    summarize(out, b->params);
    summarize(out, b->id);
    summarize(out, b->description);
    summarize(out, b->encoding);
    out += std::to_string(b->size) + ',' + std::to_string(b->has_lines) + ',' +
           std::to_string(b->lines) + ',';
    summarize(out, b->message_envelope);
    summarize(out, b->message_body);
    for (const auto& part : b->parts) {
        summarize(out, &part);
    }
    out += std::to_string(b->extension_fields);
    summarize(out, b->md5);
    summarize(out, b->disposition.type);
    summarize(out, b->disposition.params);
    for (const auto& l : b->language) {
        summarize(out, l);
    }
    summarize(out, b->location);
    summarize(out, b->extensions);
    out += ')';
}

inline void summarize(std::string& out, const wire::response& r) {
    out += std::to_string(static_cast<int>(r.type)) + ' ' + std::to_string(r.offset) + ' ';
    summarize(out, r.tag);
    out += std::to_string(static_cast<int>(r.status)) + ' ';
    out += std::to_string(static_cast<int>(r.code.kind)) + ' ';
    summarize(out, r.code.name);
    summarize(out, r.code.raw_args);
    out += std::to_string(r.code.number);
    summarize(out, r.code.list);
    summarize(out, r.code.uid_set);
    summarize(out, r.code.dest_uid_set);
    summarize(out, r.text);
    out += std::to_string(static_cast<int>(r.kind)) + ' ';
    summarize(out, r.keyword);
    out += std::to_string(r.number);
    summarize(out, r.atoms);
    for (const auto& p : r.id) {
        summarize(out, p.name);
        summarize(out, p.value);
    }
    for (auto ns : {r.namespaces.personal, r.namespaces.other_users, r.namespaces.shared}) {
        out += 'N';
        for (const auto& d : ns) {
            summarize(out, d.prefix);
            summarize(out, d.delimiter);
            summarize(out, d.extensions);
        }
    }
    summarize(out, r.list.flags);
    summarize(out, r.list.delimiter);
    summarize(out, r.list.mailbox);
    for (const auto& e : r.list.extended) {
        summarize(out, e.tag);
        summarize(out, e.raw);
        for (const auto& v : e.values) {
            summarize(out, v);
        }
    }
    summarize(out, r.mailbox_status.mailbox);
    for (const auto& i : r.mailbox_status.items) {
        out += std::to_string(static_cast<int>(i.attr));
        summarize(out, i.name);
        out += std::to_string(i.value) + ',';
    }
    out += 'S';
    for (auto n : r.search.numbers) {
        out += std::to_string(n) + ',';
    }
    out += std::to_string(r.search.has_modseq) + std::to_string(r.search.modseq);
    summarize(out, r.esearch.tag);
    out += std::to_string(r.esearch.uid);
    for (const auto& i : r.esearch.items) {
        summarize(out, i.name);
        summarize(out, i.raw);
        out += std::to_string(i.number) + ',';
    }
    out += 'V' + std::to_string(r.vanished.earlier);
    summarize(out, r.vanished.uid_set);
    out += 'F';
    for (const auto& i : r.fetch.items) {
        out += std::to_string(static_cast<int>(i.kind)) + ' ';
        summarize(out, i.name);
        summarize(out, i.section);
        out += std::to_string(i.has_origin) + std::to_string(i.origin) + ',' +
               std::to_string(i.number) + ',';
        summarize(out, i.value);
        summarize(out, i.flags);
        summarize(out, i.env);
        summarize(out, i.structure);
        summarize(out, i.raw);
    }
    summarize(out, r.continuation);
    summarize(out, r.raw);
    if (r.type == wire::response_type::malformed) {
        out += "error=" + std::string(to_string(r.error.kind)) + '@' +
               std::to_string(r.error.offset) + ':' + std::string(r.error.expected);
    }
}

}  // namespace uvimap::fuzz
