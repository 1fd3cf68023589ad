// Text in any charset a mail may declare, converted to UTF-8.
//
//   charset_converter converter;
//   decoded_text t = converter.to_utf8(bytes, "iso-8859-15");
//
// Which decoder reads the bytes:
// - UTF-8 and windows-1252 are decoded natively. Labels for ISO-8859-1
//   (latin1, iso8859-1, ...) are read as windows-1252, as mail clients and
//   browsers do (WHATWG Encoding Standard).
// - us-ascii, an empty label and the labels that admit to not knowing
//   (unknown-8bit, x-unknown, x-user-defined, ...) say nothing about 8-bit
//   bytes, which real mail has anyway: those bytes are read as UTF-8 where they
//   form UTF-8, and as windows-1252 elsewhere (problem::unlabelled_eight_bit).
// - Every other label goes to iconv, after mapping the aliases iconv lacks and
//   the subsets that mail clients read as their superset (gb2312 as GB18030,
//   ks_c_5601-1987 as windows-949, shift_jis as windows-31j, iso-2022-jp as
//   ISO-2022-JP-2, big5 as Big5-HKSCS, iso-8859-8-i as ISO-8859-8, ...).
//   UTF-16 and UTF-32 without a stated byte order follow the byte order mark,
//   big-endian without one.
// - A label iconv does not know, or that is not a plausible charset name, is
//   decoded like an unlabelled text and reported (problem::unknown_charset).
//
// Sequences that are invalid in the charset become U+FFFD. A truncated input
// (result.hpp) loses the character its end cuts, never gains a U+FFFD for
// it. A leading UTF-8 byte order mark is dropped. The result is always
// well-formed UTF-8.
//
// A converter owns the iconv descriptors it opened and reuses them; it holds
// no global state. It is not thread-safe: use one converter per thread (or
// per independent user), as each iconv descriptor carries conversion state.
// Creating one is cheap; descriptors are opened on first use.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "uvimap/mime/result.hpp"

namespace uvimap::mime {

namespace detail {
class iconv_cache;
}

class charset_converter {
public:
    charset_converter();
    ~charset_converter();
    charset_converter(charset_converter&&) noexcept;
    charset_converter& operator=(charset_converter&&) noexcept;
    charset_converter(const charset_converter&) = delete;
    charset_converter& operator=(const charset_converter&) = delete;

    // Converts `bytes` in the charset `label` (as a Content-Type charset
    // parameter, an encoded word or an RFC 2231 value gives it) to UTF-8.
    decoded_text to_utf8(std::string_view bytes, std::string_view label,
                         input_end end = input_end::complete);

    // The same, appending to `out` and adding to `problems`, for callers that
    // assemble a text from pieces in several charsets.
    void append_utf8(std::string& out, problem_set& problems, std::string_view bytes,
                     std::string_view label, input_end end = input_end::complete);

private:
    std::unique_ptr<detail::iconv_cache> m_cache;
};

}  // namespace uvimap::mime
