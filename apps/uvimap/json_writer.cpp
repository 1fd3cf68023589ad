#include "json_writer.hpp"

#include <fmt/format.h>

#include "uvimap/wire/utf8.hpp"

namespace uvimap::app {

void json_writer::escape(std::string& out, std::string_view value) {
    out.push_back('"');
    std::size_t i = 0;
    while (i < value.size()) {
        const unsigned char c = static_cast<unsigned char>(value[i]);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c >= 0x80) {
                    if (const std::size_t n = wire::decode_utf8(value, i).length; n > 0) {
                        out.append(value.substr(i, n));
                        i += n;
                        continue;
                    }
                }
                out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                break;
        }
        ++i;
    }
    out.push_back('"');
}

void json_writer::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (!m_has_member.empty()) {
        if (m_has_member.back()) {
            m_out.push_back(',');
        }
        m_has_member.back() = true;
    }
}

void json_writer::open(char bracket) {
    before_value();
    m_out.push_back(bracket);
    m_has_member.push_back(false);
}

void json_writer::close(char bracket) {
    m_out.push_back(bracket);
    m_has_member.pop_back();
}

void json_writer::key(std::string_view name) {
    before_value();
    escape(m_out, name);
    m_out.push_back(':');
    m_after_key = true;
}

void json_writer::string(std::string_view value) {
    before_value();
    escape(m_out, value);
}

void json_writer::number(std::int64_t value) {
    before_value();
    fmt::format_to(std::back_inserter(m_out), "{}", value);
}

void json_writer::unsigned_number(std::uint64_t value) {
    before_value();
    fmt::format_to(std::back_inserter(m_out), "{}", value);
}

void json_writer::real(double value) {
    before_value();
    fmt::format_to(std::back_inserter(m_out), "{:.3f}", value);
}

void json_writer::boolean(bool value) {
    before_value();
    m_out += value ? "true" : "false";
}

void json_writer::null() {
    before_value();
    m_out += "null";
}

}  // namespace uvimap::app
