// The prefix property: a body cut anywhere and decoded as truncated gives a
// prefix of what the whole body gives, never a U+FFFD the whole does not
// have, and (for charsets where it can be known) exactly the characters
// whose bytes the cut left whole. Checked at every cut position, for raw,
// quoted-printable and base64 bodies in a dozen charsets
// (prefix_samples.hpp, generated from Python's codecs).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "prefix_samples.hpp"
#include "uvimap/mime/body_text.hpp"
#include "uvimap/mime/charset_converter.hpp"
#include "uvimap/mime/transfer_encoding.hpp"
#include "uvimap/mime/utf8_text.hpp"

using namespace uvimap::mime;

namespace {

struct transfer_form {
    const char* encoding;
    std::string_view prefix_sample::*body;
};

const transfer_form k_forms[] = {
    {"8bit", &prefix_sample::raw},
    {"quoted-printable", &prefix_sample::quoted_printable},
    {"base64", &prefix_sample::base64},
};

// The characters of `sample` whose raw bytes all lie in the first `length`.
std::string_view whole_characters(const prefix_sample& sample, std::size_t length) {
    const auto complete = static_cast<std::size_t>(
        std::upper_bound(sample.boundaries.begin(), sample.boundaries.end(), length) -
        sample.boundaries.begin());
    return first_code_points(sample.text, complete);
}

void check_every_prefix(const prefix_sample& sample, const transfer_form& form,
                        charset_converter& converter) {
    const std::string_view body = sample.*form.body;
    const decoded_text whole =
        decode_body_text(body, form.encoding, sample.charset, input_end::complete, converter);
    CHECK(whole.text == sample.text);
    CHECK(!whole.problems.has(problem::invalid_characters));
    const transfer_encoding encoding = parse_transfer_encoding(form.encoding);
    std::string previous;
    for (std::size_t cut = 0; cut <= body.size(); ++cut) {
        CAPTURE(cut);
        const std::string_view prefix = body.substr(0, cut);
        const decoded_text part = decode_body_text(prefix, form.encoding, sample.charset,
                                                   input_end::truncated, converter);
        REQUIRE(whole.text.starts_with(part.text));
        // More bytes only ever extend the text.
        REQUIRE(std::string_view(part.text).starts_with(previous));
        CHECK(!part.problems.has(problem::invalid_characters));
        const decoded_bytes bytes =
            decode_transfer_encoding(prefix, encoding, input_end::truncated);
        REQUIRE(sample.raw.starts_with(bytes.bytes));
        if (sample.exact)
            REQUIRE(part.text == whole_characters(sample, bytes.bytes.size()));
        previous = part.text;
    }
}

// The bytes whose bits a base64 prefix holds: n digits carry 6n bits.
std::size_t base64_bytes_in(std::string_view prefix) {
    std::size_t digits = 0;
    for (char c : prefix) {
        if (c == '=')
            break;
        if (c != '\r' && c != '\n')
            ++digits;
    }
    return digits * 6 / 8;
}

}  // namespace

TEST_SUITE("mime: prefixes") {
    TEST_CASE("every prefix of every sample decodes to a prefix of the whole") {
        charset_converter converter;
        for (const prefix_sample& sample : k_prefix_samples) {
            for (const transfer_form& form : k_forms) {
                const std::string_view name = sample.name;
                const std::string_view encoding = form.encoding;
                CAPTURE(name);
                CAPTURE(encoding);
                check_every_prefix(sample, form, converter);
            }
        }
    }

    TEST_CASE("a base64 prefix gives every byte whose bits it holds") {
        for (const prefix_sample& sample : k_prefix_samples) {
            const std::string_view name = sample.name;
            CAPTURE(name);
            for (std::size_t cut = 0; cut <= sample.base64.size(); ++cut) {
                CAPTURE(cut);
                const std::string_view prefix = sample.base64.substr(0, cut);
                const decoded_bytes bytes = decode_transfer_encoding(
                    prefix, transfer_encoding::base64, input_end::truncated);
                REQUIRE(bytes.bytes.size() == std::min(base64_bytes_in(prefix), sample.raw.size()));
                CHECK(bytes.problems.empty());
            }
        }
    }
}
