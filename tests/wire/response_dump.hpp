// A canonical text dump of a parsed response, so that two parses of the same
// bytes can be compared member by member, and a literal sink that records
// what it receives. Shared by the wire tests and the fuzz targets (fuzz/), so
// it uses neither doctest nor the file system. The dump is the every-member
// walk of response_visitor.hpp, which reads every member of every struct and
// so also lets AddressSanitizer catch a view that points at freed memory.
#pragma once

#include <charconv>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "uvimap/wire/parser.hpp"
#include "uvimap/wire/response_visitor.hpp"

namespace uvimap::wire::test {

// Renders the every-member walk of a response as compact text. Strings carry
// their length, so that no two different responses dump alike.
class dump_visitor final : public response_visitor {
public:
    // Appends to `out`.
    explicit dump_visitor(std::string& out) : m_out(out) {}

    void begin_object() override { m_out += '{'; }
    void end_object() override { m_out += '}'; }
    void begin_array() override { m_out += '['; }
    void end_array() override { m_out += ']'; }
    void key(std::string_view name) override {
        m_out += ' ';
        m_out += name;
        m_out += '=';
    }
    void value(const string_value& s) override {
        m_out += to_string(s.form);
        m_out += ':';
        unsigned_number(s.size);
        text(s.bytes);
    }
    void text(std::string_view s) override {
        append_number(s.size());
        m_out += '"';
        m_out += s;
        m_out += '"';
    }
    void number(std::int64_t n) override {
        append_number(n);
        m_out += ';';
    }
    void unsigned_number(std::uint64_t n) override {
        append_number(n);
        m_out += ';';
    }
    void boolean(bool b) override { m_out += b ? "true;" : "false;"; }
    void null() override { m_out += "null;"; }

private:
    template <class N>
    void append_number(N n) {
        char buf[24];
        const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
        m_out.append(buf, end);
    }

    std::string& m_out;
};

// Every member by default; walk_detail::sent gives what `uvimap parse`
// prints, without the members that only repeat the raw bytes.
inline std::string describe(const response& r, walk_detail detail = walk_detail::every_member) {
    std::string out;
    dump_visitor visitor(out);
    walk_response(r, visitor, detail);
    return out;
}

// Whether a dump made by describe() is that of a malformed response.
inline bool dump_is_malformed(std::string_view dump) {
    return dump.starts_with("{ type=9\"malformed\"");
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
