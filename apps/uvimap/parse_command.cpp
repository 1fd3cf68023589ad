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
#include "uvimap/wire/response_visitor.hpp"

namespace uvimap::app {

namespace {

using namespace uvimap::wire;

// Writes the walk of a response (response_visitor.hpp) as JSON.
class json_visitor final : public response_visitor {
public:
    json_visitor(json_writer& w, bool with_literals) : m_w(w), m_with_literals(with_literals) {}

    void begin_object() override { m_w.begin_object(); }
    void end_object() override { m_w.end_object(); }
    void begin_array() override { m_w.begin_array(); }
    void end_array() override { m_w.end_array(); }
    void key(std::string_view name) override { m_w.key(name); }
    void text(std::string_view s) override { m_w.string(s); }
    void number(std::int64_t n) override { m_w.number(n); }
    void unsigned_number(std::uint64_t n) override { m_w.unsigned_number(n); }
    void boolean(bool b) override { m_w.boolean(b); }
    void null() override { m_w.null(); }

    // NIL is null, atoms and quoted strings are strings, literals are an
    // object that gives their size (and their bytes with --literals).
    void value(const string_value& s) override {
        switch (s.form) {
            case string_form::nil:
                m_w.null();
                return;
            case string_form::atom:
            case string_form::quoted:
                m_w.string(s.bytes);
                return;
            case string_form::literal:
            case string_form::binary_literal:
            case string_form::streamed:
                m_w.begin_object();
                m_w.key(s.form == string_form::literal          ? "literal"
                        : s.form == string_form::binary_literal ? "binary_literal"
                                                                : "streamed_literal");
                m_w.unsigned_number(s.size);
                if (m_with_literals && s.form != string_form::streamed) {
                    m_w.key("bytes");
                    m_w.string(s.bytes);
                }
                m_w.end_object();
                return;
        }
    }

private:
    json_writer& m_w;
    bool m_with_literals;
};

}  // namespace

void response_to_json(std::string& out, const response& r, bool with_literals) {
    json_writer w(out);
    json_visitor visitor(w, with_literals);
    walk_response(r, visitor);
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
