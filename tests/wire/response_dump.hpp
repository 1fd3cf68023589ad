// A canonical text dump of a parsed response, so that two parses of the same
// bytes can be compared member by member, and a literal sink that records
// what it receives. Shared by the wire tests and the fuzz targets (fuzz/), so
// it uses neither doctest nor the file system. The dump is the every-member
// walk of response_visitor.hpp, which reads every member of every struct and
// so also lets AddressSanitizer catch a view that points at freed memory.
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <sstream>
#include <string>
#include <string_view>

#include "uvimap/wire/parser.hpp"
#include "uvimap/wire/response_visitor.hpp"

namespace uvimap::wire::test {

// Renders the every-member walk of a response as compact text. Strings carry
// their length, so that no two different responses dump alike.
class dump_visitor final : public response_visitor {
public:
    explicit dump_visitor(std::ostream& o) : m_o(o) {}

    void begin_object() override { m_o << '{'; }
    void end_object() override { m_o << '}'; }
    void begin_array() override { m_o << '['; }
    void end_array() override { m_o << ']'; }
    void key(std::string_view name) override { m_o << ' ' << name << '='; }
    void value(const string_value& s) override {
        m_o << to_string(s.form) << ':' << s.size << ':';
        text(s.bytes);
    }
    void text(std::string_view s) override { m_o << s.size() << '"' << s << '"'; }
    void number(std::int64_t n) override { m_o << n << ';'; }
    void unsigned_number(std::uint64_t n) override { m_o << n << ';'; }
    void boolean(bool b) override { m_o << (b ? "true;" : "false;"); }
    void null() override { m_o << "null;"; }

private:
    std::ostream& m_o;
};

// Every member by default; walk_detail::sent gives what `uvimap parse`
// prints, without the members that only repeat the raw bytes.
inline std::string describe(const response& r, walk_detail detail = walk_detail::every_member) {
    std::ostringstream o;
    dump_visitor visitor(o);
    walk_response(r, visitor, detail);
    return o.str();
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
