#include "utf8_scan.hpp"

#include <cstdint>

namespace uvimap::mime::detail {
namespace {

// What a lead byte announces: the sequence length and the range allowed for
// the byte after it. The narrowed ranges after E0, ED, F0 and F4 are what
// exclude overlong forms, surrogates and code points above U+10FFFF.
struct lead_byte {
    std::uint8_t length = 0;  // 0: the byte never starts a sequence
    std::uint8_t second_min = 0x80;
    std::uint8_t second_max = 0xbf;
};

lead_byte describe_lead(unsigned char b) {
    switch (b) {
        case 0xe0:
            return {3, 0xa0, 0xbf};
        case 0xed:
            return {3, 0x80, 0x9f};
        case 0xf0:
            return {4, 0x90, 0xbf};
        case 0xf4:
            return {4, 0x80, 0x8f};
        default:
            break;
    }
    if (b < 0x80)
        return {1};
    if (b >= 0xc2 && b <= 0xdf)
        return {2};
    if (b >= 0xe1 && b <= 0xef)
        return {3};
    if (b >= 0xf1 && b <= 0xf3)
        return {4};
    return {};
}

}  // namespace

utf8_step scan_utf8(std::string_view text, std::size_t pos) {
    const lead_byte lead = describe_lead(static_cast<unsigned char>(text[pos]));
    if (lead.length == 0)
        return {utf8_status::invalid, 1};
    for (std::size_t n = 1; n < lead.length; ++n) {
        if (pos + n == text.size())
            return {utf8_status::incomplete, n};
        const auto b = static_cast<unsigned char>(text[pos + n]);
        const unsigned char min = n == 1 ? lead.second_min : 0x80;
        const unsigned char max = n == 1 ? lead.second_max : 0xbf;
        if (b < min || b > max)
            return {utf8_status::invalid, n};
    }
    return {utf8_status::valid, lead.length};
}

}  // namespace uvimap::mime::detail
