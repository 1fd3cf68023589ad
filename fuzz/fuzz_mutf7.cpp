// fuzz_mutf7: modified UTF-7 never crashes and round-trips.
//
// - decode_mutf7 of any bytes either fails with an offset inside the input,
//   or succeeds with well-formed UTF-8 that encode_mutf7 turns back into the
//   very same bytes (the encoding is unique, so accepted input is canonical).
// - encode_mutf7 of well-formed UTF-8 without NUL succeeds, and decoding the
//   result gives the UTF-8 back.
// - The mailbox_name wrappers agree with the functions they wrap.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "uvimap/wire/mutf7.hpp"

using namespace uvimap::wire;

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "mutf7 property broken: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    const auto decoded = decode_mutf7(input);
    if (decoded) {
        if (find_invalid_utf8(*decoded) != std::string_view::npos) {
            fail("decode produced invalid UTF-8");
        }
        const auto encoded = encode_mutf7(*decoded);
        if (!encoded) {
            fail("encode refused what decode produced");
        }
        if (*encoded != input) {
            fail("decode then encode did not reproduce accepted input");
        }
    } else if (decoded.error().offset > input.size()) {
        fail("decode error offset past the end of the input");
    }

    const bool valid_utf8 = find_invalid_utf8(input) == std::string_view::npos;
    const bool has_nul = input.find('\0') != std::string_view::npos;
    const auto encoded = encode_mutf7(input);
    if (valid_utf8 && !has_nul) {
        if (!encoded) {
            fail("encode refused well-formed UTF-8");
        }
        const auto back = decode_mutf7(*encoded);
        if (!back || *back != input) {
            fail("encode then decode did not give the input back");
        }
    } else if (encoded) {
        fail("encode accepted invalid UTF-8 or a NUL");
    }

    const auto wrapped = decode_mailbox_name(input, name_encoding::mutf7);
    if (static_cast<bool>(wrapped) != static_cast<bool>(decoded) ||
        (wrapped && *wrapped != *decoded)) {
        fail("decode_mailbox_name(mutf7) disagrees with decode_mutf7");
    }
    const auto passthrough = decode_mailbox_name(input, name_encoding::utf8);
    if (passthrough && *passthrough != input) {
        fail("decode_mailbox_name(utf8) changed well-formed UTF-8");
    }
    return 0;
}
