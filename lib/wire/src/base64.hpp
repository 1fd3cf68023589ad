// The base64 digit table, shared by the standard base64 of SASL (RFC 4648,
// base64.cpp) and the modified base64 of mailbox names (RFC 3501 §5.1.3,
// mutf7.cpp). The two alphabets differ only in digit 63, `/` or `,`, so one
// table and one lookup serve both.
#pragma once

#include <cstdint>

namespace uvimap::wire::detail {

// Digit 63 of each alphabet.
inline constexpr char k_base64_digit63 = '/';
inline constexpr char k_mutf7_digit63 = ',';

// The character for the 6-bit value `v` (0..63).
inline char base64_digit(std::uint32_t v, char digit63) {
    static constexpr char k_digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+";
    return v == 63 ? digit63 : k_digits[v];
}

// The 6-bit value of `c`, or -1 if `c` is not a digit of the alphabet whose
// digit 63 is `digit63`.
inline int base64_value(unsigned char c, char digit63) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == static_cast<unsigned char>(digit63))
        return 63;
    return -1;
}

}  // namespace uvimap::wire::detail
