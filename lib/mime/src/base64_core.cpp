#include "base64_core.hpp"

#include "ascii.hpp"

namespace uvimap::mime::detail {
namespace {

int digit_value(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

}  // namespace

std::size_t decode_base64_text(std::string_view text, base64_state& state, padding rule,
                               std::string& out) {
    std::size_t rejected = 0;
    for (char c : text) {
        if (const int value = digit_value(c); value >= 0) {
            state.padding_left = 0;
            state.bits = (state.bits << 6) | static_cast<std::uint32_t>(value);
            // Every digit after the first of a quantum completes a byte:
            // 6 + 6 bits hold the first, 12 + 6 the second, 18 + 6 the third.
            if (state.digits > 0) {
                const std::size_t spare_bits = 6 - 2 * state.digits;
                out += static_cast<char>((state.bits >> spare_bits) & 0xff);
                state.bits &= (1u << spare_bits) - 1;
            }
            state.digits = (state.digits + 1) % 4;
        } else if (c == '=') {
            if (state.digits >= 2) {
                // "xx=" or "xxx=" closes the quantum; its spare bits are filler.
                state.padding_left = 3 - state.digits;
                state.digits = 0;
                state.bits = 0;
                if (rule == padding::ends_data)
                    break;
            } else if (state.padding_left > 0) {
                --state.padding_left;
            } else {
                ++rejected;
            }
        } else if (!is_lwsp(c)) {
            ++rejected;
        }
    }
    return rejected;
}

}  // namespace uvimap::mime::detail
