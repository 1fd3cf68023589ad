#include "json_writer.hpp"

#include <fmt/format.h>

namespace uvimap::app {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if there is none.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char c = b(0);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + n > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(k) & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b(k) & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not valid.
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return n;
}

}  // namespace

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
                    if (const std::size_t n = utf8_length(value, i); n > 0) {
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

void json_writer::begin_object() {
    before_value();
    m_out.push_back('{');
    m_has_member.push_back(false);
}

void json_writer::end_object() {
    m_out.push_back('}');
    m_has_member.pop_back();
}

void json_writer::begin_array() {
    before_value();
    m_out.push_back('[');
    m_has_member.push_back(false);
}

void json_writer::end_array() {
    m_out.push_back(']');
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
