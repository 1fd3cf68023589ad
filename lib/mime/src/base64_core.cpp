#include "base64_core.hpp"

#include <array>

#include "ascii.hpp"

namespace uvimap::mime::detail {
namespace {

// Each byte's value as a base64 digit (RFC 4648 §4 alphabet), or -1.
constexpr std::array<std::int8_t, 256> make_digit_values() {
    std::array<std::int8_t, 256> values{};
    values.fill(-1);
    constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        values[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return values;
}

constexpr std::array<std::int8_t, 256> k_digit_values = make_digit_values();

}  // namespace

std::size_t decode_base64_text(std::string_view text, base64_state& state, padding rule,
                               std::string& out) {
    std::size_t rejected = 0;
    for (char c : text) {
        if (const int value = k_digit_values[static_cast<unsigned char>(c)]; value >= 0) {
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
