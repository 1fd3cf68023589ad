// Helpers shared by the framer and parser test files: a canonical text dump
// of a response (so that two parses can be compared field by field), a driver
// that feeds a stream in chosen chunks, and access to the corpus.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "uvimap/wire/parser.hpp"

namespace uvimap::wire::test {

// The bytes of a string literal, NULs included, without the terminator.
template <std::size_t N>
constexpr std::string_view bytes_of(const char (&s)[N]) {
    return {s, N - 1};
}

inline std::string corpus(const std::string& name) {
    const auto path = std::filesystem::path(__FILE__).parent_path() / "corpus" / name;
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline const std::vector<std::string>& corpus_names() {
    static const std::vector<std::string> names = {
        "rfc3501.imap", "rfc9051.imap", "dovecot.imap", "gmail.imap",     "exchange.imap",
        "cyrus.imap",   "icloud.imap",  "quirks.imap",  "malformed.imap",
    };
    return names;
}

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

// Options that stream literals of `threshold` bytes or more into `sink`.
inline parser_options streaming_to(recording_sink& sink, std::uint64_t threshold) {
    parser_options options;
    options.sink = &sink;
    options.stream_threshold = threshold;
    return options;
}

struct run_result {
    std::vector<std::string> responses;
    parse_status final_status = parse_status::need_more;
    parse_error error;
    std::string sink_log;

    bool operator==(const run_result& o) const {
        return responses == o.responses && final_status == o.final_status &&
               error.kind == o.error.kind && error.offset == o.error.offset &&
               error.expected == o.error.expected && sink_log == o.sink_log;
    }
};

// Feeds `stream` in chunks whose sizes come from `next_chunk` (called with the
// bytes left), draining the parser after each chunk.
inline run_result run(std::string_view stream,
                      const std::function<std::size_t(std::size_t)>& next_chunk,
                      parser_options options = {}, bool use_sink = false) {
    recording_sink sink;
    if (use_sink) {
        options.sink = &sink;
    }
    parser p(options);
    run_result out;
    std::size_t pos = 0;
    for (;;) {
        parse_status st;
        while ((st = p.next()) == parse_status::ready) {
            out.responses.push_back(describe(p.current()));
        }
        if (st == parse_status::failed) {
            out.final_status = st;
            out.error = p.error();
            break;
        }
        if (pos == stream.size()) {
            out.final_status = st;
            break;
        }
        const std::size_t n = std::min(stream.size() - pos,
                                       std::max<std::size_t>(1, next_chunk(stream.size() - pos)));
        p.feed(stream.substr(pos, n));
        pos += n;
    }
    out.sink_log = sink.log;
    return out;
}

inline run_result run_whole(std::string_view stream, parser_options options = {},
                            bool use_sink = false) {
    return run(
        stream, [](std::size_t left) { return left; }, options, use_sink);
}

// Feeds `stream` to `p` and returns the first response for which `pred`
// holds, or nullptr. The response is valid while `p` lives and is neither
// fed nor advanced again.
template <class Pred>
const response* find_response(parser& p, std::string_view stream, Pred&& pred) {
    p.feed(stream);
    while (p.next() == parse_status::ready) {
        if (pred(p.current())) {
            return &p.current();
        }
    }
    return nullptr;
}

// Parses one response fed whole and returns it (a copy of the dump and the
// struct, valid while `p` lives and is not fed again).
inline const response& parse_one(parser& p, std::string_view bytes) {
    p.feed(bytes);
    static response empty;
    if (p.next() != parse_status::ready) {
        return empty;
    }
    return p.current();
}

}  // namespace uvimap::wire::test
