#include "uvimap/wire/mutf7.hpp"

#include <cstdint>

#include "base64.hpp"
#include "uvimap/wire/utf8.hpp"

namespace uvimap::wire {
namespace {

bool is_printable_ascii(std::uint32_t c) {
    return c >= 0x20 && c <= 0x7e;
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
            out += detail::base64_digit((acc >> nbits) & 0x3f, detail::k_mutf7_digit63);
        }
        acc &= (1u << nbits) - 1;
    }
    if (nbits > 0)
        out += detail::base64_digit((acc << (6 - nbits)) & 0x3f, detail::k_mutf7_digit63);
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
            const int v = detail::base64_value(b, detail::k_mutf7_digit63);
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
        const auto [cp, len] = decode_utf8(utf8, i);
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
