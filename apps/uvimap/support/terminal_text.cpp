#include "terminal_text.hpp"

#include "ascii.hpp"
#include "uvimap/wire/utf8.hpp"

namespace uvimap::app {

namespace {

bool is_printable_ascii(unsigned char b) {
    return b >= 0x20 && b < 0x7f;
}

bool needs_escape(std::uint32_t cp) {
    return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

void append_code_point_escape(std::string& out, std::uint32_t cp) {
    append_hex_byte(out, "\\u", static_cast<unsigned char>(cp >> 8), hex_case::lower);
    append_hex_byte(out, "", static_cast<unsigned char>(cp & 0xff), hex_case::lower);
}

}  // namespace

void append_sanitized(std::string& out, std::string_view text) {
    out.reserve(out.size() + text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (is_printable_ascii(byte)) {
            // The common case: copy the run of printable ASCII at once.
            std::size_t end = pos + 1;
            while (end < text.size() && is_printable_ascii(static_cast<unsigned char>(text[end])))
                ++end;
            out.append(text, pos, end - pos);
            pos = end;
            continue;
        }
        if (byte < 0x80) {
            append_hex_byte(out, "\\x", byte, hex_case::lower);  // C0 or DEL
            ++pos;
            continue;
        }
        const wire::utf8_sequence sequence = wire::decode_utf8(text, pos);
        if (sequence.length == 0) {
            append_hex_byte(out, "\\x", byte, hex_case::lower);
            ++pos;
        } else {
            if (needs_escape(sequence.code_point))
                append_code_point_escape(out, sequence.code_point);
            else
                out.append(text, pos, sequence.length);
            pos += sequence.length;
        }
    }
}

std::string sanitize_for_terminal(std::string_view text) {
    std::string out;
    append_sanitized(out, text);
    return out;
}

std::string sanitized_words(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) {
        if (!out.empty()) {
            out += ' ';
        }
        append_sanitized(out, word);
    }
    return out;
}

}  // namespace uvimap::app
