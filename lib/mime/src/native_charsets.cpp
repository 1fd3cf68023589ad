#include "native_charsets.hpp"

#include <algorithm>

#include "utf8_scan.hpp"

namespace uvimap::mime::detail {
namespace {

// windows-1252 0x80..0x9F in UTF-8; the rest of the charset is ISO-8859-1.
constexpr std::string_view k_windows1252_c1[32] = {
    "\xe2\x82\xac", "\xc2\x81",     "\xe2\x80\x9a", "\xc6\x92",     "\xe2\x80\x9e", "\xe2\x80\xa6",
    "\xe2\x80\xa0", "\xe2\x80\xa1", "\xcb\x86",     "\xe2\x80\xb0", "\xc5\xa0",     "\xe2\x80\xb9",
    "\xc5\x92",     "\xc2\x8d",     "\xc5\xbd",     "\xc2\x8f",     "\xc2\x90",     "\xe2\x80\x98",
    "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\xa2", "\xe2\x80\x93", "\xe2\x80\x94",
    "\xcb\x9c",     "\xe2\x84\xa2", "\xc5\xa1",     "\xe2\x80\xba", "\xc5\x93",     "\xc2\x9d",
    "\xc5\xbe",     "\xc5\xb8",
};

void append_windows1252(unsigned char b, std::string& out) {
    if (b < 0x80) {
        out += static_cast<char>(b);
    } else if (b < 0xa0) {
        out += k_windows1252_c1[b - 0x80];
    } else {
        // U+00A0..U+00FF: two bytes, C2 or C3 then the low six bits.
        out += static_cast<char>(0xc0 | (b >> 6));
        out += static_cast<char>(0x80 | (b & 0x3f));
    }
}

}  // namespace

void decode_utf8(std::string_view in, input_end end, std::string& out, problem_set& problems) {
    std::size_t i = 0;
    while (i < in.size()) {
        const utf8_step step = scan_utf8(in, i);
        if (step.status == utf8_status::valid) {
            out.append(in, i, step.length);
        } else if (step.status == utf8_status::incomplete && end == input_end::truncated) {
            return;
        } else {
            out += k_replacement_character;
            problems.add(problem::invalid_characters);
        }
        i += step.length;
    }
}

void decode_windows1252(std::string_view in, std::string& out) {
    for (char c : in)
        append_windows1252(static_cast<unsigned char>(c), out);
}

bool decode_guessed(std::string_view in, input_end end, std::string& out) {
    std::size_t i = 0;
    while (i < in.size()) {
        const utf8_step step = scan_utf8(in, i);
        if (step.status == utf8_status::valid) {
            out.append(in, i, step.length);
            i += step.length;
        } else if (step.status == utf8_status::incomplete && end == input_end::truncated) {
            break;
        } else {
            append_windows1252(static_cast<unsigned char>(in[i]), out);
            ++i;
        }
    }
    return std::any_of(in.begin(), in.end(), [](char c) { return (c & 0x80) != 0; });
}

}  // namespace uvimap::mime::detail
