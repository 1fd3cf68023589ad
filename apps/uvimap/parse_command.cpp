#include "parse_command.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "json_writer.hpp"
#include "uvimap/wire/parser.hpp"

namespace uvimap::app {

namespace {

using namespace uvimap::wire;

struct render {
    json_writer& w;
    bool with_literals;

    void value(const string_value& s) {
        switch (s.form) {
            case string_form::nil:
                w.null();
                return;
            case string_form::atom:
            case string_form::quoted:
                w.string(s.bytes);
                return;
            case string_form::literal:
            case string_form::binary_literal:
            case string_form::streamed:
                w.begin_object();
                w.key(s.form == string_form::literal          ? "literal"
                      : s.form == string_form::binary_literal ? "binary_literal"
                                                              : "streamed_literal");
                w.unsigned_number(s.size);
                if (with_literals && s.form != string_form::streamed) {
                    w.key("bytes");
                    w.string(s.bytes);
                }
                w.end_object();
                return;
        }
    }

    void strings(std::span<const std::string_view> list) {
        w.begin_array();
        for (auto s : list) {
            w.string(s);
        }
        w.end_array();
    }

    void addresses(std::span<const address> list) {
        w.begin_array();
        for (const address& a : list) {
            w.begin_object();
            w.key("name");
            value(a.name);
            w.key("adl");
            value(a.adl);
            w.key("mailbox");
            value(a.mailbox);
            w.key("host");
            value(a.host);
            w.end_object();
        }
        w.end_array();
    }

    void envelope_object(const envelope& e) {
        w.begin_object();
        w.key("date");
        value(e.date);
        w.key("subject");
        value(e.subject);
        const std::pair<const char*, std::span<const address>> lists[] = {
            {"from", e.from}, {"sender", e.sender}, {"reply_to", e.reply_to},
            {"to", e.to},     {"cc", e.cc},         {"bcc", e.bcc},
        };
        for (const auto& [name, list] : lists) {
            w.key(name);
            addresses(list);
        }
        w.key("in_reply_to");
        value(e.in_reply_to);
        w.key("message_id");
        value(e.message_id);
        w.end_object();
    }

    // Name/value pairs (body parameters, ID parameters) as [name, value] arrays.
    template <class Pair>
    void params(std::span<const Pair> list) {
        w.begin_array();
        for (const Pair& p : list) {
            w.begin_array();
            value(p.name);
            value(p.value);
            w.end_array();
        }
        w.end_array();
    }

    void body_object(const body& b) {
        w.begin_object();
        w.key("type");
        value(b.type);
        w.key("subtype");
        value(b.subtype);
        if (b.multipart) {
            w.key("parts");
            w.begin_array();
            for (const body& part : b.parts) {
                body_object(part);
            }
            w.end_array();
        } else {
            w.key("params");
            params(b.params);
            w.key("id");
            value(b.id);
            w.key("description");
            value(b.description);
            w.key("encoding");
            value(b.encoding);
            w.key("size");
            w.number(b.size);
            if (b.has_lines) {
                w.key("lines");
                w.number(b.lines);
            }
            if (b.message_envelope != nullptr) {
                w.key("envelope");
                envelope_object(*b.message_envelope);
            }
            if (b.message_body != nullptr) {
                w.key("body");
                body_object(*b.message_body);
            }
        }
        // Extension fields, in wire order, only those the server sent.
        int fields = b.extension_fields;
        if (b.multipart && fields > 0) {
            w.key("params");
            params(b.params);
            --fields;
        }
        if (!b.multipart && fields > 0) {
            w.key("md5");
            value(b.md5);
            --fields;
        }
        if (fields > 0) {
            w.key("disposition");
            if (b.disposition.type.is_nil()) {
                w.null();
            } else {
                w.begin_object();
                w.key("type");
                value(b.disposition.type);
                w.key("params");
                params(b.disposition.params);
                w.end_object();
            }
            --fields;
        }
        if (fields > 0) {
            w.key("language");
            w.begin_array();
            for (const string_value& l : b.language) {
                value(l);
            }
            w.end_array();
            --fields;
        }
        if (fields > 0) {
            w.key("location");
            value(b.location);
        }
        if (!b.extensions.empty()) {
            w.key("extensions");
            w.string(b.extensions);
        }
        w.end_object();
    }

    void fetch_items(const fetch_data& f) {
        w.begin_object();
        for (const fetch_item& i : f.items) {
            w.key(i.name);
            switch (i.kind) {
                case fetch_item_kind::flags:
                case fetch_item_kind::x_gm_labels:
                    strings(i.flags);
                    break;
                case fetch_item_kind::uid:
                case fetch_item_kind::rfc822_size:
                case fetch_item_kind::modseq:
                case fetch_item_kind::binary_size:
                case fetch_item_kind::x_gm_msgid:
                case fetch_item_kind::x_gm_thrid:
                    w.unsigned_number(i.number);
                    break;
                case fetch_item_kind::envelope:
                    envelope_object(*i.env);
                    break;
                case fetch_item_kind::body:
                case fetch_item_kind::bodystructure:
                    body_object(*i.structure);
                    break;
                case fetch_item_kind::internaldate:
                case fetch_item_kind::body_section:
                case fetch_item_kind::binary:
                case fetch_item_kind::rfc822:
                case fetch_item_kind::rfc822_header:
                case fetch_item_kind::rfc822_text:
                    value(i.value);
                    break;
                case fetch_item_kind::unknown:
                    if (i.value.form != string_form::nil) {
                        value(i.value);
                    } else {
                        w.begin_object();
                        w.key("raw");
                        w.string(i.raw);
                        w.end_object();
                    }
                    break;
            }
        }
        w.end_object();
    }

    void code(const response_code& c) {
        w.begin_object();
        w.key("name");
        w.string(c.name);
        w.key("args");
        w.string(c.raw_args);
        switch (c.kind) {
            case code_kind::uidnext:
            case code_kind::uidvalidity:
            case code_kind::unseen:
            case code_kind::highestmodseq:
                w.key("number");
                w.unsigned_number(c.number);
                break;
            case code_kind::capability:
            case code_kind::permanentflags:
            case code_kind::badcharset:
                w.key("list");
                strings(c.list);
                break;
            case code_kind::appenduid:
            case code_kind::copyuid:
                w.key("uidvalidity");
                w.unsigned_number(c.number);
                w.key("uid_set");
                w.string(c.uid_set);
                if (c.kind == code_kind::copyuid) {
                    w.key("dest_uid_set");
                    w.string(c.dest_uid_set);
                }
                break;
            default:
                break;
        }
        w.end_object();
    }

    void data(const response& r) {
        w.key("data");
        w.string(r.kind == data_kind::other ? r.keyword : to_string(r.kind));
        switch (r.kind) {
            case data_kind::capability:
            case data_kind::enabled:
            case data_kind::flags:
                w.key("list");
                strings(r.atoms);
                break;
            case data_kind::exists:
            case data_kind::recent:
            case data_kind::expunge:
                w.key("number");
                w.unsigned_number(r.number);
                break;
            case data_kind::fetch:
                w.key("number");
                w.unsigned_number(r.number);
                w.key("items");
                fetch_items(r.fetch);
                break;
            case data_kind::id:
                w.key("params");
                params(r.id);
                break;
            case data_kind::namespace_: {
                const std::pair<const char*, std::span<const namespace_desc>> groups[] = {
                    {"personal", r.namespaces.personal},
                    {"other_users", r.namespaces.other_users},
                    {"shared", r.namespaces.shared},
                };
                for (const auto& [name, list] : groups) {
                    w.key(name);
                    w.begin_array();
                    for (const namespace_desc& d : list) {
                        w.begin_object();
                        w.key("prefix");
                        value(d.prefix);
                        w.key("delimiter");
                        value(d.delimiter);
                        if (!d.extensions.empty()) {
                            w.key("extensions");
                            w.string(d.extensions);
                        }
                        w.end_object();
                    }
                    w.end_array();
                }
                break;
            }
            case data_kind::list:
            case data_kind::lsub:
                w.key("flags");
                strings(r.list.flags);
                w.key("delimiter");
                value(r.list.delimiter);
                w.key("mailbox");
                value(r.list.mailbox);
                if (!r.list.extended.empty()) {
                    w.key("extended");
                    w.begin_array();
                    for (const list_ext_item& e : r.list.extended) {
                        w.begin_object();
                        w.key("tag");
                        value(e.tag);
                        w.key("raw");
                        w.string(e.raw);
                        w.end_object();
                    }
                    w.end_array();
                }
                break;
            case data_kind::status:
                w.key("mailbox");
                value(r.mailbox_status.mailbox);
                w.key("items");
                w.begin_object();
                for (const status_item& i : r.mailbox_status.items) {
                    w.key(i.name);
                    w.unsigned_number(i.value);
                }
                w.end_object();
                break;
            case data_kind::search:
                w.key("keyword");
                w.string(r.keyword);
                w.key("numbers");
                w.begin_array();
                for (std::uint32_t n : r.search.numbers) {
                    w.unsigned_number(n);
                }
                w.end_array();
                if (r.search.has_modseq) {
                    w.key("modseq");
                    w.unsigned_number(r.search.modseq);
                }
                break;
            case data_kind::esearch:
                w.key("tag");
                value(r.esearch.tag);
                w.key("uid");
                w.boolean(r.esearch.uid);
                w.key("items");
                w.begin_array();
                for (const esearch_item& i : r.esearch.items) {
                    w.begin_array();
                    w.string(i.name);
                    w.string(i.raw);
                    w.end_array();
                }
                w.end_array();
                break;
            case data_kind::vanished:
                w.key("earlier");
                w.boolean(r.vanished.earlier);
                w.key("uid_set");
                w.string(r.vanished.uid_set);
                break;
            case data_kind::other:
                w.key("raw");
                w.string(r.raw);
                break;
            case data_kind::none:
                break;
        }
    }
};

}  // namespace

void response_to_json(std::string& out, const response& r, bool with_literals) {
    json_writer w(out);
    render R{w, with_literals};
    w.begin_object();
    w.key("type");
    w.string(to_string(r.type));
    w.key("offset");
    w.unsigned_number(r.offset);
    switch (r.type) {
        case response_type::malformed:
            if (!r.tag.empty()) {
                w.key("tag");
                w.string(r.tag);
            }
            if (r.status != status_kind::none) {
                w.key("status");
                w.string(to_string(r.status));
            }
            w.key("error");
            w.begin_object();
            w.key("kind");
            w.string(to_string(r.error.kind));
            w.key("offset");
            w.unsigned_number(r.error.offset);
            w.key("expected");
            w.string(r.error.expected);
            w.end_object();
            w.key("raw");
            w.string(r.raw);
            break;
        case response_type::continuation:
            w.key("text");
            w.string(r.continuation);
            break;
        case response_type::tagged:
        case response_type::untagged:
            if (r.type == response_type::tagged) {
                w.key("tag");
                w.string(r.tag);
            }
            if (r.status != status_kind::none) {
                w.key("status");
                w.string(to_string(r.status));
                if (r.code.kind != code_kind::none) {
                    w.key("code");
                    R.code(r.code);
                }
                w.key("text");
                w.string(r.text);
            } else {
                R.data(r);
            }
            break;
    }
    w.end_object();
}

namespace {

int usage() {
    std::fputs(
        "usage: uvimap parse [--literals] [--stats] [FILE|-]\n"
        "  Parses a raw IMAP server byte stream and prints one JSON object per\n"
        "  response per line (see docs/parse-json.md).\n"
        "  --literals  also print the bytes of literals\n"
        "  --stats     print bytes, responses and MB/s instead\n",
        stderr);
    return 64;
}

struct input {
    std::FILE* file = nullptr;
    bool owned = false;
    ~input() {
        if (owned && file != nullptr) {
            std::fclose(file);
        }
    }
};

constexpr std::size_t k_chunk = 64 * 1024;

}  // namespace

int run_parse(int argc, char** argv) {
    bool literals = false;
    bool stats = false;
    const char* path = nullptr;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--literals") {
            literals = true;
        } else if (arg == "--stats") {
            stats = true;
        } else if (arg == "-h" || arg == "--help") {
            usage();
            return 0;
        } else if (arg.size() > 1 && arg[0] == '-') {
            return usage();
        } else if (path == nullptr) {
            path = argv[i];
        } else {
            return usage();
        }
    }
    input in;
    if (path == nullptr || std::string_view(path) == "-") {
        in.file = stdin;
    } else {
        in.file = std::fopen(path, "rb");
        in.owned = true;
        if (in.file == nullptr) {
            std::fprintf(stderr, "uvimap parse: cannot open %s: %s\n", path, std::strerror(errno));
            return 2;
        }
    }

    wire::parser p;
    std::uint64_t bytes = 0;
    std::uint64_t responses = 0;
    std::uint64_t malformed = 0;
    std::string line;
    auto drain = [&]() -> wire::parse_status {
        wire::parse_status st;
        while ((st = p.next()) == wire::parse_status::ready) {
            ++responses;
            if (p.current().type == wire::response_type::malformed) {
                ++malformed;
            }
            if (!stats) {
                line.clear();
                response_to_json(line, p.current(), literals);
                line.push_back('\n');
                std::fwrite(line.data(), 1, line.size(), stdout);
            }
        }
        return st;
    };

    // For --stats the input is read first, so that the figure is the
    // parser's speed and not the disk's or the pipe's.
    std::vector<char> all;
    if (stats) {
        std::size_t n = 0;
        do {
            all.resize(all.size() + k_chunk);
            n = std::fread(all.data() + all.size() - k_chunk, 1, k_chunk, in.file);
            all.resize(all.size() - k_chunk + n);
        } while (n > 0);
    }
    const auto start = std::chrono::steady_clock::now();
    wire::parse_status st = wire::parse_status::need_more;
    std::size_t stats_pos = 0;
    for (;;) {
        std::size_t n = 0;
        if (stats) {
            n = std::min(k_chunk, all.size() - stats_pos);
            if (n > 0) {
                p.feed({all.data() + stats_pos, n});
                stats_pos += n;
            }
        } else {
            std::span<char> buf = p.prepare(k_chunk);
            n = std::fread(buf.data(), 1, buf.size(), in.file);
            p.commit(n);
        }
        bytes += n;
        st = drain();
        if (st == wire::parse_status::failed || n == 0) {
            break;
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fflush(stdout);
    if (st == wire::parse_status::failed) {
        const wire::parse_error& e = p.error();
        std::fprintf(stderr, "uvimap parse: framing error %s at byte %llu: expected %.*s\n",
                     std::string(wire::to_string(e.kind)).c_str(),
                     static_cast<unsigned long long>(e.offset), static_cast<int>(e.expected.size()),
                     e.expected.data());
        return 2;
    }
    if (stats) {
        std::string out;
        json_writer w(out);
        w.begin_object();
        w.key("bytes");
        w.unsigned_number(bytes);
        w.key("responses");
        w.unsigned_number(responses);
        w.key("malformed");
        w.unsigned_number(malformed);
        w.key("seconds");
        w.real(seconds);
        w.key("mb_per_s");
        w.real(seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0);
        w.end_object();
        std::puts(out.c_str());
    }
    if (p.buffered() > 0 || p.pending_literal() > 0) {
        std::fprintf(stderr,
                     "uvimap parse: input ends inside a response (%zu bytes held, %llu literal "
                     "bytes missing)\n",
                     p.buffered(), static_cast<unsigned long long>(p.pending_literal()));
        return 2;
    }
    return malformed > 0 ? 1 : 0;
}

}  // namespace uvimap::app
