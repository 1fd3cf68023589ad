#include "uvimap/wire/mutf7.hpp"

#include <cstdint>

namespace uvimap::wire {
namespace {

constexpr char k_base64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int base64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == ',')
        return 63;
    return -1;
}

bool is_printable_ascii(std::uint32_t c) {
    return c >= 0x20 && c <= 0x7e;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

// Decodes one UTF-8 sequence at `pos`. Returns its length, or 0 when the bytes
// there are not a well-formed sequence (RFC 3629 table, which excludes
// overlong forms, surrogates and code points above U+10FFFF).
std::size_t decode_utf8_at(std::string_view s, std::size_t pos, std::uint32_t& cp) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(pos);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        len = 2;
        cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        len = 3;
        cp = b0 & 0x0f;
        if (b0 == 0xe0)
            lo = 0xa0;
        if (b0 == 0xed)
            hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        len = 4;
        cp = b0 & 0x07;
        if (b0 == 0xf0)
            lo = 0x90;
        if (b0 == 0xf4)
            hi = 0x8f;
    } else {
        return 0;
    }
    if (s.size() - pos < len)
        return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char b = byte(pos + k);
        // Only the second byte has the narrowed range; the rest are plain
        // continuation bytes.
        const unsigned char min = (k == 1) ? lo : 0x80;
        const unsigned char max = (k == 1) ? hi : 0xbf;
        if (b < min || b > max)
            return 0;
        cp = (cp << 6) | (b & 0x3f);
    }
    return len;
}

// Encodes a run of UTF-16 units as `&<modified base64>-`.
void flush_run(std::string& out, const std::u16string& run) {
    out += '&';
    std::uint32_t acc = 0;
    int nbits = 0;
    for (char16_t unit : run) {
        acc = (acc << 16) | unit;
        nbits += 16;
        while (nbits >= 6) {
            nbits -= 6;
            out += k_base64_alphabet[(acc >> nbits) & 0x3f];
        }
        acc &= (1u << nbits) - 1;
    }
    if (nbits > 0)
        out += k_base64_alphabet[(acc << (6 - nbits)) & 0x3f];
    out += '-';
}

}  // namespace

std::string_view to_string(mutf7_errc code) {
    switch (code) {
        case mutf7_errc::invalid_character:
            return "byte outside printable US-ASCII";
        case mutf7_errc::unterminated_shift:
            return "'&' without closing '-'";
        case mutf7_errc::invalid_base64:
            return "invalid modified base64 character";
        case mutf7_errc::invalid_padding:
            return "non-zero or excess padding bits in shifted run";
        case mutf7_errc::encoded_printable_ascii:
            return "printable US-ASCII must not be base64-encoded";
        case mutf7_errc::adjacent_shifted_runs:
            return "adjacent shifted runs must be merged";
        case mutf7_errc::unpaired_surrogate:
            return "unpaired UTF-16 surrogate";
        case mutf7_errc::invalid_utf8:
            return "invalid UTF-8";
        case mutf7_errc::nul_character:
            return "NUL character in mailbox name";
    }
    return "unknown modified UTF-7 error";
}

std::size_t find_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::uint32_t cp = 0;
        const std::size_t len = decode_utf8_at(text, i, cp);
        if (len == 0)
            return i;
        i += len;
    }
    return std::string_view::npos;
}

expected<std::string, mutf7_error> decode_mutf7(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    // True when the previous token was a base64 run, so that a second run
    // starting right here would be a non-canonical split of one run.
    bool after_run = false;
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        if (c != '&') {
            if (!is_printable_ascii(c)) {
                return unexpected{mutf7_error{mutf7_errc::invalid_character, i}};
            }
            out += static_cast<char>(c);
            ++i;
            after_run = false;
            continue;
        }
        if (i + 1 < in.size() && in[i + 1] == '-') {
            out += '&';
            i += 2;
            after_run = false;
            continue;
        }
        if (after_run)
            return unexpected{mutf7_error{mutf7_errc::adjacent_shifted_runs, i}};
        const std::size_t run_start = i;
        ++i;
        std::uint32_t acc = 0;
        int nbits = 0;
        std::uint32_t high = 0;  // pending high surrogate, 0 if none
        std::size_t high_offset = 0;
        for (;;) {
            if (i >= in.size()) {
                return unexpected{mutf7_error{mutf7_errc::unterminated_shift, run_start}};
            }
            const auto b = static_cast<unsigned char>(in[i]);
            if (b == '-')
                break;
            const int v = base64_value(b);
            if (v < 0)
                return unexpected{mutf7_error{mutf7_errc::invalid_base64, i}};
            acc = (acc << 6) | static_cast<std::uint32_t>(v);
            nbits += 6;
            if (nbits >= 16) {
                nbits -= 16;
                const std::uint32_t unit = (acc >> nbits) & 0xffff;
                acc &= (1u << nbits) - 1;
                if (high != 0) {
                    if (unit < 0xdc00 || unit > 0xdfff) {
                        return unexpected{mutf7_error{mutf7_errc::unpaired_surrogate, high_offset}};
                    }
                    append_utf8(out, 0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00));
                    high = 0;
                } else if (unit >= 0xd800 && unit <= 0xdbff) {
                    high = unit;
                    high_offset = i;
                } else if (unit >= 0xdc00 && unit <= 0xdfff) {
                    return unexpected{mutf7_error{mutf7_errc::unpaired_surrogate, i}};
                } else if (is_printable_ascii(unit)) {
                    return unexpected{mutf7_error{mutf7_errc::encoded_printable_ascii, i}};
                } else if (unit == 0) {
                    return unexpected{mutf7_error{mutf7_errc::nul_character, i}};
                } else {
                    append_utf8(out, unit);
                }
            }
            ++i;
        }
        // A whole spare base64 character (six or more bits) or non-zero
        // filler bits both mean the run is not the canonical encoding.
        if (nbits >= 6 || acc != 0)
            return unexpected{mutf7_error{mutf7_errc::invalid_padding, i}};
        if (high != 0)
            return unexpected{mutf7_error{mutf7_errc::unpaired_surrogate, high_offset}};
        ++i;  // the closing '-'
        after_run = true;
    }
    return out;
}

expected<std::string, mutf7_error> encode_mutf7(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size() + 8);
    std::u16string run;
    std::size_t i = 0;
    while (i < utf8.size()) {
        std::uint32_t cp = 0;
        const std::size_t len = decode_utf8_at(utf8, i, cp);
        if (len == 0)
            return unexpected{mutf7_error{mutf7_errc::invalid_utf8, i}};
        if (cp == 0)
            return unexpected{mutf7_error{mutf7_errc::nul_character, i}};
        i += len;
        if (is_printable_ascii(cp)) {
            if (!run.empty()) {
                flush_run(out, run);
                run.clear();
            }
            if (cp == '&') {
                out += "&-";
            } else {
                out += static_cast<char>(cp);
            }
        } else if (cp >= 0x10000) {
            const std::uint32_t v = cp - 0x10000;
            run += static_cast<char16_t>(0xd800 + (v >> 10));
            run += static_cast<char16_t>(0xdc00 + (v & 0x3ff));
        } else {
            run += static_cast<char16_t>(cp);
        }
    }
    if (!run.empty())
        flush_run(out, run);
    return out;
}

namespace {

expected<std::string, mutf7_error> check_utf8_name(std::string_view name) {
    if (const std::size_t bad = find_invalid_utf8(name); bad != std::string_view::npos) {
        return unexpected{mutf7_error{mutf7_errc::invalid_utf8, bad}};
    }
    if (const std::size_t nul = name.find('\0'); nul != std::string_view::npos) {
        return unexpected{mutf7_error{mutf7_errc::nul_character, nul}};
    }
    return std::string(name);
}

}  // namespace

expected<std::string, mutf7_error> encode_mailbox_name(std::string_view utf8,
                                                       name_encoding encoding) {
    if (encoding == name_encoding::mutf7)
        return encode_mutf7(utf8);
    return check_utf8_name(utf8);
}

expected<std::string, mutf7_error> decode_mailbox_name(std::string_view wire,
                                                       name_encoding encoding) {
    if (encoding == name_encoding::mutf7)
        return decode_mutf7(wire);
    return check_utf8_name(wire);
}

}  // namespace uvimap::wire
