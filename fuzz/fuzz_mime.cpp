// fuzz_mime: the mime decoders never crash, always return well-formed UTF-8,
// and a body cut anywhere and decoded as truncated gives a prefix of what
// the whole body gives.
//
// Input layout:
//   byte 0   bits 0-1: the transfer encoding (7bit, quoted-printable,
//            base64, an unknown one)
//            bits 2-6: the charset, an index into k_charsets
//   then     the bytes, used as a body, as a header value, as a header
//            block, and (split at ';' and '=') as a parameter list
// The prefix property is checked at every cut of short inputs, and at a
// spread of cuts of longer ones. Well-formedness is checked with the wire
// layer's UTF-8 validator, an implementation independent of the one tested.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "uvimap/mime/body_text.hpp"
#include "uvimap/mime/header_block.hpp"
#include "uvimap/mime/header_value.hpp"
#include "uvimap/mime/parameter.hpp"
#include "uvimap/mime/transfer_encoding.hpp"
#include "uvimap/mime/utf8_text.hpp"
#include "uvimap/wire/utf8.hpp"

using namespace uvimap::mime;

namespace {

const char* const k_encodings[] = {"7bit", "quoted-printable", "base64", "x-uuencode"};

// Native, iconv (stateless, stateful, with held-back characters, with
// multi-byte units), aliased, unknown and implausible labels.
const char* const k_charsets[32] = {
    "",          "utf-8",        "iso-8859-1",   "windows-1252", "us-ascii",
    "shift_jis", "iso-2022-jp",  "euc-jp",       "gb2312",       "big5",
    "euc-kr",    "utf-16",       "utf-16le",     "utf-32",       "utf-7",
    "koi8-r",    "windows-1255", "windows-1258", "iso-2022-kr",  "x-nonsense",
    "tis-620",   "iso-2022-cn",  "euc-tw",       "gb18030",      "iso-8859-8-i",
    "cp1251",    "macintosh",    "big5-hkscs",   "johab",        "utf-8//IGNORE",
    "ucs-2",     "unknown-8bit",
};

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "mime property broken: %s\n", what);
    std::abort();
}

void require_utf8(std::string_view text, const char* what) {
    if (uvimap::wire::find_invalid_utf8(text) != std::string_view::npos)
        fail(what);
}

// The cut positions to check: all of a short body, a spread of a long one.
std::vector<std::size_t> cuts_of(std::size_t size) {
    constexpr std::size_t k_max_cuts = 48;
    std::vector<std::size_t> cuts;
    if (size <= k_max_cuts) {
        for (std::size_t n = 0; n <= size; ++n)
            cuts.push_back(n);
    } else {
        for (std::size_t k = 0; k < k_max_cuts; ++k)
            cuts.push_back(size * k / k_max_cuts);
        for (std::size_t back = 1; back <= 6; ++back)
            cuts.push_back(size - back);
        std::sort(cuts.begin(), cuts.end());
    }
    return cuts;
}

void check_body(std::string_view body, const char* encoding, const char* charset,
                charset_converter& converter) {
    const transfer_encoding te = parse_transfer_encoding(encoding);
    const decoded_bytes whole_bytes = decode_transfer_encoding(body, te, input_end::complete);
    const decoded_text whole =
        decode_body_text(body, encoding, charset, input_end::complete, converter);
    require_utf8(whole.text, "body text is not UTF-8");
    std::string previous;
    for (std::size_t cut : cuts_of(body.size())) {
        const std::string_view prefix = body.substr(0, cut);
        const decoded_bytes bytes = decode_transfer_encoding(prefix, te, input_end::truncated);
        if (!whole_bytes.bytes.starts_with(bytes.bytes))
            fail("truncated transfer decoding is not a prefix of the whole");
        const decoded_text part =
            decode_body_text(prefix, encoding, charset, input_end::truncated, converter);
        require_utf8(part.text, "truncated body text is not UTF-8");
        if (!whole.text.starts_with(part.text))
            fail("truncated body text is not a prefix of the whole");
        if (!part.text.starts_with(previous))
            fail("more bytes made the truncated text shorter");
        previous = part.text;
    }
}

void check_text_helpers(std::string_view text) {
    const std::string collapsed = collapse_white_space(text);
    require_utf8(collapsed, "collapse_white_space broke UTF-8");
    if (collapsed.find("  ") != std::string::npos || collapsed.starts_with(' ') ||
        collapsed.ends_with(' '))
        fail("collapse_white_space left a run of spaces");
    const std::size_t count = count_code_points(collapsed);
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, count / 2, count, count + 1}) {
        const std::string_view first = first_code_points(collapsed, n);
        require_utf8(first, "first_code_points cut a character");
        if (count_code_points(first) != std::min(n, count))
            fail("first_code_points took the wrong number of characters");
    }
}

// "a=1;b*=utf-8''x;..." as a parameter list.
std::vector<parameter> parameters_of(std::string_view input) {
    std::vector<parameter> params;
    std::size_t start = 0;
    while (start <= input.size()) {
        const std::size_t end = std::min(input.find(';', start), input.size());
        const std::string_view item = input.substr(start, end - start);
        const std::size_t equals = item.find('=');
        if (equals != std::string_view::npos)
            params.push_back({item.substr(0, equals), item.substr(equals + 1)});
        start = end + 1;
    }
    return params;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::uint8_t options = data[0];
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const char* encoding = k_encodings[options & 3];
    const char* charset = k_charsets[(options >> 2) & 31];
    charset_converter converter;

    check_body(input, encoding, charset, converter);

    const decoded_text value = decode_header_value(input, converter);
    require_utf8(value.text, "header value is not UTF-8");
    check_text_helpers(value.text);

    for (const header_field& field : parse_header_block(input)) {
        if (field.name.empty() || field.name.find_first_of(": \t\r\n") != std::string::npos)
            fail("header field name is not a field name");
        if (field.value.find_first_of("\r\n") != std::string::npos)
            fail("header field value is not unfolded");
        require_utf8(decode_header_value(field.value, converter).text, "field is not UTF-8");
    }

    const std::vector<parameter> params = parameters_of(input);
    for (std::string_view name : {"filename", "name", "title"}) {
        if (const auto decoded = decode_parameter(params, name, converter))
            require_utf8(decoded->text, "parameter is not UTF-8");
    }
    return 0;
}
